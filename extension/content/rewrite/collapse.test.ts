import { describe, expect, it } from 'vitest';
import { collapsePost, PLACEHOLDER_ATTRIBUTE, STATE_ATTRIBUTE } from './collapse.ts';

describe('collapsePost', () => {
  it('hides the post behind its reason and "Show" restores it exactly', () => {
    document.body.innerHTML = '<div id="feed"><article id="p" style="display: grid">spiders!</article></div>';
    const post = document.getElementById('p')!;
    collapsePost(post, 'spiders');
    collapsePost(post, 'spiders');
    const notices = document.querySelectorAll(`[${PLACEHOLDER_ATTRIBUTE}]`);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.textContent).toContain('Hidden by Veneer: spiders');
    expect(post.style.display).toBe('none');
    expect(post.getAttribute(STATE_ATTRIBUTE)).toBe('collapsed');

    notices[0]!.querySelector('button')!.click();
    expect(document.querySelectorAll(`[${PLACEHOLDER_ATTRIBUTE}]`)).toHaveLength(0);
    expect(post.style.display).toBe('grid');
    expect(post.getAttribute(STATE_ATTRIBUTE)).toBe('shown');
  });
});
