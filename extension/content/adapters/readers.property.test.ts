import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInReader } from '../site-adapter.ts';
import { SITE_DEFINITIONS } from '../sites.ts';

/**
 * Every site's reader on random markup (fast-check): posts made of the sites' own element names,
 * attributes and slots, nested at random, with odd text, odd attribute values and missing parts.
 * No exception escapes a reader, and what it reads is a post or null, of only the kinds its site
 * says it marks, with no badge read where its site shows none.
 */
const TAGS = [
  'article',
  'div',
  'span',
  'a',
  'img',
  'p',
  'time',
  'h3',
  'section',
  'shreddit-post',
  'shreddit-ad-post',
  'shreddit-comment',
  'ytd-rich-item-renderer',
  'ytd-video-renderer',
  'ytd-compact-video-renderer',
  'ytd-comment-thread-renderer',
  'yt-lockup-view-model',
  'yt-formatted-string',
  'ytd-reel-shelf-renderer',
  'ytd-rich-section-renderer',
  'grid-shelf-view-model',
  'ytd-compact-promoted-video-renderer',
] as const;
const ATTRIBUTES = [
  'id',
  'href',
  'src',
  'slot',
  'data-testid',
  'author',
  'permalink',
  'post-title',
  'post-type',
  'thingid',
  'subreddit-prefixed-name',
  'title',
  'class',
  'datetime',
  'data-id',
  'aria-label',
  'role',
  'lang',
  'dir',
] as const;
const VALUES = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    '/',
    '//',
    'javascript:alert(1)',
    '/status/',
    '/x/status/123',
    'https://x.com/a/status/1',
    'tweet',
    'tweetText',
    'User-Name',
    'title',
    'text-body',
    'comment',
    'credit-bar',
    '/r/pics/comments/1/x/',
    'crosspost',
    't1_',
    't3_',
    '/@handle',
    '/watch?v=',
    '/shorts/x',
    'video-title',
    'http://[::1',
    '%E0%A4%A',
    'data:,',
    '\u0000',
    '\ud800',
  ),
);

interface Node {
  tag: (typeof TAGS)[number];
  attributes: Array<[string, string]>;
  text: string;
  children: Node[];
}
/** A tree of elements at most `depth` levels deep. */
const nodeOf = (depth: number): fc.Arbitrary<Node> =>
  fc.record({
    tag: fc.constantFrom(...TAGS),
    attributes: fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTES), VALUES), { maxLength: 4 }),
    text: fc.string({ maxLength: 40 }),
    children: depth === 0 ? fc.constant([]) : fc.array(nodeOf(depth - 1), { maxLength: 3 }),
  });
const node = nodeOf(4);

/** An element each site's reader takes for a post (its selector's own parts), to fill at random. */
const POST_ROOTS: Record<string, { tag: string; attributes: Array<[string, string]> }> = {
  x: { tag: 'article', attributes: [['data-testid', 'tweet']] },
  reddit: { tag: 'shreddit-post', attributes: [] },
  'old-reddit': {
    tag: 'div',
    attributes: [
      ['class', 'thing'],
      ['data-fullname', 't3_a'],
    ],
  },
  bluesky: { tag: 'div', attributes: [['data-testid', 'feedItem-by-alice']] },
  mastodon: {
    tag: 'div',
    attributes: [
      ['class', 'status'],
      ['data-id', '1'],
    ],
  },
  youtube: { tag: 'ytd-rich-item-renderer', attributes: [] },
};

/** A post element of the site with random attributes and content. */
const postOf = (site: string): fc.Arbitrary<Element> =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTES), VALUES), { maxLength: 5 }),
      fc.array(node, { maxLength: 4 }),
    )
    .map(([attributes, children]) => {
      const root = POST_ROOTS[site]!;
      const element = document.createElement(root.tag);
      for (const [name, value] of attributes) element.setAttribute(name, value);
      // Its own attributes last: it stays a post to the reader, whatever else it carries.
      for (const [name, value] of root.attributes) element.setAttribute(name, value);
      element.append(...children.map(build));
      return element;
    });

function build(spec: Node): Element {
  const element = document.createElement(spec.tag);
  for (const [name, value] of spec.attributes) element.setAttribute(name, value);
  element.append(spec.text, ...spec.children.map(build));
  return element;
}

describe('site readers on random markup', () => {
  for (const definition of SITE_DEFINITIONS) {
    const reader = builtInReader(definition);
    it(`${definition.id}: no exception, a post or null`, () => {
      let tried = 0;
      fc.assert(
        fc.property(
          fc.array(node, { maxLength: 3 }),
          fc.array(postOf(definition.id), { minLength: 1, maxLength: 3 }),
          (trees, posts) => {
            document.body.replaceChildren(...trees.map(build), ...posts);
            for (const element of document.querySelectorAll<HTMLElement>(reader.postSelector)) {
              tried++;
              const post = reader.readPost(element);
              if (post === null) continue;
              expect(typeof post.id).toBe('string');
              expect(typeof post.text).toBe('string');
              expect(Array.isArray(post.kinds)).toBe(true);
              for (const kind of post.kinds!) expect(definition.tells.kinds).toContain(kind);
              // Where the site shows badges, some posts still carry none to read (a comment, a shelf).
              if (!definition.tells.badge) expect(post.verified).toBeUndefined();
              else expect(['boolean', 'undefined']).toContain(typeof post.verified);
              post.images;
            }
          },
        ),
        { numRuns: 300 },
      );
      // The random trees held elements the reader takes for posts (it was really tried).
      expect(tried).toBeGreaterThan(100);
    });
  }
});
