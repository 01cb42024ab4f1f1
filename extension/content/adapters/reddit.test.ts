import { beforeEach, describe, expect, it } from 'vitest';
import { redditAdapter } from './reddit.ts';

beforeEach(() => {
  document.body.innerHTML = `
    <shreddit-post id="t3_abc" permalink="/r/pics/comments/abc/big_spider/" author="alice" post-title="A big spider">
      <a slot="title">A big spider</a>
      <div slot="text-body"><p>Found it   in the
      bath.</p></div>
      <span slot="credit-bar"><img class="avatar" src="https://styles.redditmedia.com/a.png"></span>
      <div slot="post-media-container"><img src="https://i.redd.it/one.jpg"></div>
    </shreddit-post>
    <shreddit-post permalink="/r/pics/comments/def/x/">
      <gallery-carousel><img src="https://i.redd.it/a.jpg"><img src="https://i.redd.it/b.jpg"></gallery-carousel>
    </shreddit-post>
    <shreddit-post></shreddit-post>`;
});

const posts = () => [...document.querySelectorAll<HTMLElement>(redditAdapter.postSelector)];

describe('redditAdapter', () => {
  it('reads id, title, body, author, link and media images (not avatars)', () => {
    const post = redditAdapter.readPost(posts()[0]!);
    expect(post).toMatchObject({
      id: 't3_abc',
      text: 'A big spider\nFound it in the bath.',
      author: 'alice',
      link: `${location.origin}/r/pics/comments/abc/big_spider/`,
    });
    expect(post?.images.map((i) => i.getAttribute('src'))).toEqual(['https://i.redd.it/one.jpg']);
  });

  it('tolerates missing parts and finds gallery images', () => {
    const post = redditAdapter.readPost(posts()[1]!);
    expect(post).toMatchObject({ id: '/r/pics/comments/def/x/', text: '', author: '' });
    expect(post?.images).toHaveLength(2);
  });

  it('skips a post without any id', () => {
    expect(redditAdapter.readPost(posts()[2]!)).toBeNull();
  });
});
