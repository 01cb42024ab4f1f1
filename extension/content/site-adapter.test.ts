import { describe, expect, it } from 'vitest';
import { absoluteUrl, postWithImages, textOf } from './site-adapter.ts';

describe('absoluteUrl', () => {
  it('gives what the URL parser gives, plain paths without it', () => {
    for (const href of [
      '/TestUser/status/123',
      '/watch?v=dQw4w9WgXcQ&t=1',
      '/r/pics/comments/abc/some_title/',
      '/a/../b',
      '/a/./b',
      '/file.name.jpg',
      '/a b',
      '/%41%zz',
      '//evil.example/x',
      'relative/path',
      'https://other.example/p?q=1',
      '/ünïcode',
      '?only=query',
    ]) {
      expect(absoluteUrl(href), href).toBe(new URL(href, location.origin).toString());
    }
  });

  it('is empty for nothing or what cannot be an address', () => {
    expect(absoluteUrl(undefined)).toBe('');
    expect(absoluteUrl('')).toBe('');
    expect(absoluteUrl('http://[bad')).toBe('');
  });
});

describe('textOf', () => {
  const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

  it('collapses every kind of whitespace, and leaves tidy text as it is', () => {
    for (const text of [
      'plain words here',
      '  leading',
      'trailing ',
      'two  spaces',
      'line\nbreak',
      'tab\there',
      'no\u00a0break',
      'ideographic\u3000space',
      '\n\n',
      ' ',
      '',
      'x',
    ]) {
      const element = document.createElement('div');
      element.textContent = text;
      expect(textOf(element), JSON.stringify(text)).toBe(collapsed(text));
    }
  });

  it('is empty for a missing element', () => {
    expect(textOf(null)).toBe('');
    expect(textOf(undefined)).toBe('');
  });
});

describe('postWithImages', () => {
  const fields = { id: '1', element: document.createElement('article'), text: 't', author: 'a', link: '' };

  it('looks the images up only when asked, and once', () => {
    const image = document.createElement('img');
    let lookups = 0;
    const post = postWithImages({ ...fields }, () => {
      lookups++;
      return [image];
    });
    expect(post.text).toBe('t');
    expect(lookups).toBe(0);
    expect(post.images).toEqual([image]);
    expect(post.images).toBe(post.images);
    expect(lookups).toBe(1);
  });

  it('gives every post the same getter (one shape for all posts, fast reads in the engine)', () => {
    const one = postWithImages({ ...fields }, () => []);
    const two = postWithImages({ ...fields, id: '2' }, () => []);
    expect(Object.getOwnPropertyDescriptor(one, 'images')!.get).toBe(
      Object.getOwnPropertyDescriptor(two, 'images')!.get,
    );
    expect({ ...one, text: 'other' }).toMatchObject({ id: '1', text: 'other', images: [] });
  });

  it('compares like a plain post', () => {
    expect(postWithImages({ ...fields }, () => [])).toEqual({ ...fields, images: [] });
  });
});
