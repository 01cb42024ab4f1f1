import type { PostKind } from '@veneer/shared/filters/matching';
import type { ImageView, Verdict } from '@veneer/shared/judge';

/** A post as a site adapter reads it, over any element and image type (the DOM's, or fakes in tests). */
export interface FeedPost<E, I> {
  /** Stable across re-renders (the site's own id or permalink). */
  id: string;
  element: E;
  text: string;
  /** The author's handle as the site writes it; empty when not known. */
  author: string;
  /** The author's display name, the community (subreddit, channel, instance), where the site shows them. */
  authorName?: string;
  community?: string;
  /** The kinds of post (shared/src/filters/accounts.ts); undefined when the reader cannot tell. */
  kinds?: readonly PostKind[];
  /** Whether the author shows a verified badge; undefined where the site shows none to read. */
  readonly verified?: boolean;
  link: string;
  /** Looked up only when a check needs them. */
  readonly images: readonly I[];
  /** The part of the page it sits in, when that can show up later (SitePost.section): a change is judged again. */
  section?: string;
}

/** The on-device models and the cloud, as the feed engine uses them (feed-services.ts in pages). */
export interface FeedServices<I> {
  /** Each text check's answer (in `checks` order) for each text; throws when they cannot run. */
  checkTexts(checks: readonly string[], texts: readonly string[]): Promise<unknown[][]>;
  /** Each image's perceptual hash: null where the model could not read it, undefined where the page could not. */
  hashImages(images: readonly I[]): Promise<Array<string | null | undefined>>;
  /** What the image models see in each image (undefined where the page could not read it), and what failed. */
  lookAtImages(
    images: readonly I[],
    want: { nsfw: boolean; objects: boolean },
  ): Promise<{ views: Array<ImageView | undefined>; problems: string[] }>;
  /** The text inside an image, read by the inference node (cloud processing only). */
  readImageText(image: I): Promise<string[]>;
  /** Blurs the faces in an image, on the device or in the cloud; the page shows its progress. */
  blurFaces(image: I): void;
  /** What identifies an image's content (its address), to ask about each image once. */
  imageKey(image: I): string;
}

/** What the feed engine does to the page (feed-rewriter.ts): marks, notices, the original shown. */
export interface FeedView<E> {
  /**
   * Marks the post with its verdict (null: nothing matched); `onShow` runs when the user shows it;
   * `post`, who posted it (empty: not known) and its text (what "Hide posts like this" learns from).
   */
  apply(
    element: E,
    verdict: Verdict | null,
    onShow: () => void,
    post: { author: string; text: string },
  ): void;
  /** Marks a post the user chose to see as shown. */
  show(element: E): void;
  /** Takes every mark off, so the element is judged again. */
  forget(element: E): void;
  /** Whether the element carries a mark (a verdict, or shown). */
  isMarked(element: E): boolean;
  /** Applies the answers of a check to many posts at once (the page sees one change). */
  batch(apply: () => void): void;
}

/** What the page report counts (page-report.ts). */
export interface FeedReporter {
  postSeen(id: string, post?: { text: string; author: string }): void;
  postModified(id: string, verdict: Verdict): void;
  postRestored(id: string): void;
  resetVerdicts(): void;
  problem(message: string): void;
}
