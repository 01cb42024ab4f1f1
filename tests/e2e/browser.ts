import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { extensionDir, tmpDir } from '../stack/index.ts';
import { startNetworkRecorder } from './network-recorder.ts';
import {
  guardPrivacy,
  type PrivacyGuard,
  type PrivacyOptions,
  recordPrivacySummary,
  reportProblems,
} from './privacy-guard.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** Privacy on the wire for this browser (null for benchmarks and `pnpm dev`). */
  privacy: PrivacyGuard | null;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the built extension loaded and a fresh profile. */
export async function launchWithExtension({
  headless = true,
  extensionPath = extensionDir,
  hostMap = {} as Record<string, string>,
  /**
   * false: the caller handles Ctrl-C and SIGTERM itself (pnpm dev stops its services first);
   * Playwright's own handlers would close the browser and exit the process before that.
   */
  handleSignals = true,
  /**
   * Privacy on the wire (tests/e2e/privacy-guard.ts): every browser a test suite launches sends all
   * its traffic through a recorder, and closing it fails when a page's text, image address or
   * image bytes left against the README's promise. Off for benchmarks and `pnpm dev` (no VITEST).
   */
  privacy = (process.env.VITEST ? {} : false) as PrivacyOptions | false,
} = {}): Promise<ExtensionBrowser> {
  if (!fs.existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`the extension is not built at ${extensionDir}: run pnpm build first`);
  }
  const recorder = privacy ? await startNetworkRecorder(hostMap) : null;
  const { context, profile } = await launchChromium(headless, hostMap, handleSignals, [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    ...(recorder ? [`--proxy-server=${recorder.url}`, '--proxy-bypass-list=<-loopback>'] : []),
  ]);
  const guard = recorder && privacy ? guardPrivacy(context, recorder, privacy) : null;
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    privacy: guard,
    serviceWorker,
    extensionId,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
      if (!guard || !recorder) return;
      guard.stop();
      const problems = guard.problems();
      const options = privacy || {};
      await recordPrivacySummary(guard.summary(), options.label);
      await recorder.stop();
      if (!options.expectProblems) reportProblems(problems);
    },
  };
}

/**
 * A copy of the built extension whose manifest already holds `origins`, as if the user had
 * accepted the browser's prompt for them (an optional host permission): the prompt is browser
 * chrome that no automation can click. Everything else is the build as shipped.
 */
export function extensionWithGrantedOrigins(origins: string[]): string {
  const copy = fs.mkdtempSync(path.join(tmpDir, 'extension-granted-'));
  fs.cpSync(extensionDir, copy, { recursive: true });
  const manifestFile = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return copy;
}

/**
 * A copy of the built extension that pins another selector-pack key (its public half, base64): the
 * project's signing key never reaches a test, so tests sign packs with a key of their own.
 */
export function extensionWithPackKey(publicKey: string): string {
  const copy = fs.mkdtempSync(path.join(tmpDir, 'extension-pack-key-'));
  fs.cpSync(extensionDir, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'packs/public-key.json'), JSON.stringify({ ed25519: publicKey }));
  return copy;
}

/** Chromium flags every Veneer browser test uses, plus `extra`. */
/**
 * `hostMap` sends a real host name to a loopback fixture (`i.ytimg.com` -> `127.0.0.1:PORT`) at
 * the network level, so every part of the extension (offscreen documents too, which Playwright's
 * routing does not see) reaches the fixture under the real address.
 */
async function launchChromium(
  headless: boolean,
  hostMap: Record<string, string>,
  handleSignals: boolean,
  extra: string[],
) {
  const profile = fs.mkdtempSync(path.join(tmpDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    ignoreHTTPSErrors: true,
    viewport: { width: 1000, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The fixture image host's certificate is self-signed; extension documents (the offscreen
      // one fetching images for on-device checks) need this as well as ignoreHTTPSErrors.
      '--ignore-certificate-errors',
      // The fixture image host is on loopback; real image CDNs are public, so Local Network
      // Access checks would only get in the way of the fixture here.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
      `--host-resolver-rules=${[
        ...Object.entries(hostMap).map(([host, target]) => `MAP ${host} ${target}`),
        'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ].join(', ')}`,
      ...extra,
    ],
  });
  return { context, profile };
}

/** The same browser without any extension, for side-by-side measurements. */
export async function launchWithoutExtension({ headless = true } = {}) {
  const { context, profile } = await launchChromium(headless, {}, true, []);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
