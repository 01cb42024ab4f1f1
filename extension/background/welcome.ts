import { type Filter, FilterSchema } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';

/** The starter filters the welcome page offers, by id. */
export const STARTER_FILTERS: Readonly<Record<string, Filter>> = {
  'starter-clickbait': FilterSchema.parse({
    id: 'starter-clickbait',
    action: 'collapse',
    classifier: 'clickbait',
  }),
  'starter-rude-replies': FilterSchema.parse({
    id: 'starter-rude-replies',
    action: 'collapse',
    classifier: 'offensive',
    kinds: ['reply'],
  }),
  'starter-faces': FilterSchema.parse({ id: 'starter-faces', action: 'blur-faces', words: '' }),
};

/**
 * The list with the chosen starter filters on and the others off (a starter filter the person
 * changed keeps their changes; one never chosen is not added).
 */
export function withStarters(filters: readonly Filter[], chosen: readonly string[]): Filter[] {
  const next = filters.map((f) => (f.id in STARTER_FILTERS ? { ...f, enabled: chosen.includes(f.id) } : f));
  for (const id of chosen)
    if (STARTER_FILTERS[id] && !next.some((f) => f.id === id)) next.push(STARTER_FILTERS[id]);
  return next;
}

/** First run: the welcome page opens once, when Veneer is installed (not on updates). */
export function installWelcome(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}
