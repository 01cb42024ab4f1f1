import { browser } from 'wxt/browser';
import type { PageReport } from '../content/page-report.ts';

/**
 * The latest report of each tab's content script, kept in session storage (gone when the
 * browser closes) so the popup can show it for the active tab even after the background slept.
 */
const keyFor = (tabId: number) => `veneer.page.${tabId}`;

export async function savePageReport(tabId: number, report: PageReport): Promise<void> {
  await browser.storage.session.set({ [keyFor(tabId)]: report });
}

export async function loadPageReport(tabId: number): Promise<PageReport | null> {
  return (
    ((await browser.storage.session.get(keyFor(tabId)))[keyFor(tabId)] as PageReport | undefined) ?? null
  );
}

export async function forgetPageReport(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
}
