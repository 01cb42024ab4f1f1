import {
  AUTHOR_BADGES,
  type AuthorBadge,
  FILTER_ACTIONS,
  type Filter,
  type FilterInput,
  FilterListSchema,
  imageConceptsFor,
  type LookIn,
  POST_KINDS,
  type PostKind,
  SENSITIVITIES,
  TEXT_CLASSIFIERS,
} from '@veneer/shared/filters';
import { listAddressProblem } from '@veneer/shared/lists';
import { describeIssues } from '@veneer/shared/protocol';
import { parseFilterSentence, type SentenceFilter } from '@veneer/shared/sentence';
import { browser } from 'wxt/browser';
import { resetLearned } from '../../background/learning.ts';
import { SHARED_LISTS_STORAGE_KEY, type SharedList } from '../../background/shared-lists.ts';
import { LISTS_STORAGE_KEY, type Subscription } from '../../background/subscriptions.ts';
import { SITE_DEFINITIONS, sites } from '../../content/sites.ts';
import { EXPIRY_MS, exportFilters, importFilters } from '../../lib/filter-import.ts';
import { actionName, localizePage, t } from '../../lib/i18n.ts';
import { loadFilters, loadSettings, saveFilters, saveSettings } from '../../lib/storage.ts';
import { edgeUrlOf } from '../../lib/storage-keys.ts';
import { sitesMarking, sitesWithBadges, takesNothing } from '../../lib/where-marked.ts';
import { backgroundMessenger, feedPageMessenger, type PreviewAnswer } from '../../services/protocol.ts';
import { describeExpiry, describeFilter, filterTitle, kindName } from './describe-filter.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
localizePage();

function showError(message: string): void {
  $('form-error').textContent = message;
}

