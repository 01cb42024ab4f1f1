import { afterEach, describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.ts';

const everyByte = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) % 256);

describe('base64', () => {
  it('round-trips every byte value, with padding', () => {
    const text = bytesToBase64(everyByte);
    expect(text).toBe(Buffer.from(everyByte).toString('base64'));
    expect(base64ToBytes(text)).toEqual(everyByte);
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
  });

  describe('without the engine’s own base64 (older browsers)', () => {
    const saved = Object.getOwnPropertyDescriptor(Uint8Array, 'fromBase64');
    const savedTo = Object.getOwnPropertyDescriptor(Uint8Array.prototype, 'toBase64');
    afterEach(() => {
      if (saved) Object.defineProperty(Uint8Array, 'fromBase64', saved);
      if (savedTo) Object.defineProperty(Uint8Array.prototype, 'toBase64', savedTo);
    });

    it('decodes and encodes the same', () => {
      if (saved) Object.defineProperty(Uint8Array, 'fromBase64', { value: undefined, configurable: true });
      if (savedTo)
        Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: undefined, configurable: true });
      const large = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251);
      const text = bytesToBase64(large);
      expect(text).toBe(Buffer.from(large).toString('base64'));
      expect(base64ToBytes(text)).toEqual(large);
    });
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow();
  });
});
