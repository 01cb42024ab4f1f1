/**
 * `pnpm dev`: runs Veneer locally. Starts Redis, the inference node and the edge on the ports
 * the extension expects by default (edge 8787, node 8788), then opens Chromium with the built
 * extension on a bundled demo feed served at https://www.reddit.com/r/pics/. Without a display
 * it renders the feed headless once, saves a screenshot, prints where everything is and keeps
 * the services running until Ctrl-C.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../e2e/browser.ts';
import { redditFeedHtml } from '../e2e/fixtures/reddit-feed.ts';
import { xTimelineHtml } from '../e2e/fixtures/x-timeline.ts';
import {
  studioVideoHtml,
  youtubeHomeHtml,
  youtubeSearchHtml,
  youtubeWatchHtml,
} from '../e2e/fixtures/youtube.ts';
import { waitFor } from '../e2e/wait.ts';
import { extensionDir, tmpDir } from './paths.ts';
import { startStack } from './stack.ts';

const stack = await startStack({ edgePort: 8787, nodePort: 8788 });
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
// Ctrl-C is handled below: the services stop first, then the process exits.
const browser = await launchWithExtension({ headless: !hasDisplay, handleSignals: false });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await browser.close().catch(() => {});
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

await browser.context.route('https://www.reddit.com/**', (route) =>
  route.fulfill({ status: 200, contentType: 'text/html', body: redditFeedHtml(stack.images.origin) }),
);
await browser.context.route('https://x.com/**', (route) =>
  route.fulfill({ status: 200, contentType: 'text/html', body: xTimelineHtml() }),
);
// The thumbnail lab: a Studio video page to open it from, and a YouTube home grid, search page
// and watch page to preview candidates in.
await browser.context.route('https://studio.youtube.com/**', (route) =>
  route.fulfill({
    status: 200,
    contentType: 'text/html',
    body: studioVideoHtml('I built a shed in 48 hours', 'Maker Mike'),
  }),
);
await browser.context.route('https://www.youtube.com/**', (route) => {
  const { pathname } = new URL(route.request().url());
  const body =
    pathname === '/results'
      ? youtubeSearchHtml()
      : pathname === '/watch'
        ? youtubeWatchHtml()
        : youtubeHomeHtml();
  return route.fulfill({ status: 200, contentType: 'text/html', body });
});
await browser.serviceWorker.evaluate(async () => {
  await chrome.storage.local.set({
    'veneer.settings': { cloudProcessing: true, edgeUrl: '' },
    'veneer.filters': [
      { id: 'demo-spiders', words: 'spiders', action: 'collapse', enabled: true },
      { id: 'demo-faces', words: '', action: 'blur-faces', enabled: true, sites: ['reddit'] },
      { id: 'demo-scams', words: 'crypto giveaway, /\\b\\d{3,}x gains\\b/i', action: 'hide', enabled: true },
      { id: 'demo-election', words: 'election', action: 'warn', enabled: true },
      { id: 'demo-finale', words: '"season finale"', action: 'blur', enabled: true },
      { id: 'demo-hedgehogs', words: 'hedgehogs', action: 'pixelate', enabled: true },
    ],
  });
});
await waitFor('the extension to register with the edge', () =>
  browser.serviceWorker.evaluate(
    async () => (await chrome.storage.local.get('veneer.session'))['veneer.session'],
  ),
);
const timeline = await browser.context.newPage();
await timeline.goto('https://x.com/home');
const studio = await browser.context.newPage();
await studio.goto('https://studio.youtube.com/video/demo/edit');
const page = await browser.context.newPage();
await page.goto('https://www.reddit.com/r/pics/');

console.log(`
Veneer is running.
  edge            ${stack.edge.url}      (wrangler dev, log: ${stack.edge.logFile})
  inference node  ${stack.node.url}      (metrics: ${stack.node.url}/metrics)
  redis           ${stack.redis.url}
  extension       ${extensionDir}
  demo feed       https://www.reddit.com/r/pics/ (served from tests/e2e/fixtures, images from ${stack.images.origin})
  demo timeline   https://x.com/home (real tweet markup from ../shared/data/dom)
  thumbnail lab   https://studio.youtube.com/video/demo/edit ("Thumbnail lab" button), or
                  chrome-extension://${browser.extensionId}/lab.html; "Preview on YouTube" shows the
                  candidates in https://www.youtube.com/ (also /results and /watch)
Demo filters: "spiders" collapses posts; "blur faces" blurs every face on Reddit (cloud processing is on
in this profile); crypto scams are hidden, election posts get a warning, "season finale" is blurred and
hedgehog photos are pixelated.`);

if (!hasDisplay) {
  await waitFor(
    'face results',
    () => page.evaluate(() => document.querySelectorAll('[data-veneer-face]').length > 0),
    60_000,
  );
  // Then every image's answer, so no face in the picture is still waiting to be blurred; a slow
  // node only makes the picture show its progress banner.
  await waitFor(
    'every face answer',
    () => page.evaluate(() => document.querySelectorAll('[data-veneer-faces="pending"]').length === 0),
    30_000,
  ).catch((error: Error) => console.log(`(${error.message}: the picture shows what was done so far)`));
  const shot = path.join(tmpDir, 'demo.png');
  fs.mkdirSync(tmpDir, { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`
No display here, so Chromium runs headless. The rewritten feed is in ${shot}.
To use Veneer in your own Chromium: open chrome://extensions, turn on Developer mode,
"Load unpacked" and pick ${extensionDir}; it talks to the edge at ${stack.edge.url}.`);
}
console.log('\nCtrl-C stops everything.');