async function save(filters: FilterInput[]): Promise<boolean> {
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

/** The filter the form describes (the one being edited, or a new one). */
function filterFromForm(existing: Filter | undefined): FilterInput {
  const action = $<HTMLSelectElement>('action').value as Filter['action'];
  const classifier = $<HTMLSelectElement>('classifier').value as Filter['classifier'] | '';
  const sensitivity = $<HTMLSelectElement>('sensitivity').value as Filter['sensitivity'];
  const expiry = $<HTMLSelectElement>('expiry').value;
  const sites = [...$('sites').querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  const lookIn = [...$('look-in').querySelectorAll<HTMLInputElement>('input:checked')].map(
    (i) => i.value as LookIn,
  );
  const kinds = [...$('kinds').querySelectorAll<HTMLInputElement>('input:checked')].map(
    (i) => i.value as PostKind,
  );
  const badge = $<HTMLSelectElement>('badge').value as AuthorBadge | '';
  return {
    id: existing?.id ?? crypto.randomUUID(),
    words: $<HTMLInputElement>('words').value.trim(),
    from: accounts($<HTMLInputElement>('from').value),
    exceptFrom: accounts($<HTMLInputElement>('except-from').value),
    kinds,
    ...(AUTHOR_BADGES.includes(badge as AuthorBadge) ? { badge: badge as AuthorBadge } : {}),
    action: FILTER_ACTIONS.includes(action) ? action : 'collapse',
    ...(classifier && TEXT_CLASSIFIERS.includes(classifier) ? { classifier } : {}),
    sensitivity: SENSITIVITIES.includes(sensitivity) ? sensitivity : 'medium',
    sites,
    lookIn: lookIn.length ? lookIn : ['text'],
    ...(expiry === 'keep' && (existing?.expiresAt ?? sentenceExpiry)
      ? { expiresAt: existing?.expiresAt ?? sentenceExpiry }
      : expiry in EXPIRY_MS
        ? { expiresAt: Date.now() + EXPIRY_MS[expiry as keyof typeof EXPIRY_MS] }
        : {}),
    enabled: existing?.enabled ?? true,
    // What the form does not show stays as it was: example images, a learned filter's model.
    imageExamples: existing?.imageExamples ?? [],
    ...(existing?.learned ? { learned: existing.learned } : {}),
  };
}

/** Accounts and communities as written in a field: separated by commas or new lines. */
const accounts = (text: string) =>
  text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The expiry a sentence gave the new filter in the form ("for a week"), kept while "Keep its expiry" is chosen. */
let sentenceExpiry: number | undefined;

function fillForm(filter: Filter | null): void {
  sentenceExpiry = undefined;
  $<HTMLInputElement>('editing').value = filter?.id ?? '';
  $<HTMLInputElement>('words').value = filter?.words ?? '';
  $<HTMLInputElement>('from').value = filter?.from.join(', ') ?? '';
  $<HTMLInputElement>('except-from').value = filter?.exceptFrom.join(', ') ?? '';
  for (const box of $('kinds').querySelectorAll<HTMLInputElement>('input')) {
    box.checked = filter?.kinds.includes(box.value as PostKind) ?? false;
  }
  $<HTMLSelectElement>('badge').value = filter?.badge ?? '';
  $<HTMLSelectElement>('action').value = filter?.action ?? 'collapse';
  $<HTMLSelectElement>('classifier').value = filter?.classifier ?? '';
  $<HTMLSelectElement>('sensitivity').value = filter?.sensitivity ?? 'medium';
  const keep = $('expiry').querySelector<HTMLOptionElement>('option[value="keep"]')!;
  keep.hidden = !filter?.expiresAt;
  keep.textContent = t('options.expiryKeep', { when: describeExpiry(filter?.expiresAt) });
  $<HTMLSelectElement>('expiry').value = filter?.expiresAt ? 'keep' : 'never';
  for (const box of $('look-in').querySelectorAll<HTMLInputElement>('input')) {
    box.checked = (filter?.lookIn ?? ['text']).includes(box.value as LookIn);
  }
  for (const box of $('sites').querySelectorAll<HTMLInputElement>('input')) {
    box.checked = filter?.sites.includes(box.value) ?? false;
  }
  // Who, what kind and where stay folded away unless the filter says something there.
  $<HTMLDetailsElement>('more-fields').open = Boolean(
    filter &&
      (filter.from.length ||
        filter.exceptFrom.length ||
        filter.kinds.length ||
        filter.badge ||
        filter.sites.length),
  );
  const saved = Boolean(filter?.id);
  $('submit').textContent = saved ? t('options.saveFilter') : t('sentence.add');
  $('editor-title').textContent = saved ? t('options.editFilter') : t('options.newFilter');
  explainImageContent();
  explainTakesNothing();
  $('cancel').hidden = !filter;
  placeEditor();
  void preview();
}

/**
 * Inline editing: the form sits inside the card of the filter it edits (the card's summary folded
 * away meanwhile), and at the top of the list as "New filter" otherwise.
 */
function placeEditor(): void {
  const editor = $('editor');
  const id = $<HTMLInputElement>('editing').value;
  for (const card of $('list').querySelectorAll<HTMLElement>('.filter-card.editing')) {
    card.classList.remove('editing');
  }
  const card = id ? $('list').querySelector<HTMLElement>(`[data-filter-id="${CSS.escape(id)}"]`) : null;
  if (card) {
    card.classList.add('editing');
    if (editor.parentElement !== card) card.append(editor);
  } else if (editor.parentElement !== $('editor-home')) {
    $('editor-home').append(editor);
  }
}

/** A button of a filter card. */
function cardButton(text: string, onClick: () => void, className = 'quiet'): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

/** One filter as a card: what it takes, what it does where and until when, its switch and buttons. */
function filterCard(filter: Filter, filters: readonly Filter[], index: number): HTMLLIElement {
  const card = document.createElement('li');
  card.className = 'filter-card card';
  card.dataset.filterId = filter.id;
  card.classList.toggle('off', !filter.enabled);
  const { title, summary, chips } = describeFilter(filter);
  const heading = document.createElement('h3');
  heading.className = 'filter-title';
  heading.textContent = title;
  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.className = 'switch';
  toggle.setAttribute('aria-label', t('options.filterOn', { title }));
  toggle.checked = filter.enabled;
  toggle.addEventListener(
    'change',
    () => void save(filters.map((f, i) => (i === index ? { ...f, enabled: toggle.checked } : f))),
  );
  const top = document.createElement('div');
  top.className = 'row spread';
  top.append(heading, toggle);
  const line = document.createElement('p');
  line.className = 'filter-summary muted';
  line.textContent = summary;
  const tags = document.createElement('p');
  tags.className = 'row chips';
  tags.append(
    ...chips.map((text) =>
      Object.assign(document.createElement('span'), { className: 'chip', textContent: text }),
    ),
  );
  const actions = document.createElement('div');
  actions.className = 'row filter-actions';
  actions.append(
    cardButton(t('options.edit'), () => {
      fillForm(filter);
      $<HTMLInputElement>('words').focus();
    }),
    cardButton(t('options.delete'), () => void save(filters.filter((_, i) => i !== index)), 'quiet danger'),
  );
  if (filter.learned && filter.learned.examples.length > 1) {
    const reset = cardButton(
      t('options.reset'),
      () => void save(filters.map((f, i) => (i === index ? resetLearned(f) : f))),
    );
    reset.title = t('options.resetHint');
    actions.append(reset);
  }
  const view = document.createElement('div');
  view.className = 'filter-view stack';
  view.append(top, line, ...(chips.length ? [tags] : []), actions);
  card.append(view);
  return card;
}

async function render(): Promise<void> {
  const { filters, problem } = await loadFilters();
  if (problem) showError(problem);
  // The form is taken out of the list before its cards are made anew, and put back after.
  $('editor-home').append($('editor'));
  $('list').replaceChildren(...filters.map((filter, index) => filterCard(filter, filters, index)));
  if (filters.length === 0) {
    $('list').append(
      Object.assign(document.createElement('li'), {
        className: 'empty',
        textContent: t('options.noFilters'),
      }),
    );
  }
  placeEditor();
  const settings = await loadSettings();
  edgeOrigin = new URL(edgeUrlOf(settings)).origin;
  renderAlwaysShow(settings.alwaysShow);
  await renderLists();
  await renderSharing(filters);
  $<HTMLInputElement>('cloud').checked = settings.cloudProcessing;
  $<HTMLInputElement>('sync').checked = settings.syncFilters;
  $<HTMLInputElement>('edge').value = settings.edgeUrl;
}

/** Asks every open tab's content script how many of its posts the filter in the form would change. */
async function preview(): Promise<void> {
  const out = $('preview');
  const editing = (await loadFilters()).filters.find((f) => f.id === $<HTMLInputElement>('editing').value);
  const parsed = FilterListSchema.safeParse([filterFromForm(editing)]);
  if (!parsed.success) {
    out.textContent = '';
    return;
  }
  const filter = parsed.data[0]!;
  const tabs = await browser.tabs.query({});
  const answers = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? null
        : feedPageMessenger
            .sendMessage('preview', { filter }, { tabId: tab.id, frameId: 0 })
            .catch(() => null),
    ),
  );
  const lines = answers
    .filter((a): a is PreviewAnswer => Boolean(a && a.total > 0))
    .map((a) => t('options.previewTab', { matched: a.matched, total: a.total, host: a.host }));
  out.textContent = lines.length
    ? t('options.preview', { tabs: lines.join('; ') })
    : t('options.previewNone');
}

