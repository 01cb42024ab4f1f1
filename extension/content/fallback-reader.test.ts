import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_ATTRIBUTE, fallbackAdapter, findFeed, itemText } from './fallback-reader.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const MENU = `<nav><ul>${['Home', 'Explore', 'Notifications', 'Messages', 'Profile']
  .map((entry) => `<li><a href="/${entry.toLowerCase()}">${entry}</a></li>`)
  .join('')}</ul></nav>`;

const post = (n: number, text: string) =>
  `<div><div><a href="/someone">Some One</a> <a href="/someone/status/10000${n}"><time>2h</time></a></div><div>${text}</div><div><a href="/thread/root123456">Show thread</a></div></div>`;

describe('findFeed', () => {
  it('picks the repeated post-like items over a menu of short links', () => {
    document.body.innerHTML = `${MENU}<main><section>${[1, 2, 3, 4]
      .map((n) => post(n, `Post number ${n} talks about the garden and the weather`))
      .join('')}</section></main>`;
    const feed = findFeed();
    expect(feed?.container.localName).toBe('section');
  });

  it('finds nothing on a page without repeated post-like items', () => {
    document.body.innerHTML = `${MENU}<article><p>One long article with a <a href="/x">link</a> in it.</p></article>`;
    expect(findFeed()).toBeNull();
  });
});

describe('itemText', () => {
  it('puts a space between blocks, none inside a line, and leaves scripts and styles out', () => {
    document.body.innerHTML =
      '<div><div>Found a spider this morning</div><div>From <b>whitehouse</b>.gov</div><script>var x = 1;</script><style>.a{}</style></div>';
    expect(itemText(document.body.firstElementChild!)).toBe(
      'Found a spider this morning From whitehouse.gov',
    );
  });
});

describe('fallbackAdapter', () => {
  it('marks the feed items and reads each with its own id, even when all link the same thread', () => {
    const texts = ['Spiders in the shed again', 'Fresh bread this morning', 'Spiders in the shed again'];
    document.body.innerHTML = `${MENU}<section>${texts.map((text, n) => post(n, text)).join('')}</section>`;
    const reader = fallbackAdapter('x', () => true);
    const items = [...document.querySelectorAll<HTMLElement>(reader.postSelector)];
    expect(items).toHaveLength(3);
    expect(items.every((item) => item.parentElement?.localName === 'section')).toBe(true);
    const posts = items.map((item) => reader.readPost(item)!);
    expect(posts.map((p) => p.text)).toEqual(texts.map((text) => `Some One 2h ${text} Show thread`));
    expect(new Set(posts.map((p) => p.id)).size).toBe(3);
    expect(posts[0]!.link).toBe(`${location.origin}/someone/status/100000`);
    expect(posts[0]).toMatchObject({ author: '', images: [] });
  });

  it('reads items added to the feed later, and nothing else', () => {
    document.body.innerHTML = `<section>${[1, 2, 3].map((n) => post(n, `Post ${n} with some words`)).join('')}</section>`;
    const reader = fallbackAdapter('x', () => true);
    const section = document.querySelector('section')!;
    section.insertAdjacentHTML('beforeend', post(4, 'A fourth post arrives as the user scrolls'));
    const added = section.lastElementChild as HTMLElement;
    expect(reader.postsIn!(added)).toEqual([added]);
    expect(added.hasAttribute(FALLBACK_ATTRIBUTE)).toBe(true);
    const elsewhere = document.createElement('aside');
    document.body.append(elsewhere);
    expect(reader.postsIn!(elsewhere)).toEqual([]);
  });
});

describe('fallbackAdapter between posts', () => {
  it('leaves alone an item without a post link in a feed whose items mostly have one (a module)', () => {
    const module =
      '<div><h2>Who to follow</h2><div><a href="/gardenweekly">Garden Weekly</a> Posts about spiders every day</div><a href="/who-to-follow">Show more</a></div>';
    document.body.innerHTML = `<section>${post(1, 'First post about the weather')}${module}${post(2, 'Second post about the weather')}${post(3, 'Third post about the weather')}</section>`;
    const reader = fallbackAdapter('x', () => true);
    const items = [...document.querySelectorAll<HTMLElement>(reader.postSelector)];
    expect(items).toHaveLength(4);
    expect(items.map((item) => reader.readPost(item)?.text.match(/(\w+) post/)?.[1] ?? null)).toEqual([
      'First',
      null,
      'Second',
      'Third',
    ]);
  });
});
