import path from 'node:path';
import { textCheck } from '@veneer/shared/judge';
import { type Feeds, type ModelDefinition, type ModelSpec, runModel, textModel } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import { repoRoot } from './paths.ts';

/** A definition's feeds as onnxruntime-node tensors. */
export const toOrt = (feeds: Feeds) =>
  Object.fromEntries(
    Object.entries(feeds).map(([name, { data, dims }]) => [
      name,
      new ort.Tensor(data instanceof BigInt64Array ? 'int64' : 'float32', data, dims),
    ]),
  );

/** Runs a model definition (shared/src/models) with an onnxruntime-node session. */
export function runInNode<In, Out>(
  model: ModelDefinition<In, Out>,
  session: ort.InferenceSession,
  input: In,
) {
  return runModel(model, async (feeds) => (await session.run(toOrt(feeds))) as never, input);
}

/** Where a model the project trains and commits lives in this checkout (`repo:<path>` sources). */
export function committedModelFile(spec: ModelSpec): string {
  if (!spec.source.startsWith('repo:')) throw new Error(`${spec.id} is not a model this repository holds`);
  return path.join(repoRoot, spec.source.slice('repo:'.length));
}

/**
 * Text checks (shared/src/judge) in Node, as the extension runs them in the browser: each check's
 * model loaded once from this checkout, its definition run on each text.
 */
export function nodeTextChecks() {
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  return async (id: string, texts: readonly string[]): Promise<unknown[]> => {
    const model = textModel(textCheck(id).model);
    const file = committedModelFile(model.spec);
    if (!sessions.has(file)) sessions.set(file, ort.InferenceSession.create(file, { logSeverityLevel: 3 }));
    const session = await sessions.get(file)!;
    const answers: unknown[] = [];
    for (const text of texts) answers.push(await runInNode(model, session, text));
    return answers;
  };
}
