import { FILTER_ACTIONS, type Filter, type FilterAction, FilterListSchema } from '@veneer/shared/filters';
import { describeIssues } from '@veneer/shared/protocol';
import { parseFilterSentence, type SentenceFilter } from '@veneer/shared/sentence';
import { browser } from 'wxt/browser';
import { SITE_DEFINITIONS } from '../../content/sites.ts';
import { actionName, t } from '../../lib/i18n.ts';
import { loadFiltersToChange, saveFilters } from '../../lib/storage.ts';
import { takesNothing } from '../../lib/where-marked.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the sentence's kinds or badge would take nothing on, said before it is added. */
function takesNothingNotes(filter: SentenceFilter): string[] {
  const nothing = takesNothing(SITE_DEFINITIONS, filter);
  return [
    nothing.kinds
      ? t('sentence.takesNothingKinds', { kinds: filter.kinds.map((kind) => t(`kind.${kind}`)).join(', ') })
      : '',
    nothing.badge ? t('sentence.takesNothingBadge') : '',
  ].filter(Boolean);
}

/**
 * The popup's "Tell Veneer what to hide": a sentence becomes a filter card (what Veneer read, in
 * words; its words and action to change), added with one click or opened in the options page with
 * every field. What the parser cannot read is said plainly and nothing is saved.
 */
export function installSentenceCard(): void {
  const card = $('sentence-card');
  const answer = $('sentence-answer');
  const action = $<HTMLSelectElement>('sentence-action');
  action.replaceChildren(
    ...FILTER_ACTIONS.map((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = actionName(value);
      return option;
    }),
  );
  let made: SentenceFilter | null = null;
  const say = (text: string, error = false) => {
    answer.textContent = text;
    answer.classList.toggle('error', error);
  };

  $('sentence-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseFilterSentence($<HTMLInputElement>('sentence').value, { now: Date.now() });
    made = 'error' in parsed ? null : parsed.filter;
    card.hidden = made === null;
    if ('error' in parsed) return say(parsed.error, true);
    say([`${parsed.summary}.`, ...parsed.notes, ...takesNothingNotes(parsed.filter)].join(' '));
    $<HTMLInputElement>('sentence-words').value = parsed.filter.words;
    action.value = parsed.filter.action;
  });

  $('sentence-add').addEventListener('click', async () => {
    if (!made) return;
    let filters: Filter[];
    try {
      filters = await loadFiltersToChange();
    } catch (error) {
      return say((error as Error).message, true);
    }
    const filter = {
      ...made,
      id: crypto.randomUUID(),
      words: $<HTMLInputElement>('sentence-words').value.trim(),
      action: action.value as FilterAction,
    };
    const parsed = FilterListSchema.safeParse([...filters, filter]);
    if (!parsed.success) return say(t('sentence.notAdded', { reason: describeIssues(parsed.error) }), true);
    await saveFilters(parsed.data);
    made = null;
    card.hidden = true;
    $<HTMLInputElement>('sentence').value = '';
    say(t('sentence.added', { count: filters.length + 1 }));
  });

  $('sentence-edit').addEventListener('click', () => {
    const sentence = $<HTMLInputElement>('sentence').value;
    void browser.tabs.create({
      url: browser.runtime.getURL(`/options.html?sentence=${encodeURIComponent(sentence)}`),
    });
  });
}
