/**
 * The floor for pnpm bench:feed: the least a feed filter can do in a content script, as a separate
 * extension. It hides unjudged tweets with CSS from document_start, watches the page with one
 * MutationObserver, and once per animation frame reads each new tweet's text, tests one word and
 * marks the tweet. No adapter, no id, no images, no filters to compile, no classifiers, no badges,
 * no report. Its page script time, next to Veneer's in the same run, shows how much of Veneer's is
 * the price of reading posts from an extension's isolated world at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../stack/index.ts';

/** Runs in the page's isolated world (serialized with toString: plain JavaScript only). */
function floorContentScript() {
  const tweets = 'article[data-testid="tweet"]';
  const style = document.createElement('style');
  style.textContent = `${tweets}:not([data-floor]) { opacity: 0; }`;
  document.documentElement.append(style);
  const dirty = new Set<Element>();
  let queued = false;
  const scan = () => {
    queued = false;
    for (const tweet of dirty) {
      const text = tweet.querySelector('[data-testid="tweetText"]')?.textContent ?? '';
      tweet.setAttribute('data-floor', /\bspiders?\b/i.test(text) ? 'match' : 'clear');
    }
    dirty.clear();
  };
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof HTMLElement) for (const tweet of node.querySelectorAll(tweets)) dirty.add(tweet);
    if (!queued) {
      queued = true;
      requestAnimationFrame(scan);
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Writes the floor extension (MV3, x.com only) to a fresh folder and returns its path. */
export function writeFloorExtension(): string {
  const dir = fs.mkdtempSync(path.join(tmpDir, 'feed-floor-extension-'));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'bench:feed floor',
      version: '1.0',
      background: { service_worker: 'background.js' },
      content_scripts: [{ matches: ['https://x.com/*'], js: ['content.js'], run_at: 'document_start' }],
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'background.js'),
    '// nothing: the browser tests wait for a service worker\n',
  );
  fs.writeFileSync(path.join(dir, 'content.js'), `(${floorContentScript.toString()})();\n`);
  return dir;
}
