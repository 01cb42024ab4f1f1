/** What a site adapter reads from one post. Missing parts are empty, never a crash. */
export interface SitePost {
  /** Stable across re-renders (the site's own id or permalink). */
  id: string;
  element: HTMLElement;
  text: string;
  author: string;
  link: string;
  images: HTMLImageElement[];
}

/** One per site and per file: how to find posts in that site's markup and read them. */
export interface SiteAdapter {
  readonly site: string;
  /** Matches every post element on the page. */
  readonly postSelector: string;
  readPost(element: HTMLElement): SitePost | null;
}
