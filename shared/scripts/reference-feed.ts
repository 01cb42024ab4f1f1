/**
 * Writes src/thumbs/reference-feed.json: the colour signatures a thumbnail is compared with when
 * the extension has not yet seen the creator's own youtube.com home feed. Made from the photos in
 * ../shared/data/images and ../shared/data/faces (licences in ../shared/MODELS.md), each cut to
 * 16:9 as a thumbnail would be. Run: node shared/scripts/reference-feed.ts [dataDir]
 * The file records the sha256 of every source image, so a change of data shows up in review.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { colourSignature } from '../src/thumbs/colour-signature.ts';

const dataDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../../shared/data'));
const sources = ['images', 'faces'].flatMap((folder) =>
  fs
    .readdirSync(path.join(dataDir, folder))
    .filter((name) => /\.(jpe?g|png)$/i.test(name))
    .sort()
    .map((name) => path.join(folder, name)),
);
const round = (value: number) => Math.round(value * 1e4) / 1e4;
const signatures = [];
for (const source of sources) {
  const bytes = fs.readFileSync(path.join(dataDir, source));
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .toColourspace('srgb')
    .resize(160, 90, { fit: 'cover' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const signature = colourSignature(new Uint8Array(data), info.width, info.height);
  signatures.push({
    source,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    lightness: round(signature.lightness),
    rg: round(signature.rg),
    yb: round(signature.yb),
    hues: signature.hues.map(round),
  });
}
const out = path.join(import.meta.dirname, '../src/thumbs/reference-feed.json');
fs.writeFileSync(
  out,
  `${JSON.stringify({ command: 'node shared/scripts/reference-feed.ts', signatures }, null, 1)}\n`,
);
console.log(`wrote ${signatures.length} signatures to ${out}`);
