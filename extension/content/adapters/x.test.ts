import { describe, expect, it } from 'vitest';
import { realMarkup } from '../dom-fixture.ts';
import { xAdapter } from './x.ts';

/** Reads the first tweet of a real X markup sample. */
function readSample(file: string) {
  document.body.innerHTML = realMarkup(file);
  const articles = [...document.querySelectorAll<HTMLElement>(xAdapter.postSelector)];
  expect(articles).toHaveLength(1);
  return xAdapter.readPost(articles[0]!);
}

describe('xAdapter on real X markup', () => {
  it('reads a tweet with a link card: id from its permalink, @handle, text, the card image (not avatars)', () => {
    const post = readSample('x_tweetyoink_x-tweet-sample.html');
    expect(post).toMatchObject({
      id: '1981398750557065646',
      author: '@TestUser123',
      link: `${location.origin}/TestUser123/status/1981398750557065646`,
    });
    expect(post!.text.length).toBeGreaterThan(20);
    expect(post!.images.map((i) => i.getAttribute('src'))).toEqual([
      expect.stringContaining('pbs.twimg.com/card_img/'),
    ]);
  });

  it('reads a quote tweet: its own id and author, both texts, the quoted photo', () => {
    const post = readSample('x_tweetyoink_x-tweet-quote.html');
    expect(post).toMatchObject({ id: '1983130065320780162', author: '@TestQuoter' });
    expect(post!.text.split('\n')).toHaveLength(2);
    expect(post!.images.map((i) => i.getAttribute('src'))).toEqual([
      'https://pbs.twimg.com/media/placeholder_image.jpg',
    ]);
  });

  it('reads a quote of a video: no avatar counts as a post image', () => {
    const post = readSample('x_tweetyoink_x-tweet-quote-video.html');
    expect(post).toMatchObject({ id: '1983128852952998358', author: '@QuotingUser' });
    expect(post!.images.every((i) => !i.src.includes('profile_images'))).toBe(true);
  });

  it('skips an article without a permalink (an ad or a tombstone) and tolerates missing parts', () => {
    document.body.innerHTML = `
      <article data-testid="tweet"><div data-testid="tweetText">Promoted</div></article>
      <article data-testid="tweet"><a href="/bob/status/42"><time datetime="x">1h</time></a></article>`;
    const [ad, bare] = [...document.querySelectorAll<HTMLElement>(xAdapter.postSelector)];
    expect(xAdapter.readPost(ad!)).toBeNull();
    expect(xAdapter.readPost(bare!)).toMatchObject({ id: '42', text: '', author: '@bob', images: [] });
  });

  it('finds the permalink around the first <time> however deep, else the first status link', () => {
    document.body.innerHTML = `
      <article data-testid="tweet"><a href="/ann/status/7/photo/1">p</a><a href="/ann/status/7"><span><time>1h</time></span></a></article>
      <article data-testid="tweet"><a href="/cat/status/9/analytics">a</a><time>2h</time></article>`;
    const [deep, bare] = [...document.querySelectorAll<HTMLElement>(xAdapter.postSelector)];
    expect(xAdapter.readPost(deep!)).toMatchObject({ id: '7', link: `${location.origin}/ann/status/7` });
    expect(xAdapter.readPost(bare!)).toMatchObject({ id: '9', author: '@cat' });
  });

  it('finds the tweet of an added timeline cell at once, and leaves other added elements to a search', () => {
    // The real markup is one timeline cell, as X renders it; a quoted tweet inside is no second post.
    document.body.innerHTML = `${realMarkup('x_tweetyoink_x-tweet-quote.html')}
      <div id="without" data-testid="cellInnerDiv"><div>Show more replies</div></div>
      <div id="column"></div>`;
    const withTweet = document.querySelector<HTMLElement>('[data-testid="cellInnerDiv"]:not(#without)');
    const without = document.getElementById('without');
    expect(xAdapter.postsIn!(withTweet!)).toEqual([...withTweet!.querySelectorAll(xAdapter.postSelector)]);
    expect(xAdapter.postsIn!(withTweet!)).toHaveLength(1);
    expect(xAdapter.postsIn!(without!)).toEqual([]);
    expect(xAdapter.postsIn!(document.getElementById('column')!)).toBeNull();
  });

  it('expects posts on timelines, searches, profiles and threads, not on settings', () => {
    const on = (pathname: string) => xAdapter.expectsPosts({ pathname } as Location);
    expect(['/home', '/search', '/elonmusk', '/bob/status/42', '/i/lists/1'].map(on)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['/settings/account', '/messages', '/i/bookmarks'].map(on)).toEqual([false, false, false]);
  });
});

