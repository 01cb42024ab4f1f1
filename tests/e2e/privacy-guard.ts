import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Request } from 'playwright-core';
import { tmpDir } from '../stack/index.ts';
import type { NetworkRecorder, SentRequest } from './network-recorder.ts';

/**
 * Privacy on the wire, in every browser suite: what the pages showed (their texts and image
 * addresses, read from the documents the browser loaded) is compared with everything the browser
 * sent in plain text through the network recorder, whichever part of the extension sent it.
 *
 * - A page's text never leaves, cloud processing on or off (no job carries a post's text); the one
 *   text that does is the creator's own video title in the thumbnail lab's deep score (a `thumb`
 *   job, cloud processing on), as the README says.
 * - An image's address or bytes leave only in `POST /v1/jobs` and `POST /v1/score`, and only while
 *   cloud processing is on (the extension's setting, read every 300 ms); fetching the image from
 *   its own host is not leaving.
 * - No job is sent while cloud processing is off.
 * - The browser asks no host but loopback fixtures and the names mapped to them.
 *
 * A failing check names the request: its first line, where it went, and what it carried.
 */
export interface PrivacyGuard {
  /** The problems found so far (empty when the suite kept its promise). */
  problems(): string[];
  /** What was checked, for the suite's log and the bench's row. */
  summary(): PrivacySummary;
  stop(): void;
}

export interface PrivacySummary {
  requests: number;
  page_texts: number;
  image_addresses: number;
  cloud_on_samples: number;
  cloud_off_samples: number;
  hosts: number;
  problems: number;
}

export interface PrivacyOptions {
  /** Hosts (`host:port`) a suite asks on purpose although nothing serves them. */
  allowForeignHosts?: string[];
  /** Named in the summary (a browser that leaks on purpose, to show the check catches it). */
  label?: string;
  /** The test checks `privacy.problems()` itself: closing the browser fails nothing. */
  expectProblems?: boolean;
}

/**
 * Chromium's own services, which it asks by itself whatever the extension does (the extension
 * updater, sign-in, component updates); no part of Veneer names them.
 */
const BROWSER_OWN_HOSTS = new Set([
  'clients2.google.com',
  'accounts.google.com',
  'update.googleapis.com',
  'edgedl.me.gvt1.com',
  'redirector.gvt1.com',
  'optimizationguide-pa.googleapis.com',
  'content-autofill.googleapis.com',
  'safebrowsingohttpgateway.googleapis.com',
]);

/** Firefox's own services (updates, safe browsing lists, settings, captive portal checks). */
const BROWSER_OWN_DOMAINS = ['mozilla.com', 'mozilla.net', 'mozilla.org', 'firefox.com', 'getpocket.com'];
const browsersOwn = (name: string) =>
  BROWSER_OWN_HOSTS.has(name) ||
  BROWSER_OWN_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));

/** Shorter texts could be a filter's own words or a button's label. */
const MIN_TEXT = 24;
const IMAGE_BYTES = [
  'JFIF\u0000',
  'Exif\u0000\u0000',
  '\ufffdPNG\r\n\u001a\n',
  'GIF89a',
  'WEBPVP8',
  '/9j/4AAQSkZJRg',
  '/9j/2wBD',
  'iVBORw0KGgo',
  'R0lGODlh',
  'UklGR',
];

