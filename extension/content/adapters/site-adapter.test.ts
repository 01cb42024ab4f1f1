import { describe, expect, it } from 'vitest';
import { absoluteUrl } from './site-adapter.ts';

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
