import type { Page } from 'playwright-core';

/**
 * Records, before every frame is painted, the posts that are on screen although a filter should
 * change them: a matching post (`data-fixture-expect`) that is neither transparent nor
 * display:none nor already modified by Veneer. Installed before the page's own scripts run.
 */
export async function watchForFlashes(page: Page, postSelector: string): Promise<void> {
  await page.addInitScript((selector: string) => {
    const flashes: string[] = [];
    (window as unknown as { __veneerFlashes: string[] }).__veneerFlashes = flashes;
    const check = () => {
      for (const post of document.querySelectorAll<HTMLElement>(`${selector}`)) {
        if (!post.dataset.fixtureExpect) continue;
        if (post.hasAttribute('data-veneer-action') || post.getAttribute('data-veneer-state') === 'shown')
          continue;
        const style = getComputedStyle(post);
        if (style.display !== 'none' && style.opacity !== '0') flashes.push(post.dataset.fixtureId ?? '?');
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, postSelector);
}

export const flashesOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __veneerFlashes: string[] }).__veneerFlashes);
