import { browser } from 'wxt/browser';
import type { StatusResponse } from '../../lib/messages.ts';
import { loadFilters, saveSettings } from '../../lib/storage.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function render(): Promise<void> {
  const status = (await browser.runtime.sendMessage({ type: 'veneer:status' })) as StatusResponse;
  const connection = $('connection');
  connection.textContent =
    status.socket === 'connected'
      ? 'Connected to Veneer'
      : status.socket === 'connecting'
        ? 'Connecting…'
        : `Offline${status.lastError ? `: ${status.lastError}` : ''}`;
  connection.dataset.state = status.socket;
  $<HTMLInputElement>('cloud').checked = status.cloudProcessing;

  const { filters, problem } = await loadFilters();
  const active = filters.filter((f) => f.enabled);
  $('filters').textContent = `${active.length} active filter${active.length === 1 ? '' : 's'}`;
  const notice = $('notice');
  const blursFaces = active.some((f) => f.action === 'blur-faces');
  notice.textContent = problem ?? (blursFaces && status.onDevice ? status.onDevice : '');
  notice.hidden = !notice.textContent;
}

$<HTMLInputElement>('cloud').addEventListener('change', async (event) => {
  await saveSettings({ cloudProcessing: (event.target as HTMLInputElement).checked });
  await render();
});
$('options').addEventListener('click', (event) => {
  event.preventDefault();
  void browser.runtime.openOptionsPage();
});

void render();
