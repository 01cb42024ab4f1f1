/**
 * pnpm eval:text <offensive|clickbait> <csv> [--json]: runs the committed ONNX classifier on every
 * row of a CSV in the training file's format and prints precision, recall and F1 of the positive
 * class, F1 of the negative class, macro-F1 and accuracy.
 */
import fs from 'node:fs';
import { readExamples, TASKS, type Task } from './datasets.ts';
import { evaluateClassifier } from './evaluate.ts';
import { OnnxTextClassifier } from './onnx-text-classifier.ts';
import { modelFile } from './paths.ts';

const [task, file, flag] = process.argv.slice(2) as [Task, string, string | undefined];
if (!TASKS.includes(task) || !file || (flag !== undefined && flag !== '--json')) {
  console.error(`usage: pnpm eval:text <${TASKS.join('|')}> <csv> [--json]`);
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}
let examples: ReturnType<typeof readExamples>;
try {
  examples = readExamples(task, file);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const metrics = await evaluateClassifier(await OnnxTextClassifier.load(modelFile(task)), examples);
if (flag === '--json') console.log(JSON.stringify(metrics));
else {
  console.log(`${task} on ${file} (${examples.length} rows)`);
  for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(12)} ${value.toFixed(4)}`);
}