describe('xAdapter: kinds of post, on real X markup changed as X shows each kind', () => {
  // How X marks each kind (as Control Panel for Twitter and other extensions read it): a repost has
  // a socialContext line linking the reposter; a promoted tweet shows "Ad" where others show their
  // time; a quote carries a second User-Name header; a reply outside a thread has a "Replying to
  // @handle" line between its header and its text.
  const tweet = () => document.querySelector<HTMLElement>(xAdapter.postSelector)!;
  const load = (file = 'x_tweetyoink_x-tweet-sample.html') => {
    document.body.innerHTML = realMarkup(file);
    return tweet();
  };

  it('an ordinary tweet is original, a quote tweet a quote; the blue check is read', () => {
    expect(xAdapter.readPost(load())!.kinds).toEqual(['original']);
    expect(xAdapter.readPost(load())!.verified).toBe(true);
    const article = load();
    article.querySelector('[data-testid="icon-verified"]')!.remove();
    expect(xAdapter.readPost(article)!.verified).toBe(false);
    expect(xAdapter.readPost(load('x_tweetyoink_x-tweet-quote.html'))!.kinds).toEqual(['quote']);
  });

  it('a repost: the line above it links the reposter; "Pinned" links nobody', () => {
    const article = load();
    article.insertAdjacentHTML(
      'afterbegin',
      '<div><span data-testid="socialContext"><a href="/Reposter">Reposter reposted</a></span></div>',
    );
    expect(xAdapter.readPost(article)).toMatchObject({ author: '@TestUser123', kinds: ['repost'] });
    article.querySelector('[data-testid="socialContext"]')!.innerHTML = 'Pinned';
    expect(xAdapter.readPost(article)!.kinds).toEqual(['original']);
  });

  it('a promoted tweet: "Ad" instead of a time, read without a status link of its own', () => {
    const article = load();
    const timeLink = article.querySelector('a[href*="/status/"] > time')!.parentElement!;
    timeLink.replaceWith(Object.assign(document.createElement('span'), { textContent: 'Ad' }));
    expect(article.querySelector('a[href*="/status/"]')).toBeNull();
    const post = xAdapter.readPost(article)!;
    expect(post).toMatchObject({ author: '@TestUser123', link: '', kinds: ['original', 'promoted'] });
    expect(post.id).toMatch(/^ad:TestUser123:/);
    // A status link elsewhere in it (its analytics) gives it its id.
    article
      .querySelector('[data-testid="tweetText"]')!
      .insertAdjacentHTML(
        'afterend',
        '<a href="/TestUser123/status/1981398750557065646/analytics">Views</a>',
      );
    expect(xAdapter.readPost(article)).toMatchObject({
      id: '1981398750557065646',
      kinds: ['original', 'promoted'],
    });
  });

  it('a reply: "Replying to @handle" between the header and the text; a mention in the text is none', () => {
    const article = load();
    const text = article.querySelector('[data-testid="tweetText"]')!;
    text.insertAdjacentHTML('beforeend', ' thanks <a href="/Friend">@Friend</a>');
    expect(xAdapter.readPost(article)!.kinds).toEqual(['original']);
    text.insertAdjacentHTML('beforebegin', '<div>Replying to <a href="/SomeOne">@SomeOne</a></div>');
    expect(xAdapter.readPost(article)!.kinds).toEqual(['reply']);
  });

  it('"Discover more" on a post\'s page: the tweets after its heading are suggested, and are read again when it comes late', () => {
    // The heading's structure (a heading, then its description in a div[dir]) as Control Panel for
    // Twitter reads it (MIT, 2026-08); each tweet is the real sample in a timeline cell.
    const cell = `<div data-testid="cellInnerDiv">${realMarkup('x_tweetyoink_x-tweet-sample.html')}</div>`;
    const heading =
      '<div data-testid="cellInnerDiv"><div><h2 dir="ltr" role="heading"><span>Discover more</span></h2><div dir="ltr">Sourced from across X</div></div></div>';
    const plainHeading =
      '<div data-testid="cellInnerDiv"><div><h2 role="heading">Posts</h2><div>More</div></div></div>';
    history.replaceState(null, '', '/TestUser123/status/1981398750557065646');
    try {
      document.body.innerHTML = `<div id="timeline">${cell}${plainHeading}${cell}</div>`;
      const [above, below] = [...document.querySelectorAll<HTMLElement>(xAdapter.postSelector)];
      expect(xAdapter.readPost(below!)!.kinds).toEqual(['original']);
      expect(xAdapter.readPost(below!)!.section).toBeUndefined();
      // The heading shows up between them, later: the tweets below it are read again, as suggested.
      document.querySelector('#timeline > :nth-child(2)')!.insertAdjacentHTML('afterend', heading);
      const added = document.querySelector<HTMLElement>('#timeline > :nth-child(3)')!;
      expect(xAdapter.postsIn!(added)).toEqual([below]);
      expect(xAdapter.readPost(below!)).toMatchObject({
        kinds: ['original', 'suggested'],
        section: 'discover-more',
      });
      expect(xAdapter.readPost(above!)).toMatchObject({ kinds: ['original'], section: undefined });
      // Elsewhere (a timeline) nothing is suggested, and an added heading reads nothing again.
      history.replaceState(null, '', '/home');
      expect(xAdapter.readPost(below!)!.kinds).toEqual(['original']);
      expect(xAdapter.postsIn!(added)).toEqual([]);
    } finally {
      history.replaceState(null, '', '/');
    }
  });
});