/** Says plainly what the on-device image model can and cannot see of the words in the form. */
function explainImageContent(): void {
  const out = $('concepts');
  const looks = $('look-in').querySelector<HTMLInputElement>('input[value="image-content"]')!.checked;
  const words = $<HTMLInputElement>('words').value;
  out.hidden = !looks || !words.trim();
  if (out.hidden) return;
  const { nsfw, objects, unseen } = imageConceptsFor(words);
  const seen = [...nsfw, ...objects];
  out.textContent = [
    seen.length ? t('options.conceptsSeen', { concepts: seen.join(', ') }) : t('options.conceptsNone'),
    unseen.length ? t('options.conceptsUnseen', { words: unseen.map((w) => `"${w}"`).join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
$('editor').addEventListener('input', () => {
  explainImageContent();
  explainTakesNothing();
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void preview(), 250);
});
$('editor').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { filters, problem } = await loadFilters();
  // A list that could not be read is not written over: import a good one, or repair it below.
  if (problem) return showError(`${problem}. Nothing was saved.`);
  const editingId = $<HTMLInputElement>('editing').value;
  const existing = filters.find((f) => f.id === editingId);
  const next = filterFromForm(existing);
  const list = existing ? filters.map((f) => (f.id === existing.id ? next : f)) : [...filters, next];
  if (await save(list)) {
    fillForm(null);
    // Keyboard users land back on the card they edited (or the one they added).
    $('list')
      .querySelector<HTMLElement>(`[data-filter-id="${CSS.escape(next.id)}"] .filter-actions button`)
      ?.focus();
    $('sentence-answer').textContent = '';
    $<HTMLInputElement>('sentence').value = '';
  }
});
$('cancel').addEventListener('click', () => {
  const editing = $<HTMLInputElement>('editing').value;
  fillForm(null);
  if (editing)
    $('list')
      .querySelector<HTMLElement>(`[data-filter-id="${CSS.escape(editing)}"] .filter-actions button`)
      ?.focus();
  $('sentence-answer').textContent = '';
});

/**
 * "Tell Veneer what to hide": the sentence becomes a new filter in the form, every field filled,
 * for the person to check, change and add; what the parser cannot read is said, and nothing is saved.
 */
function fillFromSentence(sentence: string): void {
  const answer = $('sentence-answer');
  const parsed = parseFilterSentence(sentence, { now: Date.now() });
  answer.classList.toggle('error', 'error' in parsed);
  if ('error' in parsed) {
    answer.textContent = parsed.error;
    return;
  }
  fillNewFilter(parsed.filter);
  answer.textContent = [`${parsed.summary}.`, ...parsed.notes, t('options.checkBelow')].join(' ');
  $<HTMLInputElement>('words').focus();
}

/** A new filter's fields in the form (not yet saved). */
function fillNewFilter(filter: SentenceFilter): void {
  fillForm({ ...filter, id: '' });
  sentenceExpiry = filter.expiresAt;
  $('submit').textContent = t('sentence.add');
}

$('sentence-form').addEventListener('submit', (event) => {
  event.preventDefault();
  fillFromSentence($<HTMLInputElement>('sentence').value);
});
$<HTMLInputElement>('cloud').addEventListener(
  'change',
  (event) => void saveSettings({ cloudProcessing: (event.target as HTMLInputElement).checked }),
);
$<HTMLInputElement>('sync').addEventListener(
  'change',
  (event) => void saveSettings({ syncFilters: (event.target as HTMLInputElement).checked }),
);
$('show-json').addEventListener('click', async () => {
  const { filters, stored } = await loadFilters();
  // A list that could not all be read is shown as stored, to be repaired here and imported.
  $<HTMLTextAreaElement>('json').value =
    stored === undefined ? exportFilters(filters) : JSON.stringify({ veneer: 1, filters: stored }, null, 2);
});
$('export').addEventListener('click', async () => {
  const blob = new Blob([exportFilters((await loadFilters()).filters)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'veneer-filters.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});
async function importText(text: string): Promise<void> {
  const result = importFilters(
    (await loadFilters()).filters,
    text,
    sites().map((s) => s.id),
  );
  if ('error' in result) showError(result.error);
  else await save(result.filters);
}
$('import').addEventListener('click', () => void importText($<HTMLTextAreaElement>('json').value));
$<HTMLInputElement>('import-file').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) await importText(await file.text());
});
$('save-edge').addEventListener(
  'click',
  () => void saveSettings({ edgeUrl: $<HTMLInputElement>('edge').value.trim() }),
);

let edgeOrigin = '';

/** The subscribed lists: title, address, state, and each of their filters with its switch. */
async function renderLists(): Promise<void> {
  const { [LISTS_STORAGE_KEY]: stored } = await browser.storage.local.get(LISTS_STORAGE_KEY);
  const lists = (Array.isArray(stored) ? stored : []) as Subscription[];
  $('lists').replaceChildren(
    ...lists.map((list) => {
      const box = document.createElement('section');
      box.className = 'list';
      box.dataset.listUrl = list.url;
      const title = document.createElement('h4');
      title.textContent = list.title;
      const facts = document.createElement('p');
      const on = list.filters.filter((f) => !list.off.includes(f.id)).length;
      facts.textContent = [
        list.url,
        t('options.listOn', { on, total: list.filters.length }),
        list.updated ? t('options.listUpdated', { date: list.updated.slice(0, 10) }) : '',
        list.version ? t('options.listVersion', { version: list.version }) : '',
        t('options.listChecked', { when: new Date(list.fetchedAt).toLocaleString() }),
      ]
        .filter(Boolean)
        .join(' · ');
      const items = list.filters.map((filter) => {
        const label = document.createElement('label');
        const toggle = document.createElement('input');
        toggle.type = 'checkbox';
        toggle.checked = !list.off.includes(filter.id);
        toggle.addEventListener('change', async () => {
          await backgroundMessenger.sendMessage('setListFilter', {
            url: list.url,
            filterId: filter.id,
            on: toggle.checked,
          });
          await renderLists();
        });
        label.append(toggle, ` ${filterTitle(filter)} (${actionName(filter.action)})`);
        return label;
      });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('options.unsubscribe');
      remove.addEventListener('click', async () => {
        await backgroundMessenger.sendMessage('unsubscribeList', { url: list.url });
        await renderLists();
      });
      box.append(title, facts, ...items, remove);
      if (list.problem) {
        const problem = document.createElement('p');
        problem.className = 'error';
        problem.textContent = t('options.listRefreshFailed', { problem: list.problem });
        box.append(problem);
      }
      return box;
    }),
  );
  if (lists.length === 0)
    $('lists').append(
      Object.assign(document.createElement('p'), { className: 'empty', textContent: t('options.noLists') }),
    );
}

$('subscribe-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const url = $<HTMLInputElement>('list-url').value.trim();
  const problem = listAddressProblem(url, edgeOrigin ? [edgeOrigin] : []);
  $('list-error').textContent = problem ? t('options.cannotSubscribe', { problem }) : '';
  if (problem) return;
  // Reading a list from its server takes that server's permission (asked for here, on the click);
  // lists on Veneer's own server need none.
  const origin = new URL(url).origin;
  if (origin !== edgeOrigin && !(await browser.permissions.request({ origins: [`${origin}/*`] }))) {
    $('list-error').textContent = t('options.listPermission', { host: new URL(url).host });
    return;
  }
  try {
    await backgroundMessenger.sendMessage('subscribeList', { url });
    $<HTMLInputElement>('list-url').value = '';
    await renderLists();
  } catch (error) {
    $('list-error').textContent = t('options.cannotSubscribe', { problem: (error as Error).message });
  }
});
$('refresh-lists').addEventListener('click', async () => {
  await backgroundMessenger.sendMessage('refreshLists', undefined).catch((error: Error) => {
    $('list-error').textContent = error.message;
  });
  await renderLists();
});

/** The share form's filters (the person's own), and the lists shared from here. */
async function renderSharing(filters: readonly Filter[]): Promise<void> {
  $('share-filters').replaceChildren(
    Object.assign(document.createElement('legend'), { textContent: t('options.shareFilters') }),
    ...filters.map((filter) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = filter.id;
      label.append(box, ` ${filterTitle(filter)} `);
      return label;
    }),
  );
  const { [SHARED_LISTS_STORAGE_KEY]: stored } = await browser.storage.local.get(SHARED_LISTS_STORAGE_KEY);
  const shared = (Array.isArray(stored) ? stored : []) as SharedList[];
  $('shared').replaceChildren(
    ...shared.map((list) => {
      const item = document.createElement('li');
      const link = document.createElement('code');
      link.textContent = list.url;
      const again = document.createElement('button');
      again.type = 'button';
      again.textContent = t('options.publishAgain');
      again.title = t('options.publishAgainHint');
      again.addEventListener('click', async () => {
        // The filters ticked above, or (none ticked) the ones it holds, as they are now.
        const ticked = [...$('share-filters').querySelectorAll<HTMLInputElement>('input:checked')].map(
          (i) => i.value,
        );
        try {
          const next = await backgroundMessenger.sendMessage('shareList', {
            title: list.title,
            filterIds: ticked.length ? ticked : list.filterIds,
            id: list.id,
          });
          $('share-result').textContent = t('options.published', {
            version: next.version,
            title: next.title,
            url: next.url,
          });
        } catch (error) {
          $('share-result').textContent = t('options.cannotPublish', { reason: (error as Error).message });
        }
      });
      item.append(
        `${t('options.sharedList', { title: list.title, version: list.version })} `,
        link,
        ' ',
        again,
      );
      return item;
    }),
  );
}

