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

  it('recognises a Mastodon page from its markup, whatever the host', () => {
    document.body.innerHTML = '<div id="mastodon" data-props="{}"></div>';
    expect(isMastodonPage()).toBe(true);
    document.body.innerHTML = '<div id="app"></div>';
    expect(isMastodonPage()).toBe(false);
  });
});
