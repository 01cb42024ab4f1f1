import { type Filter, FilterListSchema, FilterSchema } from '@veneer/shared/filters';
import { LEARNED_THRESHOLDS, LearnedMatcher, postFeatures, storedExamples } from '@veneer/shared/learning';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { loadFilters, saveFilters } = await import('../lib/storage.ts');
const { markPost, resetLearned, withMark } = await import('./learning.ts');

const score = (filter: Filter, text: string) =>
  new LearnedMatcher(filter.learned!).score(postFeatures(text)) ?? 0;
const words = FilterSchema.parse({ id: 'words', words: 'spiders', action: 'hide' });

describe('marks on posts', () => {
  it('"Hide posts like this" makes a collapsing learned filter on every site from the post', () => {
    const { filters, marked } = withMark([words], {
      mark: 'like',
      text: 'Tarantula venom and spider bites explained',
    });
    expect(marked).toMatchObject({ examples: 1, created: true });
    const made = filters.find((f) => f.id === marked.filterId)!;
    expect(made).toMatchObject({ action: 'collapse', words: '', sites: [] });
    expect(score(made, 'a tarantula bite')).toBeGreaterThanOrEqual(LEARNED_THRESHOLDS.medium);
    // Nothing of the post's text is stored.
    expect(JSON.stringify(made)).not.toMatch(/tarantula|venom|spider/i);
    expect(FilterListSchema.safeParse(filters).success).toBe(true);
  });

  it('extends the filter that nearly takes the post already; something unrelated makes a new one', () => {
    const first = withMark([], { mark: 'like', text: 'Tarantula venom and spider bites explained' });
    const near = withMark(first.filters, { mark: 'like', text: 'Tarantula molting: a guide' });
    expect(near.marked).toMatchObject({ filterId: first.marked.filterId, examples: 2, created: false });
    const far = withMark(near.filters, { mark: 'like', text: 'Bitcoin giveaway, send one coin' });
    expect(far.marked.created).toBe(true);
    expect(far.filters).toHaveLength(2);
  });

  it('"Not this" and "Show original" teach the filter that changed the post; "Hide this too" the closest one', () => {
    const { filters, marked } = withMark([], {
      mark: 'like',
      text: 'Tarantula venom and spider bites explained',
    });
    const wrong = 'Tarantula venom cures nothing, says a study';
    expect(score(filters[0]!, wrong)).toBeGreaterThanOrEqual(LEARNED_THRESHOLDS.medium);
    const not = withMark(filters, { mark: 'not', text: wrong, filterId: marked.filterId });
    expect(new LearnedMatcher(not.filters[0]!.learned!).score(postFeatures(wrong))).toBeNull();
    const shown = withMark(filters, { mark: 'shown', text: wrong, filterId: marked.filterId });
    expect(storedExamples(shown.filters[0]!.learned).map((e) => e.mark)).toEqual(['hide', 'shown']);
    const too = withMark(filters, { mark: 'hide', text: 'Scorpion stings hurt' });
    expect(too.marked).toMatchObject({ filterId: marked.filterId, created: false });
    expect(score(too.filters[0]!, 'scorpion stings')).toBeGreaterThan(score(filters[0]!, 'scorpion stings'));
  });

  it('refuses what it cannot learn from, saying why', () => {
    expect(() => withMark([], { mark: 'like', text: '   ' })).toThrow(/no text/);
    expect(() => withMark([], { mark: 'not', text: 'x y', filterId: 'gone' })).toThrow(
      /learned filter is gone/,
    );
    expect(() => withMark([], { mark: 'not', text: 'x y' })).toThrow(/needs the learned filter/);
  });

  it('Reset keeps only the post the filter was made from', () => {
    let { filters, marked } = withMark([], {
      mark: 'like',
      text: 'Tarantula venom and spider bites explained',
    });
    for (const text of ['Scorpion stings', 'Centipede bites'])
      filters = withMark(filters, { mark: 'hide', text, filterId: marked.filterId }).filters;
    expect(storedExamples(filters[0]!.learned)).toHaveLength(3);
    expect(storedExamples(resetLearned(filters[0]!).learned)).toHaveLength(1);
  });
});

describe('markPost (the stored list)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('applies marks one after another, each on the list the last one wrote', async () => {
    await saveFilters([words]);
    const [a, b] = await Promise.all([
      markPost({ mark: 'like', text: 'Tarantula venom and spider bites explained' }),
      markPost({ mark: 'like', text: 'Bitcoin giveaway, send one coin' }),
    ]);
    const { filters } = await loadFilters();
    expect(filters.map((f) => f.id)).toEqual(['words', a.filterId, b.filterId]);
  });

  it('does not write over a list it could not read', async () => {
    await fakeBrowser.storage.local.set({ 'veneer.filters': [{ id: 'x', action: 'nope' }] });
    await expect(markPost({ mark: 'like', text: 'Tarantula venom' })).rejects.toThrow(/could not be read/);
    expect((await fakeBrowser.storage.local.get('veneer.filters'))['veneer.filters']).toEqual([
      { id: 'x', action: 'nope' },
    ]);
  });
});
