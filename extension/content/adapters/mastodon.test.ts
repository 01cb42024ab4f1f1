import { describe, expect, it } from 'vitest';
import { isMastodonPage, mastodonAdapter } from './mastodon.ts';

describe('mastodonAdapter', () => {
  it('reads statuses with their content warning, author, permalink and media; nested quotes go with the outer one', () => {
    document.body.innerHTML = `
      <div class="status status-public" data-id="111">
        <a class="status__relative-time" href="https://mastodon.example/@ann/111">1h</a>
        <span class="display-name__account">@ann@mastodon.example</span>
        <p class="spoiler-input">CW: arachnids</p>
        <div class="status__content"><div class="status__content__text"><p>A big <b>spider</b></p></div></div>
        <div class="media-gallery"><img src="https://files.mastodon.example/a.jpg"></div>
        <div class="status" data-id="222"><div class="status__content">quoted</div></div>
      </div>`;
    const [outer, nested] = [...document.querySelectorAll<HTMLElement>(mastodonAdapter.postSelector)];
    expect(mastodonAdapter.readPost(outer!)).toMatchObject({
      id: '111',
      author: '@ann@mastodon.example',
      link: 'https://mastodon.example/@ann/111',
    });
    expect(mastodonAdapter.readPost(outer!)!.text).toBe('CW: arachnids\nA big spider');
    expect(mastodonAdapter.readPost(outer!)!.images).toHaveLength(1);
    expect(mastodonAdapter.readPost(nested!)).toBeNull();
  });

  it('reads who posted and the kind of post: boosts, replies, quotes; a local handle gets its instance', () => {
    // Mastodon 4.x markup (app/javascript/mastodon/components/status.jsx): a boost's wrapper starts
    // with a "boosted" line and the retweet icon; replies and quotes are classes of the status.
    const status = (id: string, classes: string, prepend = '', account = '@ann') => `
      <div class="status__wrapper status__wrapper-public">${prepend}
        <div class="status status-public ${classes}" data-id="${id}">
          <a class="status__relative-time" href="/@ann/${id}">1h</a>
          <a class="status__display-name"><span class="display-name"><bdi><strong class="display-name__html">Ann Example</strong></bdi>
            <span class="display-name__account">${account}</span></span></a>
          <div class="status__content"><p>toot ${id}</p></div>
        </div>
      </div>`;
    const boosted =
      '<div class="status__prepend"><div class="status__prepend__icon"><svg class="icon icon-retweet"></svg></div><span><a class="status__display-name muted" href="/@bob"><bdi><strong>Bob</strong></bdi></a> boosted</span></div>';
    document.body.innerHTML = [
      status('1', ''),
      status('2', '', boosted, '@ann@other.example'),
      status('3', 'status-reply'),
      status('4', 'status--has-quote'),
    ].join('');
    const read = [...document.querySelectorAll<HTMLElement>(mastodonAdapter.postSelector)].map((element) =>
      mastodonAdapter.readPost(element),
    );
    expect(read.map((post) => post?.kinds)).toEqual([['original'], ['repost'], ['reply'], ['quote']]);
    expect(read[0]).toMatchObject({
      author: `@ann@${location.host}`,
      authorName: 'Ann Example',
      community: location.host,
    });
    expect(read[1]).toMatchObject({ author: '@ann@other.example', community: 'other.example' });
  });

  it('recognises a Mastodon page from its markup, whatever the host', () => {
    document.body.innerHTML = '<div id="mastodon" data-props="{}"></div>';
    expect(isMastodonPage()).toBe(true);
    document.body.innerHTML = '<div id="app"></div>';
    expect(isMastodonPage()).toBe(false);
  });
});
