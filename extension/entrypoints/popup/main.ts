import { browser } from 'wxt/browser';
import { isMastodonPage } from '../../content/adapters/mastodon.ts';
import type { PageReport } from '../../content/page-report.ts';
import { siteLabel } from '../../content/sites.ts';
import { localizePage, t } from '../../lib/i18n.ts';
import { requestMastodonHost } from '../../lib/mastodon-hosts.ts';
import { loadPageReport } from '../../lib/page-reports.ts';
import { loadFilters, loadSettings, saveSettings } from '../../lib/storage.ts';
import { backgroundMessenger, feedPageMessenger } from '../../services/protocol.ts';
import { installSentenceCard } from './sentence-card.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What an action did to a post, for the list of this page's changes ("collapsed"). */
const actionDone = (action: PageReport['changed'][number]['action']) => t(`actionDone.${action}`);

/** The tab the popup is about: the active one, or `?tab=<id>` when the popup is opened as a page. */
async function currentTabId(): Promise<number | null> {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (asked) return asked;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/**
 * A tab without Veneer's content script may be a Mastodon instance (any host): recognised from
 * the page itself, with the access the user gave by clicking Veneer's button (activeTab).
 */
async function offerMastodon(tabId: number): Promise<void> {
  const [result] = await browser.scripting
    .executeScript({ target: { tabId }, func: isMastodonPage })
    .catch(() => [] as { result?: unknown }[]);
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!result?.result || !tab?.url) return;
  const host = new URL(tab.url).hostname;
  $('mastodon').hidden = false;
  $('mastodon-text').textContent = t('popup.mastodonFound', { host });
  const button = $<HTMLButtonElement>('mastodon-enable');
  button.textContent = t('popup.mastodonEnable', { host });
  button.onclick = async () => {
    const granted = await requestMastodonHost(host, tabId);
    // Already granted before (no permissions.onAdded then): the background starts it all the same.
    if (granted) await backgroundMessenger.sendMessage('mastodonEnabled', { host });
    $('mastodon-text').textContent = granted
      ? t('popup.mastodonEnabled', { host })
      : t('popup.mastodonRefused', { host });
    button.hidden = true;
  };
}

/** The tab's report: asked of its content script (current), else as last stored (it may be asleep). */
async function pageReport(tabId: number): Promise<PageReport | null> {
  const live = await feedPageMessenger
    .sendMessage('getPageReport', undefined, { tabId, frameId: 0 })
    .catch(() => null);
  return live?.site ? live : loadPageReport(tabId);
}

async function renderPage(tabId: number | null): Promise<void> {
  const report = tabId === null ? null : await pageReport(tabId);
  $('page').hidden = !report;
  // A tab Veneer does not filter: say where it does (unless it offers a Mastodon server instead).
  $('no-page').hidden = Boolean(report) || !$('mastodon').hidden;
  if (!report || tabId === null) return;
  const host = new URL(report.url).hostname;
  $('page-title').textContent = `${siteLabel(report.site)} · ${host}`;
  const toggle = $<HTMLInputElement>('site-enabled');
  toggle.checked = report.enabled;
  toggle.onchange = async () => {
    const { disabledHosts } = await loadSettings();
    const others = disabledHosts.filter((h) => h !== host);
    await saveSettings({ disabledHosts: toggle.checked ? others : [...others, host] });
  };
  renderHealth(report);
  const changed = report.changed.reduce((sum, c) => sum + c.count, 0);
  $('page-summary').textContent = report.enabled
    ? t('popup.summary', report.postsSeen, { changed })
    : t('popup.siteOff');
  $('page-changes').replaceChildren(
    ...(report.enabled ? report.changed : []).map((c) => {
      const item = document.createElement('li');
      const count = Object.assign(document.createElement('span'), {
        className: 'count',
        textContent: String(c.count),
      });
      const what = document.createElement('span');
      what.textContent = t('popup.change', { action: actionDone(c.action), reason: c.reason });
      item.append(count, ' ', what);
      return item;
    }),
  );
  const showHidden = $<HTMLButtonElement>('show-hidden');
  showHidden.hidden = report.hidden === 0 || !report.enabled;
  showHidden.textContent = t('popup.showHidden', report.hidden);
  showHidden.onclick = async () => {
    await feedPageMessenger.sendMessage('showHidden', undefined, tabId).catch(() => {});
  };
  const problems = $('page-problems');
  problems.textContent = report.problems.join('\n');
  problems.hidden = report.problems.length === 0;
}

/** What the popup says when the site changed its page, and the one-click anonymous report. */
function renderHealth(report: PageReport): void {
  const site = siteLabel(report.site);
  const broken = report.enabled && (report.health === 'no-posts' || report.health === 'fallback');
  $('page-health').textContent = !broken
    ? ''
    : report.health === 'fallback'
      ? t('popup.healthFallback', { site })
      : t('popup.healthNoPosts', { site });
  $('page-health').hidden = !broken;
  const button = $<HTMLButtonElement>('report-breakage');
  button.hidden = !broken;
  button.onclick = async () => {
    button.disabled = true;
    const said = await backgroundMessenger.sendMessage('reportBreakage', { adapter: report.adapter }).then(
      () => t('popup.reported'),
      (error: Error) => error.message,
    );
    $('page-health').textContent = said;
  };
}

async function render(tabId: number | null): Promise<void> {
  const status = await backgroundMessenger.sendMessage('status', undefined);
  const connection = $('connection');
  connection.textContent =
    status.socket === 'connected'
      ? t('popup.connected')
      : status.socket === 'connecting'
        ? t('popup.connecting')
        : t('popup.offline');
  connection.dataset.state = status.socket;
  // Why it is offline, on a line of its own under the header.
  const why = $('connection-why');
  why.textContent = status.socket === 'offline' && status.lastError ? status.lastError : '';
  why.hidden = !why.textContent;
  $<HTMLInputElement>('cloud').checked = status.cloudProcessing;
  $('models-where').textContent = status.cloudProcessing ? t('popup.modelsCloud') : t('popup.modelsDevice');

  const { filters, problem } = await loadFilters();
  const active = filters.filter((f) => f.enabled);
  $('filters').textContent = active.length ? t('popup.activeFilters', active.length) : t('popup.noFilters');
  const notice = $('notice');
  const blursFaces = active.some((f) => f.action === 'blur-faces');
  notice.textContent = problem ?? (blursFaces && status.onDevice ? status.onDevice : '');
  notice.hidden = !notice.textContent;
  await renderPage(tabId);
}

async function main(): Promise<void> {
  localizePage();
  installSentenceCard();
  const tabId = await currentTabId();
  $<HTMLInputElement>('cloud').addEventListener('change', async (event) => {
    await saveSettings({ cloudProcessing: (event.target as HTMLInputElement).checked });
    await render(tabId);
  });
  $('options').addEventListener('click', (event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  });
  $('lab').addEventListener('click', () => {
    void browser.tabs.create({ url: browser.runtime.getURL('/lab.html') });
  });
  // The report changes while the popup is open (posts scroll in, the user shows one).
  browser.storage.session.onChanged.addListener((changes) => {
    if (tabId !== null && changes[`veneer.page.${tabId}`]) void renderPage(tabId);
  });
  await render(tabId);
  if (tabId !== null && !(await pageReport(tabId))) await offerMastodon(tabId);
  browser.storage.local.onChanged.addListener(() => void render(tabId));
}

void main();
