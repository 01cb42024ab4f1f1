import { FILTER_ACTIONS, type Filter, FilterListSchema } from '@veneer/shared/filters';
import { describeIssues } from '@veneer/shared/protocol';
import { loadFilters, loadSettings, saveFilters, saveSettings } from '../../lib/storage.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const actionLabel: Record<Filter['action'], string> = { collapse: 'Collapse', 'blur-faces': 'Blur faces' };

function showError(message: string): void {
  $('form-error').textContent = message;
}

async function save(filters: Filter[]): Promise<boolean> {
  const parsed = FilterListSchema.safeParse(filters);
  if (!parsed.success) {
    showError(describeIssues(parsed.error));
    return false;
  }
  showError('');
  await saveFilters(parsed.data);
  await render();
  return true;
}

async function render(): Promise<void> {
  const { filters, problem } = await loadFilters();
  if (problem) showError(problem);
  const list = $('list');
  list.replaceChildren(
    ...filters.map((filter, index) => {
      const row = document.createElement('tr');
      const words = document.createElement('td');
      words.textContent = filter.words || '(every post)';
      const action = document.createElement('td');
      action.textContent = actionLabel[filter.action];
      const enabled = document.createElement('td');
      const toggle = document.createElement('input');
      toggle.type = 'checkbox';
      toggle.checked = filter.enabled;
      toggle.addEventListener(
        'change',
        () => void save(filters.map((f, i) => (i === index ? { ...f, enabled: toggle.checked } : f))),
      );
      enabled.append(toggle);
      const remove = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Delete';
      button.addEventListener('click', () => void save(filters.filter((_, i) => i !== index)));
      remove.append(button);
      row.append(words, action, enabled, remove);
      return row;
    }),
  );
  const settings = await loadSettings();
  $<HTMLInputElement>('cloud').checked = settings.cloudProcessing;
  $<HTMLInputElement>('sync').checked = settings.syncFilters;
  $<HTMLInputElement>('edge').value = settings.edgeUrl;
}

$('add').addEventListener('submit', async (event) => {
  event.preventDefault();
  const words = $<HTMLInputElement>('words').value.trim();
  const action = $<HTMLSelectElement>('action').value as Filter['action'];
  if (!FILTER_ACTIONS.includes(action)) return;
  const { filters } = await loadFilters();
  if (await save([...filters, { id: crypto.randomUUID(), words, action, enabled: true }])) {
    $<HTMLInputElement>('words').value = '';
  }
});
$<HTMLInputElement>('cloud').addEventListener(
  'change',
  (event) => void saveSettings({ cloudProcessing: (event.target as HTMLInputElement).checked }),
);
$<HTMLInputElement>('sync').addEventListener(
  'change',
  (event) => void saveSettings({ syncFilters: (event.target as HTMLInputElement).checked }),
);
$('export').addEventListener('click', async () => {
  $<HTMLTextAreaElement>('json').value = JSON.stringify((await loadFilters()).filters, null, 2);
});
$('import').addEventListener('click', async () => {
  try {
    await save(JSON.parse($<HTMLTextAreaElement>('json').value));
  } catch {
    showError('That is not valid JSON.');
  }
});
$('save-edge').addEventListener(
  'click',
  () => void saveSettings({ edgeUrl: $<HTMLInputElement>('edge').value.trim() }),
);

void render();