/** Texts of a document: its text between tags, attribute values and script strings, long ones only. */
export function documentTexts(html: string): { texts: string[]; addresses: string[] } {
  const texts = new Set<string>();
  const addresses = new Set<string>();
  const keep = (raw: string) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (/^(https?:)?\/\//.test(text)) {
      addresses.add(text.startsWith('//') ? `https:${text}` : text);
      return;
    }
    if (text.length < MIN_TEXT || /^[\w./#:-]*$/.test(text) || /[{};]\s*\S+\s*[{:]/.test(text)) return;
    texts.add(decodeEntities(text));
  };
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const [literal] of body!.matchAll(/"(?:[^"\\\n]|\\.){8,2000}"/g)) {
      try {
        keep(JSON.parse(literal) as string);
      } catch {
        // Not a JSON string.
      }
    }
  }
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  for (const [, value] of markup.matchAll(/\s[\w:-]+="([^"]*)"/g)) keep(value!);
  for (const segment of markup.split(/<[^>]*>/)) keep(segment);
  return { texts: [...texts], addresses: [...addresses] };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** Whether a page asked (a service worker's request has no frame). */
function fromPage(request: Request): boolean {
  try {
    return !request.frame().url().startsWith('chrome-extension:');
  } catch {
    return false;
  }
}

/** The ways a text appears in a request: as it is, escaped in JSON, or percent-encoded. */
const forms = (text: string) => [
  ...new Set([text, JSON.stringify(text).slice(1, -1), encodeURIComponent(text)]),
];

export interface WireEvidence {
  /** Everything the browser sent in plain text. */
  sent: SentRequest[];
  /** Texts the pages showed. */
  pageTexts: Iterable<string>;
  /** Addresses of images the pages showed. */
  imageAddresses: Iterable<string>;
  /** Whether cloud processing was on when a request was sent. */
  cloudOnAt(at: number): boolean;
  /** Hosts asked that are neither loopback nor mapped to a fixture (`host:port`). */
  foreignHosts: string[];
  /** Host names the pages themselves use, and any a suite asks on purpose. */
  allowedHosts: Set<string>;
}

/** The promises of the README that the traffic breaks, each naming its request. */
export function wireProblems(evidence: WireEvidence): string[] {
  const pageTexts = [...evidence.pageTexts];
  const imageAddresses = [...evidence.imageAddresses];
  const problemsOf = (request: SentRequest): string[] => {
    const firstLine = request.text.split('\r\n', 1)[0]!;
    const where = `${firstLine} to ${request.target}`;
    const found: string[] = [];
    const cloud = evidence.cloudOnAt(request.at);
    const isJob = /^POST \/v1\/jobs\b/.test(firstLine);
    const mayCarryImages = cloud && (isJob || /^POST \/v1\/score\b/.test(firstLine));
    if (isJob && !cloud) found.push(`${where}: a job sent while cloud processing was off`);
    // The thumbnail lab's deep score (cloud on) sends the creator's own title with the thumbnail.
    const isDeepScore = cloud && isJob && /"type"\s*:\s*"thumb"/.test(request.text);
    for (const text of isDeepScore ? [] : pageTexts) {
      if (forms(text).some((form) => request.text.includes(form))) {
        found.push(`${where} carries a page's text "${text.slice(0, 80)}"`);
      }
    }
    if (!mayCarryImages) {
      for (const address of imageAddresses) {
        const url = new URL(address);
        // Fetching an image from its own host is not sending its address anywhere.
        if (request.target === url.host) continue;
        const needle = `${url.host}${url.pathname}`;
        if (url.pathname.length > 1 && forms(needle).some((form) => request.text.includes(form))) {
          found.push(`${where} carries an image address ${address}`);
        }
      }
      for (const marker of IMAGE_BYTES) {
        if (request.text.includes(marker))
          found.push(`${where} carries image bytes (${JSON.stringify(marker)})`);
      }
    }
    return found;
  };

  const found = evidence.sent.flatMap(problemsOf);
  for (const host of evidence.foreignHosts) {
    const name = host.replace(/:\d+$/, '');
    if (evidence.allowedHosts.has(host) || evidence.allowedHosts.has(name) || browsersOwn(name)) continue;
    found.push(
      `the browser asked ${host}, which is neither a site the pages use, a fixture nor Veneer's server`,
    );
  }
  return [...new Set(found)];
}

export function guardPrivacy(
  context: BrowserContext,
  recorder: NetworkRecorder,
  options: PrivacyOptions = {},
): PrivacyGuard {
  const pageTexts = new Set<string>();
  const imageAddresses = new Set<string>();
  const samples: Array<{ at: number; on: boolean }> = [];
  /** Hosts the pages themselves asked (the sites and their image hosts, served by the test). */
  const siteHosts = new Set<string>();

  context.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && fromPage(request)) siteHosts.add(new URL(url).hostname);
    if (request.resourceType() === 'image' && /^https?:/.test(url) && fromPage(request))
      imageAddresses.add(url);
  });
  context.on('response', async (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' || !/^https?:/.test(request.url())) return;
    const html = await response.text().catch(() => '');
    const { texts, addresses } = documentTexts(html);
    for (const text of texts) pageTexts.add(text);
    for (const address of addresses) {
      try {
        const url = new URL(address, request.url());
        if (/\.(jpe?g|png|webp|gif|avif)$/i.test(url.pathname) || /\/(vi|media|img)\//.test(url.pathname))
          imageAddresses.add(url.href);
      } catch {
        // Not an address.
      }
    }
  });

  // The cloud processing setting over time, from the extension's own storage.
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
      if (worker) {
        try {
          const on = await worker.evaluate(async () => {
            const { 'veneer.settings': settings } = await chrome.storage.local.get('veneer.settings');
            return (settings as { cloudProcessing?: boolean } | undefined)?.cloudProcessing === true;
          });
          samples.push({ at: Date.now(), on });
        } catch {
          // The worker is restarting, or the browser closing.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  };
  void poll();

  /** Whether cloud processing was on at `at` (or turned on within the next second and a half). */
  const cloudOnAt = (at: number) => {
    const before = samples.filter((s) => s.at <= at).at(-1);
    const after = samples.find((s) => s.at > at && s.at <= at + 1500);
    if (!before && !after) return samples.length === 0 || samples[0]!.on;
    return Boolean(before?.on || after?.on);
  };

  const problems = () =>
    wireProblems({
      sent: recorder.sent(),
      pageTexts,
      imageAddresses,
      cloudOnAt,
      foreignHosts: recorder.foreignHosts(),
      allowedHosts: new Set([...(options.allowForeignHosts ?? []), ...siteHosts]),
    });

  return {
    problems,
    summary: () => ({
      requests: recorder.sent().length,
      page_texts: pageTexts.size,
      image_addresses: imageAddresses.size,
      cloud_on_samples: samples.filter((s) => s.on).length,
      cloud_off_samples: samples.filter((s) => !s.on).length,
      hosts: recorder.hosts().length,
      problems: problems().length,
    }),
    stop: () => {
      stopped = true;
    },
  };
}

/** Appends the running suite's summary to `.tmp/privacy-wire.jsonl` (read by the reliability bench). */
export async function recordPrivacySummary(summary: PrivacySummary, label?: string): Promise<void> {
  const { expect } = await import('vitest');
  const file = path.basename(expect.getState().testPath ?? 'unknown');
  const suite = label ? `${file} (${label})` : file;
  fs.mkdirSync(tmpDir, { recursive: true });
  fs.appendFileSync(path.join(tmpDir, 'privacy-wire.jsonl'), `${JSON.stringify({ suite, ...summary })}\n`);
}

/** Problems found in the browsers this test file closed, until its last hook checks them. */
const found: string[] = [];

/**
 * Keeps what a closed browser's traffic broke, for `failOnFoundProblems` (privacy-setup.ts): a
 * suite fails after its own cleanup ran, so no stack is left running when it does.
 */
export function reportProblems(problems: string[]): void {
  found.push(...problems);
}

/** Throws, naming each problem, when a browser of this test file broke the README's promise. */
export function failOnFoundProblems(): void {
  const problems = found.splice(0);
  if (problems.length === 0) return;
  throw new Error(`privacy on the wire: ${problems.length} problem(s)\n${problems.slice(0, 20).join('\n')}`);
}
