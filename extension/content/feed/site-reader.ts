import type { SelectorPack } from '@veneer/shared/packs';
import { FALLBACK_ATTRIBUTE, fallbackAdapter } from '../fallback-reader.ts';
import { builtInReader, type SiteAdapter, type SiteDefinition } from '../site-adapter.ts';

export type ReaderMode = 'pack' | 'fallback';

/**
 * How this page's posts are read: with its site's selector pack (the newest the background
 * verified and published, else the built-in one), or, once that pack finds no posts on a page
 * that should show some, with the fallback reader. A pack whose selectors this browser cannot
 * parse is refused here (the background checks everything else).
 */
export class SiteReader {
  adapter: SiteAdapter;
  mode: ReaderMode = 'pack';
  pack: SelectorPack;
  private readonly builtIn: SiteAdapter;
  /** The pack's reader, kept while the fallback reads (to notice when the pack finds posts again). */
  private packReader: SiteAdapter;

  constructor(private readonly definition: SiteDefinition) {
    this.pack = definition.pack;
    this.builtIn = builtInReader(definition);
    this.adapter = this.builtIn;
    this.packReader = this.builtIn;
  }

  /** The site's address rules (which pages should show posts), whatever the pack. */
  get expectsPosts(): SiteAdapter['expectsPosts'] {
    return this.builtIn.expectsPosts;
  }

  /**
   * Reads with `pack` (undefined: the built-in one) from now on: `changed` when the reader is
   * another than before (the page is then read again; a new pack replaces the fallback too, and
   * is tried afresh), `problem` when the pack is refused, `findsNothing` (its version) when a newer
   * pack finds no posts on this page while the one in use finds some.
   */
  usePack(pack: SelectorPack | undefined): { changed: boolean; problem?: string; findsNothing?: number } {
    const next = pack ?? this.definition.pack;
    // The same pack again (filters changed): the reader stays, the fallback too while it reads.
    if (next === this.pack || next.version === this.pack.version) return { changed: false };
    const broken = Object.entries(next.selectors).find(([, selector]) => !parses(selector));
    if (broken) {
      return {
        changed: false,
        problem: `Veneer's selector pack ${next.version} for ${this.definition.label} has a selector this browser cannot read (${broken[0]}); it keeps reading with the previous one.`,
      };
    }
    const reader = next === this.definition.pack ? this.builtIn : this.definition.reader(next);
    // A pack that finds no post where the one in use finds some is kept off this page (its posts
    // would show unfiltered until the page gave up on it); the background rolls it back.
    if (
      this.mode === 'pack' &&
      next.version > this.pack.version &&
      document.querySelector(this.adapter.postSelector) !== null &&
      document.querySelector(reader.postSelector) === null
    )
      return { changed: false, findsNothing: next.version };
    this.pack = next;
    this.leaveFallback();
    this.adapter = reader;
    this.packReader = reader;
    return { changed: true };
  }

  /**
   * While the fallback reads: whether the pack reads a post now (the page was slow, not changed).
   * A post it matches but cannot read does not count: that pack stays off.
   */
  packFindsPosts(): boolean {
    if (this.mode !== 'fallback') return false;
    let tried = 0;
    for (const element of document.querySelectorAll<HTMLElement>(this.packReader.postSelector)) {
      if (this.packReader.readPost(element)) return true;
      if (++tried >= 5) break;
    }
    return false;
  }

  /**
   * What the page keeps invisible until judged: the reader's posts and, while the fallback reads,
   * the pack's too (should they appear after all, they wait for the pack to be back).
   */
  get unjudgedSelector(): string {
    return this.mode === 'fallback'
      ? `${this.packReader.postSelector}, ${this.adapter.postSelector}`
      : this.adapter.postSelector;
  }

  /** Back to the pack's reader (it finds posts again). */
  usePackAgain(): void {
    this.leaveFallback();
    this.adapter = this.packReader;
  }

  /** The fallback's marks go with it. */
  private leaveFallback(): void {
    if (this.mode !== 'fallback') return;
    this.mode = 'pack';
    for (const item of document.querySelectorAll(`[${FALLBACK_ATTRIBUTE}]`))
      item.removeAttribute(FALLBACK_ATTRIBUTE);
  }

  /** Reads the page's repeated post-like items from now on (the pack found nothing). */
  useFallback(): void {
    this.mode = 'fallback';
    this.adapter = fallbackAdapter(this.definition.site, this.builtIn.expectsPosts);
  }
}

function parses(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
