import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { csvLine, csvRecords } from './csv.ts';

export interface Example {
  text: string;
  /** 1: the positive class (offensive; clickbait). */
  label: 0 | 1;
}

export const TASKS = ['offensive', 'clickbait'] as const;
export type Task = (typeof TASKS)[number];

/**
 * How each task reads its CSV (the training file's format; eval takes any CSV in the same format):
 * - offensive: Davidson et al. (`tweet`, `class`: 0 hate, 1 offensive, 2 neither); positive = 0 or 1.
 * - clickbait: `headline`, `clickbait` (1 or 0).
 */
const READERS: Record<Task, { header: string[]; example: (r: Record<string, string>) => Example }> = {
  offensive: {
    header: ['', 'count', 'hate_speech', 'offensive_language', 'neither', 'class', 'tweet'],
    example: (r) => {
      const cls = Number(r.class);
      if (![0, 1, 2].includes(cls)) throw new Error(`class must be 0, 1 or 2, not "${r.class}"`);
      return { text: r.tweet ?? '', label: cls === 2 ? 0 : 1 };
    },
  },
  clickbait: {
    header: ['headline', 'clickbait'],
    example: (r) => {
      if (r.clickbait !== '0' && r.clickbait !== '1')
        throw new Error(`clickbait must be 0 or 1, not "${r.clickbait}"`);
      return { text: r.headline ?? '', label: r.clickbait === '1' ? 1 : 0 };
    },
  },
};

export const TRAINING_FILES: Record<Task, string> = {
  offensive: 'text/davidson_offensive_train.csv',
  clickbait: 'text/clickbait_headlines_train.csv',
};

export function readExamples(task: Task, file: string): Example[] {
  const records = csvRecords(fs.readFileSync(file, 'utf8'));
  const required = task === 'offensive' ? ['class', 'tweet'] : ['headline', 'clickbait'];
  const missing = required.filter((name) => records.length > 0 && !(name in records[0]!));
  if (missing.length > 0) throw new Error(`${file}: not a ${task} CSV (no column ${missing.join(', ')})`);
  return records.map((r, i) => {
    try {
      return READERS[task].example(r);
    } catch (error) {
      throw new Error(`${file} row ${i + 2}: ${(error as Error).message}`);
    }
  });
}

/** Writes examples back in the task's own CSV format (the held-out part, for eval:text). */
export function writeExamples(task: Task, file: string, examples: Example[]): void {
  const lines = [csvLine(READERS[task].header)];
  for (const [i, e] of examples.entries()) {
    lines.push(
      csvLine(
        task === 'offensive'
          ? [String(i), '3', '0', e.label ? '3' : '0', e.label ? '0' : '3', e.label ? '1' : '2', e.text]
          : [e.text, String(e.label)],
      ),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * A fixed split by a hash of the text: the same row always lands in the same part, whatever the
 * file order, and duplicates of a text never straddle train and test.
 */
export function splitOf(text: string): 'train' | 'validation' | 'test' {
  const bucket = createHash('sha256').update(text).digest().readUInt16BE(0) % 100;
  return bucket < 20 ? 'test' : bucket < 30 ? 'validation' : 'train';
}

export const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
