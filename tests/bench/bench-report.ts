import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../stack/paths.ts';

export type Row = { case: string } & Record<string, number | string>;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Prints the rows as a table and writes bench-results/<name>.json as {"name","rows"}. */
export function report(name: string, rows: Row[]): void {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(keys)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const row of rows) console.log(line(keys.map((k) => String(row[k] ?? ''))));
  const dir = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ name, rows }, null, 2)}\n`);
  console.log(`\nwrote bench-results/${name}.json`);
}
