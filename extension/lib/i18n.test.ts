import fs from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { actionName, localizePage, t } from './i18n.ts';

const HIDDEN_PAGES = ['offscreen/index.html', 'scorer/index.html'];
const root = path.resolve(import.meta.dirname, '..');
const messages = generateChromeMessages(await parseMessagesFile(path.join(root, 'locales/en.yml')));
const english = (key: string) => messages[key.replaceAll('.', '_')]?.message;
const pages = fs
  .readdirSync(path.join(root, 'entrypoints'), { recursive: true, encoding: 'utf8' })
  // The offscreen document and the scorer frame are never shown: their titles are for developers.
  .filter((file) => file.endsWith('.html') && !HIDDEN_PAGES.includes(file))
  .map((file) => ({ file, html: fs.readFileSync(path.join(root, 'entrypoints', file), 'utf8') }));
const normal = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
/** The page's markup (its stylesheets left out: nothing here loads them). */
const parse = (html: string) =>
  new DOMParser().parseFromString(html.replace(/<link [^>]*>/g, ''), 'text/html');

describe('the interface texts (locales/en.yml through browser.i18n)', () => {
  it('has message names browsers accept', () => {
    for (const name of Object.keys(messages)) expect(name).toMatch(/^@?[A-Za-z0-9_]+$/);
  });

  it.each(pages)(
    '$file: every text is a message, and the English in the page is that message',
    ({ html }) => {
      const document = parse(html);
      const keyed = [...document.querySelectorAll<HTMLElement>('[data-i18n]')];
      for (const element of keyed) {
        const key = element.dataset.i18n!;
        expect(english(key), key).toBeDefined();
        expect(normal(element.textContent), key).toBe(normal(english(key)));
      }
      for (const data of ['placeholder', 'title', 'aria-label']) {
        for (const element of document.querySelectorAll(`[data-i18n-${data}]`))
          expect(english(element.getAttribute(`data-i18n-${data}`)!), data).toBeDefined();
      }
      // A word outside any [data-i18n] element would stay English in every language.
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
      const stray: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!/\p{L}/u.test(node.textContent ?? '') || parent?.closest('[data-i18n], script, style')) continue;
        stray.push(normal(node.textContent));
      }
      expect(stray).toEqual([]);
      // Placeholders and labels written in the page are messages too (an address is not a text).
      for (const element of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
        for (const attribute of ['placeholder', 'aria-label', 'title']) {
          const value = element.getAttribute(attribute);
          if (value && !/^https?:\/\//.test(value) && !element.hasAttribute(`data-i18n-${attribute}`))
            stray.push(`${attribute}="${value}"`);
        }
      }
      expect(stray).toEqual([]);
    },
  );

  it('localizePage puts each message in its element and attribute, and the page language', () => {
    document.documentElement.lang = 'xx';
    document.body.innerHTML = `<h1 data-i18n="options.title">old</h1>
      <input data-i18n-placeholder="options.wordsPlaceholder" data-i18n-aria-label="field.words">`;
    localizePage();
    expect(document.querySelector('h1')!.textContent).toBe('Veneer filters');
    expect(document.querySelector('input')!.placeholder).toBe('spiders, not: spider-man');
    expect(document.querySelector('input')!.getAttribute('aria-label')).toBe('Words');
    expect(document.documentElement.lang).toBe('en');
  });

  it('fills in values and counts', () => {
    expect(t('popup.activeFilters', 1)).toBe('1 active filter');
    expect(t('popup.activeFilters', 3)).toBe('3 active filters');
    expect(t('popup.summary', 12, { changed: 2 })).toBe('2 of 12 posts changed on this page');
    expect(t('popup.summary', 1, { changed: 0 })).toBe('0 of 1 post changed on this page');
    expect(actionName('blur-faces')).toBe('Blur faces');
    expect(actionName('warn')).toBe('Warn first');
  });
});
