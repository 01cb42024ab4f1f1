/**
 * pnpm pack:keygen [--out <private-key-file>]: makes a new Ed25519 signing key pair for selector
 * packs. The private key goes to the file (default ~/.config/veneer/pack-signing.key, mode 600;
 * it never belongs in the repository); the public key is written into the extension
 * (extension/public/packs/public-key.json, which pins it) and printed for the edge's
 * PACK_PUBLIC_KEY. Rebuild and release the extension after changing it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePackKeys } from '@veneer/shared/packs';
import { PINNED_KEY_FILE } from './pack-tools.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? path.join(os.homedir(), '.config/veneer/pack-signing.key');
if (fs.existsSync(out)) {
  console.error(`pack:keygen: ${out} exists; move it away first (packs signed with it would stop verifying)`);
  process.exit(2);
}
const keys = await generatePackKeys();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${keys.privateKey}\n`, { mode: 0o600 });
fs.writeFileSync(PINNED_KEY_FILE, `${JSON.stringify({ ed25519: keys.publicKey }, null, 2)}\n`);
console.log(
  `private key: ${out}\npublic key (edge PACK_PUBLIC_KEY, and ${PINNED_KEY_FILE}): ${keys.publicKey}`,
);
