import type { FilterAction } from '@veneer/shared/filters';
import { i18n } from '#i18n';

/**
 * Every text of Veneer's interface: `t(key, …)` reads locales/<language>.yml through browser.i18n
 * (typed: a key that is not in locales/en.yml does not compile).
 */
export const t = i18n.t;

/** An action's name, as a filter's setting ("Collapse"). */
export function actionName(action: FilterAction): string {
  return action === 'blur-faces' ? t('action.blurFaces') : t(`action.${action}`);
}

/**
 * The page's own texts: an element's `data-i18n` key gives its text, `data-i18n-placeholder`,
 * `data-i18n-title` and `data-i18n-aria-label` its attributes. The English in the HTML is what shows
 * before this runs (and what tests/unit checks against locales/en.yml).
 */
export function localizePage(root: ParentNode = document): void {
  const message = (key: string) => (t as (key: string) => string)(key);
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = message(element.dataset.i18n!);
  }
  for (const [data, attribute] of LOCALIZED_ATTRIBUTES) {
    for (const element of root.querySelectorAll<HTMLElement>(`[data-i18n-${data}]`)) {
      element.setAttribute(attribute, message(element.getAttribute(`data-i18n-${data}`)!));
    }
  }
  // The language of the messages shown (a translation names its own), not the browser's.
  if (root === document) document.documentElement.lang = t('lang');
}

const LOCALIZED_ATTRIBUTES = [
  ['placeholder', 'placeholder'],
  ['title', 'title'],
  ['aria-label', 'aria-label'],
] as const;
