import { describe, expect, it } from 'vitest';
import { type PackShape, packProblem, type SelectorPack } from './pack.ts';
import { generatePackKeys, importPrivateKey, importPublicKey, openSignedPack, signPack } from './signing.ts';

const pack: SelectorPack = {
  format: 1,
  adapter: 'x',
  version: 2,
  selectors: { post: 'article[data-testid="tweet"]' },
  attributes: { testId: 'data-testid' },
  rules: { permalink: 'time-link' },
};
const shape: PackShape = { pack: { ...pack, version: 1 }, rules: { permalink: ['time-link', 'first-link'] } };

describe('signed selector packs', () => {
  it('opens a pack signed by the pinned key, and refuses any other key, a changed byte or no signature', async () => {
    const keys = await generatePackKeys();
    const other = await generatePackKeys();
    const signed = await signPack(pack, await importPrivateKey(keys.privateKey));
    expect(await openSignedPack(signed, await importPublicKey(keys.publicKey))).toEqual({ pack });
    expect(await openSignedPack(signed, await importPublicKey(other.publicKey))).toEqual({
      refused: 'the signature does not match the pinned key',
    });
    const tampered = { ...signed, payload: signed.payload.replace('"version":2', '"version":9') };
    expect(await openSignedPack(tampered, await importPublicKey(keys.publicKey))).toMatchObject({
      refused: expect.stringContaining('does not match'),
    });
    expect(
      await openSignedPack({ payload: signed.payload }, await importPublicKey(keys.publicKey)),
    ).toMatchObject({
      refused: expect.stringContaining('not a signed pack'),
    });
    await expect(importPublicKey('AAAA')).rejects.toThrow('32 bytes');
  });

  it('accepts a pack only for its adapter, with the same names, sane selectors and declared rules', () => {
    expect(packProblem(pack, shape)).toBeNull();
    expect(packProblem({ ...pack, adapter: 'reddit' }, shape)).toMatch(/for reddit, not x/);
    expect(packProblem({ ...pack, version: 0 }, shape)).toMatch(/positive integer/);
    expect(packProblem({ ...pack, selectors: { post: 'a', extra: 'b' } }, shape)).toMatch(
      /selectors must be exactly post/,
    );
    expect(packProblem({ ...pack, selectors: { post: ' ' } }, shape)).toMatch(/selector post/);
    expect(packProblem({ ...pack, attributes: { testId: 'onclick="x"' } }, shape)).toMatch(/not a name/);
    expect(packProblem({ ...pack, rules: { permalink: 'eval' } }, shape)).toMatch(/time-link, first-link/);
  });
});
