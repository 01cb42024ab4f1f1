import { describe, expect, it, vi } from 'vitest';
import { clearModification, modifyPost, noticeChanges, postOfNotice, showOriginal } from './modify.ts';
import { pageCss } from './page-style.ts';
import { ACTION_ATTRIBUTE, BADGE_ATTRIBUTE, STATE_ATTRIBUTE } from './post-state.ts';

describe('modifyPost', () => {
  it('marks the post, puts one notice before it, and "Show original" calls back', () => {
    document.body.innerHTML = '<div id="feed"><article id="p">spiders!</article></div>';
    const post = document.getElementById('p')!;
    const onShow = vi.fn(() => showOriginal(post));
    modifyPost(post, 'collapse', 'spiders', 'before', { show: onShow });
    modifyPost(post, 'collapse', 'spiders', 'before', { show: onShow });
    const badges = document.querySelectorAll(`[${BADGE_ATTRIBUTE}]`);
    expect(badges).toHaveLength(1);
    expect(post.previousElementSibling).toBe(badges[0]);
    expect(badges[0]!.textContent).toBe('Modified by Veneercollapsed: spidersShow original');
    expect(post.getAttribute(ACTION_ATTRIBUTE)).toBe('collapse');
    expect(post.getAttribute(STATE_ATTRIBUTE)).toBe('modified');

    badges[0]!.querySelector('button')!.click();
    expect(onShow).toHaveBeenCalledOnce();
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}]`)).toHaveLength(0);
    expect(post.hasAttribute(ACTION_ATTRIBUTE)).toBe(false);
    expect(post.getAttribute(STATE_ATTRIBUTE)).toBe('shown');
  });

  it('inside placement puts the notice first in the post; a click on blurred content reveals it', () => {
    document.body.innerHTML = '<div id="grid"><div id="p"><a id="link" href="#x">video</a></div></div>';
    const post = document.getElementById('p')!;
    const onShow = vi.fn(() => showOriginal(post));
    modifyPost(post, 'blur', 'spiders', 'inside', { show: onShow });
    expect(post.firstElementChild!.getAttribute(BADGE_ATTRIBUTE)).toBe('blur');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.getElementById('link')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(onShow).toHaveBeenCalledOnce();
    expect(post.firstElementChild!.id).toBe('link');
  });

  it('pixelated images reveal on a click on an image; notice text and the rest of the post do nothing', () => {
    document.body.innerHTML =
      '<div id="grid"><div id="p"><img id="img" alt=""><p id="text">t</p></div></div>';
    const post = document.getElementById('p')!;
    const onShow = vi.fn(() => showOriginal(post));
    modifyPost(post, 'pixelate', 'hedgehogs', 'inside', { show: onShow });
    const click = (element: Element) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true });
      element.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(click(document.getElementById('text')!)).toBe(false);
    expect(click(post.firstElementChild!.firstElementChild!)).toBe(false);
    expect(onShow).not.toHaveBeenCalled();
    expect(click(document.getElementById('img')!)).toBe(true);
    expect(onShow).toHaveBeenCalledOnce();
    // Shown: later clicks are the page's again.
    expect(click(document.getElementById('img')!)).toBe(false);
  });

  it("clears only what it added: a post never modified keeps the page's own marks", () => {
    document.body.innerHTML =
      '<div id="feed"><div data-veneer-badge="page">not ours</div><article id="p" data-veneer-action="x">x</article></div>';
    const post = document.getElementById('p')!;
    clearModification(post);
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}]`)).toHaveLength(1);
    expect(post.getAttribute(ACTION_ATTRIBUTE)).toBe('x');

    modifyPost(post, 'collapse', 'x', 'before', { show: () => {} });
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}="collapse"]`)).toHaveLength(1);
    clearModification(post);
    clearModification(post);
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}="collapse"]`)).toHaveLength(0);
    expect(post.hasAttribute(ACTION_ATTRIBUTE)).toBe(false);
    // Modified again after clearing: one notice again.
    modifyPost(post, 'warn', 'x', 'before', { show: () => {} });
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}="warn"]`)).toHaveLength(1);
  });

  it('counts each notice put on or taken off the document: one change an observer sees', () => {
    document.body.innerHTML = '<div id="feed"><article id="p">x</article><article id="q">y</article></div>';
    const observer = new MutationObserver(() => {});
    observer.observe(document, { childList: true, subtree: true });
    const before = noticeChanges();
    const post = document.getElementById('p')!;
    modifyPost(post, 'collapse', 'x', 'before', { show: () => {} });
    modifyPost(document.getElementById('q')!, 'hide', 'y', 'before', { show: () => {} });
    modifyPost(post, 'warn', 'x', 'before', { show: () => {} });
    expect(noticeChanges() - before).toBe(3);
    expect(observer.takeRecords()).toHaveLength(3);
    // A post the page already removed: nothing the document's observers see, nothing counted.
    const gone = document.createElement('article');
    modifyPost(gone, 'collapse', 'z', 'before', { show: () => {} });
    clearModification(gone);
    expect(noticeChanges() - before).toBe(3);
    expect(observer.takeRecords()).toHaveLength(0);
    observer.disconnect();
  });

  it("a notice's buttons: only those with something to do; each runs its own; the last says it is learning", () => {
    document.body.innerHTML = '<div id="feed"><article id="p">x</article><article id="q">y</article></div>';
    const post = document.getElementById('p')!;
    const actions = {
      show: vi.fn(),
      notThis: vi.fn(),
      like: vi.fn(),
      trust: { account: '@ann', run: vi.fn() },
    };
    modifyPost(post, 'collapse', 'like posts you marked', 'before', actions);
    const badge = post.previousElementSibling!;
    const buttons = [...badge.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Show original',
      'Not this',
      'Hide posts like this',
      'Always show this account',
    ]);
    expect(buttons[3]!.title).toBe('Always show posts from @ann');
    buttons[1]!.click();
    expect(actions.notThis).toHaveBeenCalledOnce();
    buttons[2]!.click();
    expect(actions.like).toHaveBeenCalledOnce();
    expect(buttons[2]!.textContent).toBe('Veneer learns from this post');
    expect(buttons[2]!.disabled).toBe(true);
    buttons[3]!.click();
    expect(actions.trust.run).toHaveBeenCalledOnce();
    expect(actions.show).not.toHaveBeenCalled();
    // The same reason without "Not this" and an author: a notice of its own, with only the others.
    const other = document.getElementById('q')!;
    modifyPost(other, 'collapse', 'like posts you marked', 'before', { show: vi.fn(), like: vi.fn() });
    expect([...other.previousElementSibling!.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Show original',
      'Hide posts like this',
    ]);
  });

  it('a notice leads back to its post (for the context menu on a collapsed post), before it or inside it', () => {
    document.body.innerHTML =
      '<article id="a">spiders</article><div id="grid"><div id="b">spiders</div></div>';
    const [a, b] = [document.getElementById('a')!, document.getElementById('b')!];
    modifyPost(a, 'collapse', 'spiders', 'before', { show: () => {} });
    modifyPost(b, 'collapse', 'spiders', 'inside', { show: () => {} });
    const notices = document.querySelectorAll(`[${BADGE_ATTRIBUTE}]`);
    expect(postOfNotice(notices[0]!)).toBe(a);
    expect(postOfNotice(notices[1]!)).toBe(b);
    // Something that only looks like a notice, with no judged post after it, leads nowhere.
    document.body.insertAdjacentHTML('beforeend', '<div data-veneer-badge="collapse"></div><p>page text</p>');
    expect(postOfNotice(document.body.lastElementChild!.previousElementSibling!)).toBeNull();
  });

  it('hide leaves no notice', () => {
    document.body.innerHTML = '<article id="p">x</article>';
    modifyPost(document.getElementById('p')!, 'hide', 'x', 'before', { show: () => {} });
    expect(document.querySelectorAll(`[${BADGE_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('pageCss', () => {
  it('keeps posts invisible until judged, revealed by an animation after the budget', () => {
    const css = pageCss('article, div.post', 300);
    expect(css).toContain('article:not([data-veneer-state]), div.post:not([data-veneer-state]) {');
    expect(css).toMatch(/opacity: 0; animation: veneer-reveal 1ms step-end 300ms forwards/);
    expect(css).toContain('[data-veneer-action="hide"] { display: none !important; }');
  });
});
