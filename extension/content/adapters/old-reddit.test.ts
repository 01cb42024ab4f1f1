import { describe, expect, it } from 'vitest';
import { oldRedditAdapter } from './old-reddit.ts';

describe('oldRedditAdapter', () => {
  it('reads old.reddit posts and comments from div.thing', () => {
    document.body.innerHTML = `
      <div class="thing link" data-fullname="t3_abc" data-author="alice" data-permalink="/r/pics/comments/abc/big_spider/">
        <a class="thumbnail" href="#"><img src="https://b.thumbs.redditmedia.com/x.jpg"></a>
        <div class="entry"><p class="title"><a class="title" href="/r/pics/comments/abc/">A big spider</a></p>
          <div class="expando"><div class="usertext-body"><div class="md"><p>In the bath.</p></div></div></div></div>
      </div>
      <div class="thing comment" data-fullname="t1_c1" data-author="bob" data-permalink="/r/pics/comments/abc/big_spider/c1/">
        <div class="entry"><div class="usertext-body"><div class="md"><p>Kill it with fire</p></div></div></div>
      </div>
      <div class="thing morechildren" data-fullname="t1_more"></div>`;
    const [post, comment, more] = [...document.querySelectorAll<HTMLElement>(oldRedditAdapter.postSelector)];
    expect(oldRedditAdapter.readPost(post!)).toMatchObject({
      id: 't3_abc',
      author: 'alice',
      text: 'A big spider\nIn the bath.',
      link: `${location.origin}/r/pics/comments/abc/big_spider/`,
    });
    expect(oldRedditAdapter.readPost(post!)!.images).toHaveLength(1);
    expect(oldRedditAdapter.readPost(comment!)).toMatchObject({ id: 't1_c1', text: 'Kill it with fire' });
    expect(oldRedditAdapter.readPost(more!)).toBeNull();
  });
});
