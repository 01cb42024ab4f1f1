import { noticeChanges } from '../rewrite/modify.ts';
import type { SiteAdapter } from '../site-adapter.ts';

/**
 * The posts the page added or changed since the last scan: one MutationObserver marks every post
 * around each change dirty (its reader may change: a new pack, the fallback) and asks for a scan.
 */
export class PostChanges {
  readonly dirty = new Set<HTMLElement>();
  private readonly observer: MutationObserver;

  constructor(
    private readonly adapter: () => SiteAdapter,
    private readonly onChange: () => void,
  ) {
    this.observer = new MutationObserver((records) => this.read(records));
    this.observer.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'data-id', 'id', 'permalink', 'thingid'],
    });
  }

  /** Every post on the page, to be read again (new filters, a new reader). */
  markAll(): void {
    for (const element of document.querySelectorAll<HTMLElement>(this.adapter().postSelector))
      this.dirty.add(element);
  }

  /**
   * After Veneer changed the page in one go (a scan, a batch of verdicts): when every change
   * queued for the observer is one of the notices it put on or took off (as many as it moved;
   * no page script can run in between), they are dropped unread. Reading them back costs as much
   * as reading the page's own changes and finds nothing to judge; otherwise all are read as usual.
   */
  dropOwnNotices(noticesBefore: number): void {
    const moved = noticeChanges() - noticesBefore;
    if (moved === 0) return;
    const records = this.observer.takeRecords();
    if (records.length !== moved) this.read(records);
  }

  private read(records: MutationRecord[]): void {
    const { postSelector, postsIn } = this.adapter();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      // Every post around the change (a lockup can sit inside a grid item; both are read again).
      for (let owner = target?.closest<HTMLElement>(postSelector); owner; ) {
        this.dirty.add(owner);
        owner = owner.parentElement?.closest<HTMLElement>(postSelector);
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.matches(postSelector)) this.dirty.add(node);
        const posts = postsIn?.(node) ?? node.querySelectorAll<HTMLElement>(postSelector);
        for (const post of posts) this.dirty.add(post);
      }
    }
    this.onChange();
  }
}
