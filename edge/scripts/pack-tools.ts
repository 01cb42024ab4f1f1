import fs from 'node:fs';
import path from 'node:path';
import { importPrivateKey, packProblem, type SelectorPack, signPack } from '@veneer/shared/packs';
import type { SiteDefinition } from '../../extension/content/site-adapter.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The public key the extension pins (shipped in the package). */
export const PINNED_KEY_FILE = path.join(repoRoot, 'extension/public/packs/public-key.json');

/** A site adapter's definition (its built-in pack and rules), by adapter id. */
export async function siteDefinition(adapter: string): Promise<SiteDefinition> {
  const file = path.join(repoRoot, 'extension/content/adapters', `${adapter}.ts`);
  if (!/^[a-z][a-z0-9-]*$/.test(adapter) || !fs.existsSync(file))
    throw new Error(`no site adapter named "${adapter}" (extension/content/adapters)`);
  return (await import(file)).default as SiteDefinition;
}

/**
 * Signs `pack` with the private key and publishes it to the edge (operators only). The pack is
 * checked against its adapter first, as every extension will check it.
 */
export async function publishPack(options: {
  pack: SelectorPack;
  privateKey: string;
  edgeUrl: string;
  operatorSecret: string;
}): Promise<{ adapter: string; version: number }> {
  const definition = await siteDefinition(options.pack.adapter);
  const problem = packProblem(options.pack, definition);
  if (problem) throw new Error(`the pack does not fit ${options.pack.adapter}: ${problem}`);
  const signed = await signPack(options.pack, await importPrivateKey(options.privateKey));
  const response = await fetch(new URL(`/v1/packs/${options.pack.adapter}`, options.edgeUrl), {
    method: 'PUT',
    headers: { authorization: `Bearer ${options.operatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify(signed),
  });
  const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
  if (!response.ok)
    throw new Error(`the edge refused the pack (${response.status}): ${body?.error?.message ?? ''}`);
  return { adapter: options.pack.adapter, version: options.pack.version };
}
