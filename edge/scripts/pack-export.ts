/**
 * pnpm pack:export <adapter> [--out <pack.json>]: writes the pack built into the extension for a
 * site adapter (its selectors, attribute names and rules) to packs/<adapter>.json, the starting
 * point of a fix: edit what the site changed, raise `version`, then `pnpm pack:publish <adapter>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, siteDefinition } from './pack-tools.ts';

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const adapter = positionals[0];
  if (!adapter) throw new Error('usage: pnpm pack:export <adapter> [--out <pack.json>]');
  const { pack } = await siteDefinition(adapter);
  const out = values.out
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
    : path.join(repoRoot, 'packs', `${adapter}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(`wrote the built-in ${adapter} pack (version ${pack.version}) to ${out}`);
} catch (error) {
  console.error(`pack:export: ${(error as Error).message}`);
  process.exit(2);
}
