/**
 * `pnpm -s parse:filter "<sentence>" [--json] [--now <ISO time or epoch ms>]`: the filter Veneer
 * makes of a sentence (every field but `id`, valid under the filter schema), or
 * `{"error": "..."}` and exit code 2. Relative times resolve against now (or `--now`), in this
 * machine's time zone.
 */
import { parseArgs } from 'node:util';
import { parseFilterSentence } from '@veneer/shared/sentence';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, now: { type: 'string' } },
  });
  const now = values.now
    ? /^\d+$/.test(values.now)
      ? Number(values.now)
      : Date.parse(values.now)
    : Date.now();
  if (Number.isNaN(now)) return fail(`--now "${values.now}" is not a time`, values.json);
  if (positionals.length !== 1)
    return fail('usage: pnpm -s parse:filter "<sentence>" [--json] [--now <time>]', values.json);
  const parsed = parseFilterSentence(positionals[0]!, { now });
  if ('error' in parsed) return fail(parsed.error, values.json);
  if (values.json) console.log(JSON.stringify(parsed.filter));
  else {
    console.log(parsed.summary);
    for (const note of parsed.notes) console.log(`note: ${note}`);
    console.log(JSON.stringify(parsed.filter, null, 2));
  }
  return 0;
}

function fail(error: string, json: boolean | undefined): number {
  if (json) console.log(JSON.stringify({ error }));
  else console.error(error);
  return 2;
}

try {
  process.exitCode = main();
} catch (error) {
  process.exitCode = fail((error as Error).message, process.argv.includes('--json'));
}