$('share-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const filterIds = [...$('share-filters').querySelectorAll<HTMLInputElement>('input:checked')].map(
    (i) => i.value,
  );
  const title = $<HTMLInputElement>('share-title').value.trim();
  if (!title) {
    $('share-result').textContent = t('options.shareNeedsTitle');
    return;
  }
  try {
    const shared = await backgroundMessenger.sendMessage('shareList', { title, filterIds });
    $('share-result').textContent = t('options.shared', { url: shared.url });
    await render();
  } catch (error) {
    $('share-result').textContent = t('options.cannotShare', { reason: (error as Error).message });
  }
});

/** The allowlist, each entry with a button that takes it off. */
function renderAlwaysShow(list: readonly string[]): void {
  $('always-show').replaceChildren(
    ...list.map((entry) => {
      const item = document.createElement('li');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('options.remove');
      remove.className = 'quiet';
      remove.setAttribute('aria-label', t('options.stopAlwaysShowing', { entry }));
      remove.addEventListener('click', async () => {
        const { alwaysShow } = await loadSettings();
        await saveSettings({ alwaysShow: alwaysShow.filter((e) => e !== entry) });
        await render();
      });
      item.className = 'chip';
      item.append(entry, remove);
      return item;
    }),
  );
  if (list.length === 0) {
    const none = document.createElement('li');
    none.className = 'empty';
    none.textContent = t('options.alwaysNobody');
    $('always-show').append(none);
  }
}
$('always-show-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const entries = accounts($<HTMLInputElement>('always-show-entry').value);
  const { alwaysShow } = await loadSettings();
  const next = [...alwaysShow, ...entries.filter((entry) => !alwaysShow.includes(entry))];
  if (next.some((entry) => entry.length > 200)) {
    showError(t('options.accountTooLong'));
    return;
  }
  await saveSettings({ alwaysShow: next });
  $<HTMLInputElement>('always-show-entry').value = '';
  await render();
});

