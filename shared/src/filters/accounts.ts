/**
 * Who posted and what kind of post it is, as filters name them: accounts and communities written
 * the way people write them ("@handle", "r/name", a channel's name), and the kinds of post the site
 * adapters tell apart. Plain code with no schema library: content scripts use it.
 */

/**
 * Kinds of post. A post is `original` unless it is a `repost` (retweet, boost, Bluesky repost),
 * a `quote` or a `reply`; `promoted` (an ad or paid placement), `short` (YouTube Shorts), `live`
 * and `suggested` (who to follow, recommended, "because you watched") may come on top.
 */
export const POST_KINDS = [
  'original',
  'repost',
  'quote',
  'reply',
  'promoted',
  'short',
  'live',
  'suggested',
] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** How a reason names a kind of post ("hidden: repost"). */
export const POST_KIND_LABELS: Record<PostKind, string> = {
  original: 'original post',
  repost: 'repost',
  quote: 'quote',
  reply: 'reply',
  promoted: 'promoted',
  short: 'Short',
  live: 'live',
  suggested: 'suggested',
};

/** A post's kinds from what its adapter saw: `original` added when it is no repost, quote or reply. */
export function postKinds(seen: Iterable<PostKind>): PostKind[] {
  const kinds = new Set(seen);
  kinds.delete('original');
  if (!kinds.has('repost') && !kinds.has('quote') && !kinds.has('reply')) kinds.add('original');
  return POST_KINDS.filter((kind) => kinds.has(kind));
}

/** Who a post is from, as its adapter read it. Missing parts are unknown. */
export interface PostSource {
  /** The author's handle as the site writes it ("@alice", "alice.bsky.social", "@ann@mastodon.social"). */
  readonly author?: string;
  /** The author's display name ("Alice Liddell"). */
  readonly authorName?: string;
  /** The community: a subreddit ("r/pics"), a YouTube channel, a Mastodon instance. */
  readonly community?: string;
}

/**
 * An entry of a `from` list, read:
 * - `@alice` an account (on Mastodon, `@alice` is alice on any instance, `@alice@host` one of them);
 * - `u/alice` a Reddit account; `r/pics` a subreddit;
 * - anything else (`Nature Now`, `mastodon.social`) an account's handle or display name, or a
 *   community (a YouTube channel's name, a Mastodon instance).
 * Case, surrounding spaces and repeated spaces do not matter.
 */
export interface AccountEntry {
  readonly of: 'account' | 'community' | 'any';
  readonly name: string;
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export function parseAccountEntry(entry: string): AccountEntry | null {
  const text = squash(entry);
  if (!text) return null;
  if (text.startsWith('@')) return text.length > 1 ? { of: 'account', name: text.slice(1) } : null;
  const prefixed = /^\/?(u|user|r)\/(.+)$/.exec(text);
  if (prefixed)
    return prefixed[1] === 'r'
      ? { of: 'community', name: `r/${prefixed[2]}` }
      : { of: 'account', name: prefixed[2]! };
  return { of: 'any', name: text };
}

/** A handle without its leading @ or u/, in lower case: "alice", "ann@mastodon.social". */
const handleOf = (author: string) => squash(author).replace(/^(@|\/?u\/)/, '');

/** Accounts and communities a filter (or the allowlist) names, matched against posts. */
export class AccountSet {
  private readonly accounts = new Set<string>();
  private readonly communities = new Set<string>();
  private readonly names = new Set<string>();

  constructor(entries: Iterable<string>) {
    for (const raw of entries) {
      const entry = parseAccountEntry(raw);
      if (!entry) continue;
      if (entry.of === 'account') this.accounts.add(entry.name);
      else if (entry.of === 'community') this.communities.add(entry.name);
      else this.names.add(entry.name);
    }
  }

  get size(): number {
    return this.accounts.size + this.communities.size + this.names.size;
  }

  /** Whether the post is from one of these accounts or communities (unknown parts match nothing). */
  has(post: PostSource): boolean {
    if (post.author) {
      const handle = handleOf(post.author);
      // "@alice" names alice on any Mastodon instance; "@alice@host" one of them.
      const local = handle.includes('@') ? handle.slice(0, handle.indexOf('@')) : null;
      if (this.accounts.has(handle) || (local !== null && this.accounts.has(local))) return true;
      if (this.names.has(handle)) return true;
    }
    if (post.authorName && this.names.has(squash(post.authorName))) return true;
    if (post.community) {
      const community = squash(post.community);
      if (this.communities.has(community) || this.names.has(community)) return true;
    }
    return false;
  }
}

/**
 * A filter's `badge`: only posts whose author shows a verified badge (X's check, earned or paid;
 * a YouTube channel's; Bluesky's), or only those whose author shows none.
 */
export const AUTHOR_BADGES = ['verified', 'none'] as const;
export type AuthorBadge = (typeof AUTHOR_BADGES)[number];

/** What a filter asks of who posted and what kind of post it is; null when it asks nothing. */
export interface Gate {
  readonly from: AccountSet | null;
  readonly except: AccountSet | null;
  readonly kinds: ReadonlySet<PostKind> | null;
  readonly badge: AuthorBadge | null;
}

export function gateOf(filter: {
  from?: readonly string[];
  exceptFrom?: readonly string[];
  kinds?: readonly PostKind[];
  badge?: AuthorBadge;
}): Gate | null {
  const from = filter.from?.length ? new AccountSet(filter.from) : null;
  const except = filter.exceptFrom?.length ? new AccountSet(filter.exceptFrom) : null;
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const badge = filter.badge ?? null;
  return from || except || kinds || badge ? { from, except, kinds, badge } : null;
}

/** Who posted and what kind of post it is, as the Judge sees it (undefined: not known). */
export interface PostWho extends PostSource {
  readonly kinds?: readonly PostKind[];
  /** Whether the author shows a verified badge; undefined where the site shows none to read. */
  readonly verified?: boolean;
}

/**
 * Whether a post passes a filter's gate: from one of its accounts (when it names some), from none
 * of its exceptions, of one of its kinds (when it names some), with or without its author's badge
 * (when it names one). A post whose author, kinds or badge are not known (a site that shows no
 * badges; a page read by the fallback reader) passes no `from`, no `kinds` and no `badge`.
 */
export function admits(gate: Gate, post: PostWho): boolean {
  if (gate.from && !gate.from.has(post)) return false;
  if (gate.except?.has(post)) return false;
  if (gate.kinds) {
    if (!post.kinds) return false;
    if (!post.kinds.some((kind) => gate.kinds!.has(kind))) return false;
  }
  if (gate.badge) {
    const verified = post.verified;
    if (verified === undefined || verified !== (gate.badge === 'verified')) return false;
  }
  return true;
}
