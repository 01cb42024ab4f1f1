/**
 * Standard base64 (with padding) to bytes and back, for image bytes carried in messages and JSON.
 * Uses the engine's own `Uint8Array.fromBase64` / `toBase64` where it has them (Chromium 140+,
 * Firefox 133+, Node 25+): decoding a 300 KB thumbnail that way takes under a millisecond in
 * Chromium, where `Uint8Array.from(atob(...), mapFn)` took about 20 ms.
 */
interface NativeBase64 {
  fromBase64?: (text: string) => Uint8Array<ArrayBuffer>;
}
interface NativeBase64Bytes {
  toBase64?: () => string;
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as NativeBase64).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as NativeBase64Bytes).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
