import path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeTextChecks } from '../run-in-node.ts';
import { judgePosts, type PostJudgement } from './judge-posts.ts';
import { InputError, readFilters, readPosts } from './read-inputs.ts';

const USAGE =
  'usage: pnpm judge --filters <list.json> --posts <posts.csv> [--always-show "@friend, r/name"] [--json]';

/**
 * `pnpm judge`: the extension's Judge over a CSV of posts, in Node, with its text checks (Veneer's
 * classifiers) on onnxruntime-node. Exit 2 for inputs it refuses, with the reason.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      filters: { type: 'string' },
      posts: { type: 'string' },
      'always-show': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.filters || !values.posts) throw new InputError(USAGE);
  // Paths are the caller's: pnpm runs the script from the repository's root, and says where it was called.
  const from = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const filters = readFilters(from(values.filters));
  const posts = readPosts(from(values.posts));
  // The allowlist: accounts and communities no filter changes (the extension's "Always show").
  const alwaysShow = (values['always-show'] ?? '')
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const results = await judgePosts(filters, posts, nodeTextChecks(), { alwaysShow });
  for (const line of values.json ? results.map((r) => JSON.stringify(r)) : table(results)) console.log(line);
}

function table(results: readonly PostJudgement[]): string[] {
  const changed = results.filter((r) => r.action);
  return [
    ...results.map(
      (r) =>
        `${r.id}\t${r.action ?? '-'}\t${r.reasons.map((reason, i) => `${reason} [${r.matched[i]}]`).join('; ')}`,
    ),
    `${changed.length} of ${results.length} posts changed`,
  ];
}

main().catch((error: Error) => {
  if (error instanceof InputError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`judge: ${error.message}`);
    if (!(error instanceof InputError)) console.error(USAGE);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
