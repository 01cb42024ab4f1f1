/**
 * Veneer's notices follow the page's theme: a dark page (X's dim and lights-out themes, YouTube's
 * dark theme, Reddit's and Mastodon's dark modes) gets dark notices. The page stylesheet keys on
 * this attribute of the document element; the theme is read from what the page paints, not from
 * each site's own switch, so it holds whatever site and however it changes theme.
 */
export const THEME_ATTRIBUTE = 'data-veneer-theme';

/** An `rgb()`/`rgba()` colour's channels and alpha; null for anything else (`transparent`). */
function parseColor(color: string): { r: number; g: number; b: number; a: number } | null {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    color.trim(),
  );
  if (!match) return null;
  const alpha =
    match[4] === undefined
      ? 1
      : match[4].endsWith('%')
        ? Number.parseFloat(match[4]) / 100
        : Number(match[4]);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * Whether the page looks dark: the background of its body, or of the root when the body's is
 * transparent; with neither painted, the colour scheme the page asks for.
 */
export function pageLooksDark(doc: Document = document): boolean {
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const color = parseColor(getComputedStyle(element).backgroundColor);
    if (color && color.a > 0.5) return luminance(color) < 0.2;
  }
  const scheme = getComputedStyle(doc.documentElement).colorScheme ?? '';
  return scheme.includes('dark') && !scheme.includes('light');
}

let checkedAt = Number.NEGATIVE_INFINITY;
let trailing: ReturnType<typeof setTimeout> | undefined;

/** Forgets the last check and any check still to come (a new page; the tests). */
export function resetPageTheme(): void {
  clearTimeout(trailing);
  trailing = undefined;
  checkedAt = Number.NEGATIVE_INFINITY;
}

/**
 * Marks the page's theme for the notices; at most once a second (a scan calls it often), and once
 * more after the last call inside that second: a theme painted just after a scan (a page styled
 * late, a switch to dark mode) is followed even if no post comes after it.
 */
export function followPageTheme(now = performance.now(), doc: Document = document): void {
  if (now - checkedAt < 1000) {
    if (trailing === undefined)
      trailing = setTimeout(
        () => {
          trailing = undefined;
          // A second after the last check, on the caller's clock.
          followPageTheme(checkedAt + 1000, doc);
        },
        1000 - (now - checkedAt),
      );
    return;
  }
  checkedAt = now;
  const theme = pageLooksDark(doc) ? 'dark' : 'light';
  if (doc.documentElement.getAttribute(THEME_ATTRIBUTE) !== theme)
    doc.documentElement.setAttribute(THEME_ATTRIBUTE, theme);
}
