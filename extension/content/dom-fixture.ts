import fs from 'node:fs';
import path from 'node:path';

/** Real page markup from ../shared/data/dom (see ../shared/MODELS.md), for adapter tests. */
export function realMarkup(file: string): string {
  const dir = path.resolve(import.meta.dirname, '../../../shared/data/dom');
  return fs.readFileSync(path.join(dir, file), 'utf8');
}
