import { beforeEach, describe, expect, it, vi } from 'vitest';
import { followPageTheme, pageLooksDark, resetPageTheme, THEME_ATTRIBUTE } from './page-theme.ts';

beforeEach(() => {
  resetPageTheme();
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute(THEME_ATTRIBUTE);
});

describe('the page theme', () => {
  it("reads the body's background, then the root's", () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    expect(pageLooksDark()).toBe(true);
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageLooksDark()).toBe(false);
    document.body.style.backgroundColor = 'transparent';
    document.documentElement.style.backgroundColor = 'rgb(21, 32, 43)'; // X's "dim"
    expect(pageLooksDark()).toBe(true);
    document.documentElement.style.backgroundColor = 'rgb(15, 15, 15)'; // YouTube's dark theme
    expect(pageLooksDark()).toBe(true);
    document.documentElement.style.backgroundColor = 'rgb(218, 224, 230)'; // a light grey
    expect(pageLooksDark()).toBe(false);
  });

  it('marks the document for the notices when the theme changes, at most once a second', () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    followPageTheme(10_000);
    expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    followPageTheme(10_500);
    expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('dark');
    followPageTheme(11_100);
    expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('light');
  });

  it('checks once more a second after a change inside the second, with no call after it', () => {
    vi.useFakeTimers();
    try {
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      followPageTheme(50_000);
      expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('light');
      // The page turns dark just after; one more scan comes inside the second, then none.
      document.body.style.backgroundColor = 'rgb(0, 0, 0)';
      followPageTheme(50_200);
      expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('light');
      vi.advanceTimersByTime(800);
      expect(document.documentElement.getAttribute(THEME_ATTRIBUTE)).toBe('dark');
    } finally {
      vi.useRealTimers();
    }
  });
});
