/**
 * Runs every check in order and ends with one line, `Total: N passed, N failed`:
 * typecheck, lint, extension build, unit tests, edge tests in workerd, integration tests
 * (real Redis and inference node), the reliability scenarios' short form (faults and fuzzing against
 * the real edge, node and Redis), end-to-end tests (Chromium, edge, node, Redis) and the
 * Firefox suite (Firefox ESR over WebDriver BiDi).
 * A failing step does not stop later ones, except that tests needing the build are skipped
 * when the build fails. Exit code 1 when anything failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, '.tmp/results');
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

interface Step {
  name: string;
  command: string[];
  cwd?: string;
  /** vitest JSON report to count tests from */
  report?: string;
  needsBuild?: boolean;
}

const vitest = (name: string, args: string[], cwd = root): Step => {
  const report = path.join(results, `${name}.json`);
  return {
    name,
    cwd,
    report,
    command: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
  };
};

const only = process.argv.slice(2);
const steps: Step[] = [
  { name: 'typecheck', command: ['pnpm', 'typecheck'] },
  { name: 'lint', command: ['pnpm', 'lint'] },
  { name: 'build', command: ['pnpm', 'build'] },
  vitest('unit', [
    '--project',
    'shared',
    '--project',
    'inference-node',
    '--project',
    'extension',
    '--project',
    'text-models',
    '--project',
    'model-import',
    '--project',
    'bench',
  ]),
  vitest('edge', [], path.join(root, 'edge')),
  vitest('integration', ['--project', 'integration']),
  vitest('reliability', ['--project', 'reliability']),
  { ...vitest('e2e', ['--project', 'e2e']), needsBuild: true },
  { ...vitest('firefox', ['--project', 'firefox']), needsBuild: true },
].filter((step) => only.length === 0 || only.includes(step.name));

let passed = 0;
let failed = 0;
const failedSteps: string[] = [];
let buildFailed = false;

for (const step of steps) {
  if (step.needsBuild && buildFailed) {
    console.log(`\n=== ${step.name}: skipped, the extension build failed`);
    failedSteps.push(step.name);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), { cwd: step.cwd ?? root, stdio: 'inherit' });
  const ok = run.status === 0;
  console.log(`=== ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps.push(step.name);
  if (!ok && step.name === 'build') buildFailed = true;
  if (step.report && fs.existsSync(step.report)) {
    const report = JSON.parse(fs.readFileSync(step.report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numFailedTestSuites: number;
      success: boolean;
    };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that failed before any test ran (its setup broke) counts as a failure too.
    if (!report.success && report.numFailedTests === 0) failed += Math.max(1, report.numFailedTestSuites);
  } else if (step.report && !ok) {
    failed += 1; // the suite could not even report
  }
}

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
