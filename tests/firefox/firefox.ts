import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startNetworkRecorder } from '../e2e/network-recorder.ts';
import { documentTexts, recordPrivacySummary, reportProblems, wireProblems } from '../e2e/privacy-guard.ts';
import { repoRoot } from '../stack/paths.ts';

/** Debian's Firefox ESR (`apt-get install firefox-esr`); FIREFOX_BIN names another. */
export const FIREFOX_BIN = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
/** The extension's id in Firefox (wxt.config.ts, browser_specific_settings.gecko.id). */
const ADDON_ID = 'veneer@veneer.app';

/** What a fixture answers for a request: a page's HTML, or an answer for its address (an image). */
export type Route = (url: string) => string | { contentType: string; body: Uint8Array };

export interface FirefoxWithExtension {
  browser: Browser;
  /** The extension's pages' origin (moz-extension://<uuid>), fixed for this profile. */
  origin: string;
  /** The welcome page Veneer opened when it was installed. */
  welcome: Page;
  /** One of the extension's pages (`/options.html`, `/popup.html`), opened from an extension page. */
  extensionPage(file: string): Promise<Page>;
  /** A new tab whose requests starting with each prefix (https://x.com/, ...) the fixture answers. */
  feedPage(routes: Record<string, Route>): Promise<Page>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A tab's address, or '' when it cannot say within a second (a tab still loading, or closing). */
const addressOf = (page: Page) =>
  Promise.race([page.evaluate(() => location.href).catch(() => ''), sleep(1000).then(() => '')]);

/** Every tab as puppeteer knows it and as its page says: `url -> location.href`, for error messages. */
async function describeTabs(browser: Browser): Promise<string> {
  const pages = await browser.pages();
  const seen = await Promise.all(
    pages.map(async (page) => `${page.url()} -> ${(await addressOf(page)) || '?'}`),
  );
  return seen.join(' | ');
}

/**
 * The tab showing the extension page `href` (puppeteer's own url() lags behind extension pages),
 * or null after `timeoutMs`. A tab that does not answer is asked again on the next round, not
 * waited for: on a loaded machine one such tab used to hold the search past its deadline.
 */
async function findPage(browser: Browser, href: string, timeoutMs: number): Promise<Page | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pages = await browser.pages();
    const addresses = await Promise.all(pages.map(addressOf));
    const found = pages[addresses.indexOf(href)];
    if (found) return found;
    await sleep(200);
  }
  return null;
}

/** The extension's API as a page of its own sees it (only what these tests call). */
interface TabsApi {
  browser: {
    tabs: {
      create(o: { url: string }): Promise<{ id: number }>;
      query(o: object): Promise<{ id: number; url?: string; status?: string }[]>;
      remove(ids: number[]): Promise<void>;
    };
  };
}

/**
 * Firefox ESR driven over WebDriver BiDi with the built Firefox extension (MV2, WXT's
 * `.output/firefox-mv2`) installed as a temporary add-on, as a new user installs it: its welcome
 * page opens. Extension pages cannot be opened by navigation over BiDi, so they are opened from
 * the welcome page (through the extension's own `tabs` API).
 */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  const uuid = crypto.randomUUID();
  const origin = `moz-extension://${uuid}`;
  // Privacy on the wire (tests/e2e/privacy-guard.ts): all of Firefox's traffic, loopback included,
  // goes through a recorder; closing fails when a page's text, image address or bytes left. No
  // Firefox suite turns cloud processing on, so no job may leave either.
  const recorder = await startNetworkRecorder();
  const proxy = new URL(recorder.url);
  const pageTexts = new Set<string>();
  const imageAddresses = new Set<string>();
  const siteHosts = new Set<string>();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BIN,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      'network.proxy.type': 1,
      'network.proxy.http': proxy.hostname,
      'network.proxy.http_port': Number(proxy.port),
      'network.proxy.ssl': proxy.hostname,
      'network.proxy.ssl_port': Number(proxy.port),
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.no_proxies_on': '',
    },
  });
  const close = async () => {
    await browser.close();
    const problems = wireProblems({
      sent: recorder.sent(),
      pageTexts,
      imageAddresses,
      cloudOnAt: () => false,
      foreignHosts: recorder.foreignHosts(),
      allowedHosts: siteHosts,
    });
    await recordPrivacySummary({
      requests: recorder.sent().length,
      page_texts: pageTexts.size,
      image_addresses: imageAddresses.size,
      cloud_on_samples: 0,
      cloud_off_samples: 0,
      hosts: recorder.hosts().length,
      problems: problems.length,
    });
    await recorder.stop();
    reportProblems(problems);
  };
  try {
    await browser.installExtension(path.join(repoRoot, 'extension/.output/firefox-mv2'));
    const welcome = await findPage(browser, `${origin}/welcome.html`, 30_000);
    if (!welcome) throw new Error(`Veneer's welcome page did not open; tabs: ${await describeTabs(browser)}`);
    return {
      browser,
      origin,
      welcome,
      async extensionPage(file) {
        // A page script may not open a window without a click; the extension's API may. Now and
        // then, on a loaded 2-core machine, Firefox loads the tab (the extension sees it complete)
        // but it never answers over BiDi; such a tab is closed and the page opened again, twice at most.
        const href = `${origin}${file}`;
        const tries: string[] = [];
        for (let attempt = 1; attempt <= 3; attempt++) {
          await welcome.evaluate(
            (href) => (globalThis as unknown as TabsApi).browser.tabs.create({ url: href }),
            href,
          );
          const found = await findPage(browser, href, 15_000);
          if (found) return found;
          const puppeteerSees = await describeTabs(browser);
          const extensionSees = await Promise.race([
            welcome.evaluate(async (href) => {
              const { tabs } = (globalThis as unknown as TabsApi).browser;
              const stuck = (await tabs.query({})).filter((tab) => tab.url === href);
              await tabs.remove(stuck.map((tab) => tab.id));
              return stuck.map((tab) => `${tab.url} (${tab.status})`).join(', ') || 'no such tab';
            }, href),
            sleep(5000).then(() => 'no answer from the welcome page'),
          ]);
          tries.push(`try ${attempt}: puppeteer saw ${puppeteerSees}; the extension saw ${extensionSees}`);
          console.warn(`[firefox] ${href} did not answer: ${tries.at(-1)}`);
        }
        throw new Error(`no tab shows ${href} after 3 tries of 15 s:\n${tries.join('\n')}`);
      },
      async feedPage(routes) {
        const page = await browser.newPage();
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          if (/^https?:/.test(request.url())) siteHosts.add(new URL(request.url()).hostname);
          const route = Object.entries(routes).find(([prefix]) => request.url().startsWith(prefix));
          if (!route) return void request.continue();
          const answer = route[1](request.url());
          if (typeof answer === 'string') for (const text of documentTexts(answer).texts) pageTexts.add(text);
          else imageAddresses.add(request.url());
          void request.respond(
            typeof answer === 'string'
              ? { status: 200, contentType: 'text/html', body: answer }
              : { status: 200, contentType: answer.contentType, body: answer.body },
          );
        });
        return page;
      },
      close,
    };
  } catch (error) {
    await browser.close();
    await recorder.stop();
    throw error;
  }
}
