/**
 * After `wxt zip`: the packages `pnpm package` wrote, their sizes, and what takes the space in
 * each (the largest files, and how much of it is models and onnxruntime's wasm).
 */
import fs from 'node:fs';
import path from 'node:path';

const output = path.resolve(import.meta.dirname, '../.output');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function files(dir: string): Array<{ file: string; bytes: number }> {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return { file: path.relative(dir, full), bytes: fs.statSync(full).size };
    });
}

for (const zip of fs
  .readdirSync(output)
  .filter((name) => name.endsWith('.zip'))
  .sort())
  console.log(`${zip}\t${mb(fs.statSync(path.join(output, zip)).size)}`);
for (const build of ['chrome-mv3', 'firefox-mv2']) {
  const all = files(path.join(output, build));
  const total = all.reduce((sum, f) => sum + f.bytes, 0);
  const share = (test: (file: string) => boolean) =>
    all.filter((f) => test(f.file)).reduce((sum, f) => sum + f.bytes, 0);
  console.log(`\n${build}: ${mb(total)} unpacked, ${all.length} files`);
  console.log(`  onnxruntime wasm: ${mb(share((f) => f.startsWith('ort/')))}`);
  console.log(`  models: ${mb(share((f) => f.startsWith('models/')))}`);
  console.log(`  the rest: ${mb(share((f) => !f.startsWith('ort/') && !f.startsWith('models/')))}`);
  for (const { file, bytes } of all.sort((a, b) => b.bytes - a.bytes).slice(0, 8))
    console.log(`  ${mb(bytes)}\t${file}`);
}
