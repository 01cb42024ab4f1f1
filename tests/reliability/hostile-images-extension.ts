import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Row } from '../bench/bench-report.ts';
import { askExtension } from '../e2e/ask-extension.ts';
import { launchWithExtension } from '../e2e/browser.ts';
import { useFiltersOnDevice } from '../e2e/configure.ts';
import { dataDir } from '../stack/index.ts';
import { hostileFiles } from './hostile-images.ts';

/**
 * `hostile images (extension)`: the same decoder bombs and broken files as at the node, given to
 * the extension's on-device image work in real Chromium (cloud processing off): the image hash
 * ("hide images like this"), the nsfw classifier and face detection, each run in the offscreen
 * document. Each must be refused with its reason or read, within seconds, the browser's memory
 * bounded (`peak_mb`: the most its processes held at once, sampled every 50 ms), and an ordinary
 * image must still be read after. One more file is fetched by address: an image host that never
 * stops sending (the fetch is cut at the byte limit).
 */

/** Resident memory of every process below this one (the browser and its children), in MB. */
function browserRssMb(): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      parents.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // Gone.
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  let kb = 0;
  for (const [pid, value] of rss) if (below(pid)) kb += value;
  return Math.round(kb / 1024);
}

/** An image host that sends PNG bytes forever (it stops when the client goes). */
async function endlessImageHost(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    const chunk = Buffer.alloc(256 * 1024, 7);
    const send = () => {
      while (res.write(chunk)) if (res.destroyed) return;
      res.once('drain', send);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/endless.png`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function hostileImagesInExtension(): Promise<Row[]> {
  const browser = await launchWithExtension();
  const endless = await endlessImageHost();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, browserRssMb());
  }, 50);
  try {
    await useFiltersOnDevice(browser, []);
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const ask = <T>(type: string, data: unknown) =>
      Promise.race([
        askExtension<T>(page, type, data),
        new Promise<{ ok: false; message: string }>((resolve) =>
          setTimeout(() => resolve({ ok: false, message: 'no answer in 60 s' }), 60_000),
        ),
      ]);
    const ordinary = {
      kind: 'bytes',
      mime: 'image/jpeg',
      data: fs.readFileSync(path.join(dataDir, 'faces/2.jpg')).toString('base64'),
    };
    // Warm up the models on an ordinary image, so the peak below is the hostile files' own.
    await ask('hashImages', { images: [ordinary] });
    await ask('nsfwImages', { images: [ordinary] });
    await ask('facesIn', { clientRef: 'warm', image: ordinary });
    const before = browserRssMb();
    peak = before;
    const files = [
      ...(await hostileFiles()).map((file) => ({
        name: file.name,
        bytes: file.bytes.length,
        image: { kind: 'bytes', mime: file.mime, data: file.bytes.toString('base64') },
      })),
      { name: 'an image host that never stops sending', bytes: -1, image: { kind: 'url', url: endless.url } },
    ];
    const rows: Row[] = [];
    for (const file of files) {
      const started = performance.now();
      const [hash, nsfw, faces] = [
        await ask<Array<string | null>>('hashImages', { images: [file.image] }),
        await ask<Array<unknown | null>>('nsfwImages', { images: [file.image] }),
        await ask<{ device?: { faces: unknown[] } }>('facesIn', { clientRef: 'hostile', image: file.image }),
      ];
      const read = (answer: { ok: boolean; res?: unknown }) =>
        answer.ok && Array.isArray(answer.res) ? answer.res[0] !== null : answer.ok;
      rows.push({
        case: `hostile image (extension): ${file.name}`,
        bytes: file.bytes,
        hash: read(hash) ? 'read' : 'refused',
        nsfw: read(nsfw) ? 'read' : 'refused',
        faces: faces.ok ? 'read' : `refused: ${faces.message}`,
        // An answer that never came is what must never happen.
        bad: [hash, nsfw, faces].some((a) => !a.ok && a.message === 'no answer in 60 s') ? 1 : 0,
        ms: Math.round(performance.now() - started),
        peak_mb: peak,
      });
    }
    const hashAfter = await ask<Array<string | null>>('hashImages', { images: [ordinary] });
    const facesAfter = await ask<{ device?: { faces: unknown[] } }>('facesIn', {
      clientRef: 'after',
      image: ordinary,
    });
    rows.push({
      case: 'hostile images (extension): an ordinary image after',
      hash: hashAfter.ok && hashAfter.res[0] ? 'read' : 'refused',
      faces: facesAfter.ok
        ? `${facesAfter.res.device?.faces.length ?? 0} faces`
        : `refused: ${facesAfter.message}`,
      bad: hashAfter.ok && hashAfter.res[0] && facesAfter.ok ? 0 : 1,
      peak_mb_before: before,
      peak_mb: peak,
    });
    return rows;
  } finally {
    clearInterval(sampler);
    await endless.stop();
    await browser.close();
  }
}
