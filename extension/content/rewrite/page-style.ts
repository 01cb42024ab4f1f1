import { THEME_ATTRIBUTE } from './page-theme.ts';
import { ACTION_ATTRIBUTE, BADGE_ATTRIBUTE, PLACEMENT_ATTRIBUTE, STATE_ATTRIBUTE } from './post-state.ts';

export const PIXELATE_FILTER_ID = 'veneer-pixelate';
/** How long a new post may stay invisible while its verdict is worked out, at most. */
export const DEFAULT_BUDGET_MS = 500;

/**
 * The page's stylesheet, injected at document_start before any post exists:
 * - no flash: a post is transparent until Veneer has judged it. A CSS animation reveals it
 *   anyway once the budget has passed, so a slow model (or a content script that died) never
 *   keeps the feed hidden;
 * - each action is a rule keyed on the post's attributes, so re-renders that keep the element
 *   keep the effect and restoring is removing one attribute.
 */
export function pageCss(postSelector: string, budgetMs: number): string {
  const inside = `[${PLACEMENT_ATTRIBUTE}="inside"]`;
  const action = (name: string) => `[${ACTION_ATTRIBUTE}="${name}"]`;
  const content = (name: string) =>
    `${action(name)}:not(${inside}), ${inside}${action(name)} > :not([${BADGE_ATTRIBUTE}])`;
  const unjudged = postSelector
    .split(',')
    .map((s) => `${s.trim()}:not([${STATE_ATTRIBUTE}])`)
    .join(', ');
  return `
@keyframes veneer-reveal { to { opacity: 1; } }
${unjudged} {
  opacity: 0; animation: veneer-reveal 1ms step-end ${budgetMs}ms forwards;
}
${action('hide')} { display: none !important; }
${action('collapse')}:not(${inside}), ${inside}${action('collapse')} > :not([${BADGE_ATTRIBUTE}]) { display: none !important; }
${content('blur')} { filter: blur(14px) !important; cursor: pointer !important; }
${content('warn')} { filter: blur(30px) grayscale(1) !important; opacity: 0.25 !important; pointer-events: none !important; }
${action('pixelate')} img { filter: url(#${PIXELATE_FILTER_ID}) !important; cursor: pointer !important; }
[${BADGE_ATTRIBUTE}] {
  all: initial; display: flex !important; flex-wrap: wrap; align-items: center; gap: 4px 10px; box-sizing: border-box;
  width: 100%; margin: 6px 0; padding: 8px 12px; border-radius: 10px; font: 13px/1.4 system-ui, sans-serif;
  background: #f1f3f5; color: #343a40; border: 1px solid #dee2e6;
}
[${BADGE_ATTRIBUTE}="warn"] { background: #fff3bf; color: #5c3c00; border-color: #f59f00; }
[${BADGE_ATTRIBUTE}] > strong { all: initial; font: 600 13px/1.4 system-ui, sans-serif; color: inherit; white-space: nowrap; }
[${BADGE_ATTRIBUTE}] > span { all: initial; flex: 1 1 12em; min-width: 8em; font: inherit; color: inherit; overflow-wrap: anywhere; }
[${BADGE_ATTRIBUTE}] > button {
  all: initial; margin-left: auto; padding: 3px 12px; border-radius: 999px; border: 1px solid #adb5bd;
  background: #fff; color: #212529; cursor: pointer; font: 13px/1.4 system-ui, sans-serif; white-space: nowrap;
}
[${BADGE_ATTRIBUTE}] > button + button {
  margin-left: 0; border-color: transparent; background: transparent; color: inherit; text-decoration: underline;
}
[${THEME_ATTRIBUTE}="dark"] [${BADGE_ATTRIBUTE}] { background: #1e2228; color: #e6e8eb; border-color: #3a4049; }
[${THEME_ATTRIBUTE}="dark"] [${BADGE_ATTRIBUTE}="warn"] { background: #3a2e05; color: #ffe69c; border-color: #a07a12; }
[${THEME_ATTRIBUTE}="dark"] [${BADGE_ATTRIBUTE}] > button { background: #2c323a; color: #e6e8eb; border-color: #59626e; }
[${THEME_ATTRIBUTE}="dark"] [${BADGE_ATTRIBUTE}] > button + button { background: transparent; border-color: transparent; color: inherit; }
`;
}

/** Square blocks of `size` px: sample one pixel per block and grow it over the block. */
function pixelateFilterSvg(size = 12): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const element = (name: string, attributes: Record<string, string | number>) => {
    const made = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, String(value));
    return made;
  };
  const half = size / 2;
  const svg = element('svg', {
    'aria-hidden': 'true',
    style: 'position:absolute;width:0;height:0;overflow:hidden',
  });
  const filter = element('filter', {
    id: PIXELATE_FILTER_ID,
    x: 0,
    y: 0,
    width: '100%',
    height: '100%',
    'color-interpolation-filters': 'sRGB',
  });
  filter.append(
    element('feFlood', { x: half - 1, y: half - 1, width: 2, height: 2 }),
    element('feComposite', { width: size, height: size }),
    element('feTile', { result: 'grid' }),
    element('feComposite', { in: 'SourceGraphic', in2: 'grid', operator: 'in' }),
    element('feMorphology', { operator: 'dilate', radius: half }),
  );
  svg.append(filter);
  return svg as SVGSVGElement;
}

/** Injects the stylesheet and the pixelate filter; returns a function that removes both. */
export function installPageStyle(postSelector: string, budgetMs = DEFAULT_BUDGET_MS): () => void {
  const style = document.createElement('style');
  style.dataset.veneer = 'page-style';
  style.textContent = pageCss(postSelector, budgetMs);
  const svg = pixelateFilterSvg();
  (document.head ?? document.documentElement).append(style);
  document.documentElement.append(svg);
  return () => {
    style.remove();
    svg.remove();
  };
}
