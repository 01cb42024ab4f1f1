/**
 * Where an extension's time goes on the bench:feed timeline: a CPU profile (V8's sampler, every
 * 100 µs) of the page's renderer while the X timeline scrolls to 1,012 tweets with the bench's
 * filters, and the self time of each function of the extension's scripts, most first. A tool for
 * finding what to speed up, not a bench: samples are noisy, compare builds in the same run.
 *
 *   node tests/bench/feed-profile.ts [<built chrome-mv3 folder> ...]   (default: this build)
 */
import type { Profiler } from 'node:inspector';
import { launchWithExtension } from '../e2e/browser.ts';
import { useFiltersOnDevice } from '../e2e/configure.ts';
import { TIMELINE, xTimelineHtml } from '../e2e/fixtures/x-timeline.ts';
import { extensionDir } from '../stack/index.ts';
import { FILTERS } from './feed-filters.ts';

const PAGES = 50;
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 2);

async function profileOnce(extensionPath: string): Promise<Map<string, number>> {
  const browser = await launchWithExtension({ extensionPath });
  try {
    await useFiltersOnDevice(browser, FILTERS);
    const body = xTimelineHtml({ pages: PAGES });
    await browser.context.route('https://x.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body }),
    );
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto('https://x.com/home');
    await page.evaluate(
      async ({ first, pages }) => {
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const count = () => document.getElementsByTagName('article').length;
        while (count() < first) await sleep(20);
        for (let n = 1; n <= pages; n++) {
          window.scrollTo(0, document.body.scrollHeight);
          while (count() < first + 20 * n) await sleep(20);
          await sleep(30);
        }
      },
      { first: TIMELINE.length, pages: PAGES },
    );
    await page.waitForTimeout(1500);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profiler.Profile };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfUs = new Map<string, number>();
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const node = byId.get(id);
      const frame = node?.callFrame;
      if (!frame?.url.startsWith('chrome-extension://')) return;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^chrome-extension:\/\/[^/]+\//, '')}:${frame.lineNumber}:${frame.columnNumber}`;
      selfUs.set(key, (selfUs.get(key) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
    });
    return selfUs;
  } finally {
    await browser.close();
  }
}

const builds = process.argv.slice(2);
for (const build of builds.length ? builds : [extensionDir]) {
  const total = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++)
    for (const [key, us] of await profileOnce(build)) total.set(key, (total.get(key) ?? 0) + us);
  const sorted = [...total].sort((a, b) => b[1] - a[1]);
  const sum = sorted.reduce((s, [, us]) => s + us, 0);
  console.log(
    `\n${build}: ${(sum / 1000 / ROUNDS).toFixed(1)} ms sampled per run in the extension's scripts`,
  );
  for (const [key, us] of sorted.slice(0, 25))
    console.log(`${(us / 1000 / ROUNDS).toFixed(2).padStart(8)} ms  ${key}`);
}
