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

describe('oldRedditAdapter: who and what kind', () => {
  it('reads the subreddit, and tells ads (promoted things) and comments (replies)', () => {
    document.body.innerHTML = `
      <div class="thing link" data-fullname="t3_a" data-author="alice" data-subreddit-prefixed="r/pics"><div class="entry"><a class="title">Original</a></div></div>
      <div class="thing link promoted" data-fullname="t3_b" data-author="brand" data-promoted="true"><div class="entry"><a class="title">An ad</a></div></div>
      <div class="thing comment" data-type="comment" data-fullname="t1_c" data-author="carol" data-subreddit-prefixed="r/pics"><div class="entry"><div class="usertext-body"><div class="md">A reply</div></div></div></div>`;
    const read = [...document.querySelectorAll<HTMLElement>(oldRedditAdapter.postSelector)].map((element) =>
      oldRedditAdapter.readPost(element),
    );
    expect(read.map((post) => post?.kinds)).toEqual([['original'], ['original', 'promoted'], ['reply']]);
    expect(read[0]).toMatchObject({ author: 'alice', community: 'r/pics' });
  });
});