/** One box per kind of post some site's adapter tells (docs/filters.md says which site marks which). */
const MARKED_KINDS = POST_KINDS.filter((kind) => sitesMarking(SITE_DEFINITIONS, kind).length > 0);
$('kinds').append(
  ...MARKED_KINDS.map((kind) => {
    const box = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = kind;
    box.append(input, ` ${kindName(kind)}`);
    return box;
  }),
);

/** Which sites mark each kind, and which show badges (each site's `tells`, content/adapters). */
{
  const every = sites().length;
  const where = (names: string[]) => (names.length === every ? t('common.everySite') : names.join(', '));
  $('kinds-where').textContent = t('options.kindsWhere', {
    list: MARKED_KINDS.map(
      (kind) => `${kindName(kind)} (${where(sitesMarking(SITE_DEFINITIONS, kind))})`,
    ).join(' · '),
  });
  const badges = sitesWithBadges(SITE_DEFINITIONS);
  $('badge-hint').textContent = t('options.badgeHint', {
    shown: badges.shown.join(', '),
    none: badges.none.join(' and '),
  });
}

/** Says so when the form's kinds or badge would take nothing on the sites ticked. */
function explainTakesNothing(): void {
  const filter = filterFromForm(undefined);
  const nothing = takesNothing(SITE_DEFINITIONS, {
    kinds: filter.kinds ?? [],
    badge: filter.badge,
    sites: filter.sites ?? [],
  });
  const out = $('takes-nothing');
  out.textContent = nothing.kinds
    ? t('options.takesNothingKinds', { kinds: (filter.kinds ?? []).map(kindName).join(', ') })
    : nothing.badge
      ? t('options.takesNothingBadge')
      : '';
  out.hidden = !out.textContent;
}

/** One box per site an adapter declares (content/sites.ts). */
$('sites').append(
  ...sites().map(({ id, label }) => {
    const box = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = id;
    box.append(input, ` ${label}`);
    return box;
  }),
);
fillForm(null);
void render();
// The popup's "Edit all fields" opens this page with its sentence.
const askedSentence = new URLSearchParams(location.search).get('sentence');
if (askedSentence) {
  $<HTMLInputElement>('sentence').value = askedSentence;
  fillFromSentence(askedSentence);
}
