/**
 * pnpm pack:publish <adapter> [--file <pack.json>] [--edge <url>]: signs a selector pack and
 * publishes it to the edge, so every extension takes it without a store release. The pack file
 * defaults to packs/<adapter>.json; the signing key comes from VENEER_PACK_KEY (base64 PKCS#8, as
 * `pnpm pack:keygen` made it) or --key-file, the operator secret from OPERATOR_SECRET, the edge
 * from --edge or VENEER_EDGE_URL. Exit 2 for what it refuses, with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SelectorPack } from '@veneer/shared/packs';
import { publishPack, repoRoot } from './pack-tools.ts';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { file: { type: 'string' }, edge: { type: 'string' }, 'key-file': { type: 'string' } },
  });
  const adapter = positionals[0];
  if (!adapter) throw new Error('usage: pnpm pack:publish <adapter> [--file <pack.json>] [--edge <url>]');
  const from = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const file = values.file ? from(values.file) : path.join(repoRoot, 'packs', `${adapter}.json`);
  const pack = JSON.parse(fs.readFileSync(file, 'utf8')) as SelectorPack;
  if (pack.adapter !== adapter) throw new Error(`${file} is a pack for ${pack.adapter}, not ${adapter}`);
  const privateKey = values['key-file']
    ? fs.readFileSync(from(values['key-file']), 'utf8').trim()
    : process.env.VENEER_PACK_KEY;
  if (!privateKey) throw new Error('no signing key: set VENEER_PACK_KEY or pass --key-file');
  const operatorSecret = process.env.OPERATOR_SECRET;
  if (!operatorSecret) throw new Error('no operator secret: set OPERATOR_SECRET');
  const edgeUrl = values.edge ?? process.env.VENEER_EDGE_URL ?? 'http://127.0.0.1:8787';
  const published = await publishPack({ pack, privateKey, edgeUrl, operatorSecret });
  console.log(`published ${published.adapter} pack version ${published.version} to ${edgeUrl}`);
} catch (error) {
  console.error(`pack:publish: ${(error as Error).message}`);
  process.exit(2);
}
