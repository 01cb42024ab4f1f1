import { describe, expect, it } from 'vitest';
import { type FilterInput, FilterSchema } from '../filters/schema.ts';
import { learnedFeatures } from '../learning/features.ts';
import { LEARNED_THRESHOLDS, type Mark } from '../learning/learner.ts';
import { storeLearned } from '../learning/stored.ts';
import { textModel } from '../models/text-models.ts';
import { CONTENT_CHECK, EXAMPLES_CHECK, TEXT_CHECKS, textCheckBit } from './checks.ts';
import { type ImageView, Judge } from './judge.ts';

const judgeOf = (list: Array<Partial<FilterInput>>, context = {}) =>
  new Judge(
    list.map((f, i) => FilterSchema.parse({ id: `f${i}`, action: 'collapse', ...f })),
    context,
  );
/** The pending bit of a text check. */
const bitOf = (id: string) => textCheckBit(TEXT_CHECKS.findIndex((c) => c.id === id));
const post = (text: string, images = 0) => ({ text, images: { length: images } });
const view = (
  scores: Partial<ImageView['scores']> | null,
  objects: ImageView['objects'] = null,
): ImageView => ({
  scores: scores ? { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0, ...scores } : null,
  objects,
});

describe('Judge: words', () => {
  it('matches word forms, ignoring case, and names the term as the reason', () => {
    const judge = judgeOf([{ words: 'spiders' }]);
    expect(judge.judge(post('A Spider in the bath')).verdict).toEqual({
      action: 'collapse',
      reason: 'spiders',
      filterId: 'f0',
    });
    expect(judge.judge(post('spiderman returns')).verdict).toBeNull();
  });

  it('the strongest action among matching filters wins, whatever their order', () => {
    const judge = judgeOf([
      { words: 'spiders', action: 'pixelate' },
      { words: 'spiders', action: 'blur' },
      { words: 'spiders', action: 'warn' },
      { words: 'spiders, snakes', action: 'hide' },
      { words: 'spiders', action: 'collapse' },
    ]);
    expect(judge.judge(post('spiders')).verdict).toMatchObject({ action: 'hide', filterId: 'f3' });
    for (const [action, rank] of [
      ['hide', 5],
      ['collapse', 4],
      ['warn', 3],
      ['blur', 2],
      ['pixelate', 1],
    ] as const) {
      const pair = judgeOf([
        { words: 'cats', action: 'pixelate' },
        { words: 'cats', action },
      ]);
      expect(pair.judge(post('cats')).verdict?.action).toBe(rank >= 1 ? action : 'pixelate');
    }
  });

  it('on a tie the first filter in the list wins', () => {
    const judge = judgeOf([
      { words: 'cats', action: 'warn' },
      { words: 'cats', action: 'warn' },
    ]);
    expect(judge.judge(post('cats')).verdict?.filterId).toBe('f0');
  });

  it('exclusions blank out what they name before the terms are looked for', () => {
    const judge = judgeOf([{ words: 'spider, not: spider-man' }]);
    expect(judge.judge(post('Spider-Man: No Way Home')).verdict).toBeNull();
    expect(judge.judge(post('a spider next to spider-man')).verdict?.reason).toBe('spider');
  });

  it('phrases match only as written; regular expressions as given', () => {
    const judge = judgeOf([{ words: '"season finale"' }, { words: '/gr[ae]y area/i', action: 'warn' }]);
    expect(judge.judge(post('the Season  Finale tonight')).verdict?.reason).toBe('season finale');
    expect(judge.judge(post('season finales')).verdict).toBeNull();
    expect(judge.judge(post('a GREY AREA')).verdict).toMatchObject({ action: 'warn' });
  });

  it('a filter naming nothing (pixelate) takes every post with images, and only those', () => {
    const judge = judgeOf([{ words: 'spiders', action: 'hide' }, { action: 'pixelate' }]);
    expect(judge.judge(post('text only')).verdict).toBeNull();
    expect(judge.judge(post('a photo', 1)).verdict).toMatchObject({
      action: 'pixelate',
      reason: 'every image',
    });
    expect(judge.judge(post('spiders', 1)).verdict).toMatchObject({ action: 'hide' });
  });

  it('disabled, expired and other-site filters do not apply; unexpired and same-site ones do', () => {
    const now = 1_000_000;
    const judge = judgeOf(
      [
        { words: 'a', enabled: false },
        { words: 'b', expiresAt: now - 1 },
        { words: 'c', expiresAt: now + 1 },
        { words: 'd', sites: ['reddit'] },
        { words: 'e', sites: ['x', 'reddit'] },
      ],
      { site: 'x', now },
    );
    expect(judge.judge(post('a')).verdict).toBeNull();
    expect(judge.judge(post('b')).verdict).toBeNull();
    expect(judge.judge(post('c')).verdict?.filterId).toBe('f2');
    expect(judge.judge(post('d')).verdict).toBeNull();
    expect(judge.judge(post('e')).verdict?.filterId).toBe('f4');
  });

  it('filters that look only in images do not match the post text', () => {
    const judge = judgeOf([{ words: 'spiders', lookIn: ['image-text'] }]);
    expect(judge.judge(post('spiders')).verdict).toBeNull();
    expect(judge.judge(post('x', 1), { imageText: 'SPIDERS' }).verdict).toMatchObject({
      reason: 'spiders (text in image)',
    });
  });
});

describe('Judge: on-device checks', () => {
  it('waits for a classifier only when its filters could beat the words, and only for posts with text', () => {
    const judge = judgeOf([
      { classifier: 'offensive', action: 'collapse' },
      { words: 'spoiler', action: 'hide' },
      { words: 'trailer', action: 'blur' },
    ]);
    expect(judge.judge(post('hello')).pending).toBe(bitOf('offensive'));
    expect(judge.judge(post('trailer out')).pending).toBe(bitOf('offensive'));
    expect(judge.judge(post('a spoiler')).pending).toBe(0);
    expect(judge.judge(post('   ')).pending).toBe(0);
  });

  it("a classifier's probability meets each filter's sensitivity; the strongest passing filter wins", () => {
    const judge = judgeOf([
      { classifier: 'clickbait', sensitivity: 'low', action: 'hide' },
      { classifier: 'clickbait', sensitivity: 'high', action: 'blur' },
    ]);
    const at = (p: number) => judge.judge(post('You will not believe this'), { texts: { clickbait: p } });
    expect(at(0.2)).toEqual({ verdict: null, pending: 0 });
    expect(at(0.35).verdict).toMatchObject({ action: 'blur', reason: 'clickbait', filterId: 'f1' });
    expect(at(0.85).verdict).toMatchObject({ action: 'hide', filterId: 'f0' });
  });

  it('a classifier verdict beats the words only when stronger', () => {
    const judge = judgeOf([
      { words: 'cats', action: 'warn' },
      { classifier: 'offensive', action: 'warn' },
      { classifier: 'clickbait', action: 'hide' },
    ]);
    const answers = { texts: { offensive: 0.9, clickbait: 0.1 } };
    expect(judge.judge(post('cats'), answers).verdict?.filterId).toBe('f0');
    expect(judge.judge(post('cats'), { texts: { offensive: 0.9, clickbait: 0.9 } }).verdict?.filterId).toBe(
      'f2',
    );
  });

  it('stops waiting for a check once another answer already beats it', () => {
    const judge = judgeOf([
      { classifier: 'offensive', action: 'hide' },
      { classifier: 'clickbait', action: 'blur' },
    ]);
    const both = bitOf('offensive') | bitOf('clickbait');
    expect(judge.judge(post('text')).pending).toBe(both);
    expect(judge.judge(post('text'), { texts: { offensive: 0.9 } })).toMatchObject({
      verdict: { action: 'hide' },
      pending: 0,
    });
    expect(judge.judge(post('text'), { texts: { offensive: 0.1 } }).pending).toBe(bitOf('clickbait'));
  });

  it('example images: a post with an image like one the user hid matches; others do not', () => {
    const judge = judgeOf([{ imageExamples: [{ hash: '00000000000000ff' }] }]);
    expect(judge.judge(post('no images')).pending).toBe(0);
    expect(judge.judge(post('photo', 1)).pending).toBe(EXAMPLES_CHECK);
    // Three bits differ: still "like this".
    expect(judge.judge(post('photo', 1), { imageHashes: ['00000000000000f8'] }).verdict).toMatchObject({
      reason: 'an image like one you hid',
    });
    expect(judge.judge(post('photo', 1), { imageHashes: ['ffffffffffffff00'] })).toEqual({
      verdict: null,
      pending: 0,
    });
  });

  it('image content: nsfw classes add up against the sensitivity; objects meet their own thresholds', () => {
    const judge = judgeOf([
      { words: 'nudity', lookIn: ['image-content'], action: 'blur' },
      { words: 'dogs', lookIn: ['image-content'], sensitivity: 'high', action: 'hide' },
    ]);
    expect(judge.judge(post('beach', 1)).pending).toBe(CONTENT_CHECK);
    const at = (views: ImageView[]) => judge.judge(post('beach', 1), { imageViews: views }).verdict;
    expect(at([view({ porn: 0.3, hentai: 0.25 })])).toMatchObject({
      action: 'blur',
      reason: 'nudity (in an image)',
    });
    expect(at([view({ porn: 0.3 })])).toBeNull();
    expect(at([view(null, [{ label: 'dog', score: 0.25 }])])).toMatchObject({ action: 'hide' });
    expect(at([view(null, [{ label: 'cat', score: 0.9 }])])).toBeNull();
  });

  it('blurs faces where a face filter names nothing or its words match', () => {
    expect(judgeOf([{ action: 'blur-faces' }]).blursFaces(post('anything'))).toBe(true);
    const judge = judgeOf([{ words: 'protest', action: 'blur-faces' }]);
    expect(judge.blursFaces(post('a protest downtown'))).toBe(true);
    expect(judge.blursFaces(post('a picnic'))).toBe(false);
    // Blurring faces never changes the post itself.
    expect(judge.judge(post('a protest', 1)).verdict).toBeNull();
  });

  it('the answers are combined in a fixed order: equal actions keep the earlier verdict', () => {
    const judge = judgeOf([
      { classifier: 'offensive', action: 'warn' },
      { imageExamples: [{ hash: '0000000000000000' }], action: 'warn' },
    ]);
    const verdict = judge.judge(post('x', 1), {
      texts: { offensive: 0.9 },
      imageHashes: ['0000000000000000'],
    }).verdict;
    expect(verdict?.filterId).toBe('f0');
  });
});

describe('Judge.matches: every matching filter, for pnpm judge', () => {
  it('lists each matching filter once, strongest first, its first entry being the verdict', () => {
    const judge = judgeOf([
      { words: 'cats', action: 'blur' },
      { words: 'cats, dogs', action: 'hide' },
      { words: 'dogs', classifier: 'offensive', action: 'warn' },
      { words: 'birds', action: 'collapse' },
    ]);
    const answers = { texts: { offensive: 0.9 } };
    const matches = judge.matches(post('cats and dogs'), answers);
    expect(matches.map((m) => [m.filterId, m.action, m.reason])).toEqual([
      ['f1', 'hide', 'cats'],
      ['f2', 'warn', 'dogs'],
      ['f0', 'blur', 'cats'],
    ]);
    expect(judge.judge(post('cats and dogs'), answers).verdict).toEqual(matches[0]);
    expect(judge.matches(post('fish'), answers).map((m) => m.filterId)).toEqual(['f2']);
    expect(judge.matches(post('fish'))).toEqual([]);
  });

  it('agrees with judge() on which verdict wins, over many random lists and posts', () => {
    const words = ['cats', 'dogs', 'birds', 'fish'];
    const actions = ['hide', 'collapse', 'warn', 'blur', 'pixelate'] as const;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: 1 + random(5) }, () => ({
        words: words[random(4)],
        action: actions[random(5)],
        ...(random(3) === 0 ? { classifier: 'clickbait' as const } : {}),
      }));
      const judge = judgeOf(list);
      const text = `${words[random(4)]} and ${words[random(4)]}`;
      const answers = { texts: { clickbait: random(2) ? 0.9 : 0.1 } };
      expect(judge.matches(post(text), answers)[0] ?? null).toEqual(judge.judge(post(text), answers).verdict);
    }
  });
});

describe('Judge: text checks', () => {
  it('a check whose model could not run (null) matches nothing and is no longer waited for', () => {
    const judge = judgeOf([{ classifier: 'offensive', action: 'hide' }]);
    expect(judge.judge(post('text'), { texts: { offensive: null } })).toEqual({ verdict: null, pending: 0 });
  });

  it('every check has a unique id and a text model defined in the registry', () => {
    const ids = TEXT_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of TEXT_CHECKS) expect(textModel(check.model).spec.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Judge: the words verdict reused', () => {
  it('gives the same judgement with the words verdict passed back as without', () => {
    const judge = judgeOf([
      { words: 'cats', action: 'blur' },
      { classifier: 'offensive', action: 'hide' },
    ]);
    const facts = post('cats everywhere');
    const words = judge.wordsVerdict(facts);
    for (const answers of [undefined, { texts: { offensive: 0.9 } }, { texts: { offensive: 0.1 } }])
      expect(judge.judge(facts, answers, words)).toEqual(judge.judge(facts, answers));
  });
});

describe('Judge: who posted and what kind of post', () => {
  const from = (author: string, kinds: string[] = ['original'], text = 'a post about gardens') => ({
    ...post(text),
    author,
    kinds: kinds as never,
  });

  it('a filter of kinds alone takes every post of those kinds, named by the kind', () => {
    const judge = judgeOf([{ kinds: ['repost'], action: 'hide' }]);
    expect(judge.judge(from('@a', ['repost'])).verdict).toEqual({
      action: 'hide',
      reason: 'repost',
      filterId: 'f0',
    });
    expect(judge.judge(from('@a', ['original'])).verdict).toBeNull();
    // Kinds unknown (the fallback reader): not taken.
    expect(judge.judge(post('a post about gardens')).verdict).toBeNull();
  });

  it('a badge: replies from verified accounts hidden, named so; with words, only the unverified spammers', () => {
    const judge = judgeOf([
      { kinds: ['reply'], badge: 'verified', action: 'hide' },
      { words: 'giveaway', badge: 'none', action: 'collapse' },
    ]);
    const badged = (verified: boolean | undefined, kinds: string[], text = 'a post about gardens') => ({
      ...from('@a', kinds, text),
      verified,
    });
    expect(judge.judge(badged(true, ['reply'])).verdict).toEqual({
      action: 'hide',
      reason: 'reply from a verified account',
      filterId: 'f0',
    });
    expect(judge.judge(badged(false, ['reply'])).verdict).toBeNull();
    expect(judge.judge(badged(true, ['original'])).verdict).toBeNull();
    expect(judge.judge(badged(false, ['original'], 'giveaway now')).verdict?.action).toBe('collapse');
    expect(judge.judge(badged(true, ['original'], 'giveaway now')).verdict).toBeNull();
    // A site that shows no badges: neither filter takes the post.
    expect(judge.judge(badged(undefined, ['reply'], 'giveaway now')).verdict).toBeNull();
  });

  it("words and accounts together: only that account's posts with those words", () => {
    const judge = judgeOf([{ words: 'spiders', from: ['@alice'] }]);
    expect(judge.judge(from('@Alice', ['original'], 'spiders again')).verdict?.reason).toBe('spiders');
    expect(judge.judge(from('@bob', ['original'], 'spiders again')).verdict).toBeNull();
    expect(judge.judge(from('@alice', ['original'], 'gardens')).verdict).toBeNull();
  });

  it("an account's filter with only exclusions takes its posts but those that name them", () => {
    const judge = judgeOf([{ words: 'not: spacex', from: ['@elon'], action: 'hide' }]);
    expect(judge.judge(from('@elon', ['original'], 'a post about cars')).verdict?.reason).toBe('from @elon');
    expect(judge.judge(from('@elon', ['original'], 'SpaceX launch today')).verdict).toBeNull();
    expect(judge.matches(from('@elon', ['original'], 'SpaceX launch today'))).toEqual([]);
    expect(judge.judge(from('@bob', ['original'], 'a post about cars')).verdict).toBeNull();
  });

  it('exceptFrom spares the accounts it names from one filter, not from the others', () => {
    const judge = judgeOf([
      { words: 'spiders', action: 'hide', exceptFrom: ['@friend'] },
      { words: 'spiders', action: 'collapse' },
    ]);
    expect(judge.judge(from('@stranger', ['original'], 'spiders')).verdict?.action).toBe('hide');
    expect(judge.judge(from('@friend', ['original'], 'spiders')).verdict?.action).toBe('collapse');
  });

  it('the allowlist wins over every filter, checks included', () => {
    const judge = judgeOf(
      [
        { kinds: ['promoted'], action: 'hide' },
        { words: 'spiders', action: 'hide' },
        { classifier: 'offensive', action: 'collapse' },
      ],
      { alwaysShow: ['@friend', 'r/gardening'] },
    );
    expect(judge.judge(from('@friend', ['promoted'], 'spiders'))).toEqual({ verdict: null, pending: 0 });
    expect(judge.matches(from('@friend', ['promoted'], 'spiders'))).toEqual([]);
    expect(
      judge.judge({ ...from('@x', ['original'], 'spiders'), community: 'r/Gardening' }).verdict,
    ).toBeNull();
    const stranger = judge.judge(from('@stranger', ['original'], 'no words here'));
    expect(stranger.verdict).toBeNull();
    expect(stranger.pending).toBe(bitOf('offensive'));
  });

  it('waits for a check only when a filter that could use its answer lets the post through', () => {
    const judge = judgeOf([{ classifier: 'offensive', action: 'hide', from: ['r/news'] }]);
    expect(judge.judge({ ...from('@a', ['original'], 'some text'), community: 'r/news' }).pending).toBe(
      bitOf('offensive'),
    );
    expect(judge.judge({ ...from('@a', ['original'], 'some text'), community: 'r/pics' }).pending).toBe(0);
    const offensive = { offensive: 0.99 };
    expect(
      judge.judge({ ...from('@a', ['original'], 'some text'), community: 'r/pics' }, { texts: offensive })
        .verdict,
    ).toBeNull();
    expect(
      judge.judge({ ...from('@a', ['original'], 'some text'), community: 'r/news' }, { texts: offensive })
        .verdict?.action,
    ).toBe('hide');
  });

  it('an image action on kinds still needs images', () => {
    const judge = judgeOf([{ kinds: ['promoted'], action: 'pixelate' }]);
    expect(judge.judge(from('@a', ['promoted'])).verdict).toBeNull();
    expect(judge.judge({ ...from('@a', ['promoted']), images: { length: 1 } }).verdict?.action).toBe(
      'pixelate',
    );
  });
});

describe('Judge: learned filters', () => {
  const table = { docs: 10_000, counts: { game: 400, team: 300, night: 500 } };
  const learnedFrom = (marks: Array<[Mark, string]>) =>
    storeLearned(
      marks.map(([mark, text]) => ({ mark, features: learnedFeatures(text) })),
      table,
    );

  it("takes posts like the ones marked, saying which of the post's words weighed most and the score", () => {
    const judge = judgeOf([
      { learned: learnedFrom([['hide', 'Tarantula venom and spider bites explained']]) },
    ]);
    const verdict = judge.judge(post('A tarantula bite: what its venom does')).verdict;
    expect(verdict).toMatchObject({ action: 'collapse', reason: 'like posts you marked', filterId: 'f0' });
    expect(verdict?.learned?.words).toEqual(expect.arrayContaining(['tarantula', 'venom']));
    expect(verdict?.learned?.score).toBeGreaterThanOrEqual(LEARNED_THRESHOLDS.medium);
    expect(judge.judge(post('Great game last night')).verdict).toBeNull();
    expect(judge.judge(post('')).verdict).toBeNull();
  });

  it('never takes a post marked "Not this" again; the words still beat it on a tie', () => {
    const seed: Array<[Mark, string]> = [['hide', 'Tarantula venom and spider bites explained']];
    const wrong = 'Tarantula venom cures nothing, says a new study';
    expect(judgeOf([{ learned: learnedFrom(seed) }]).judge(post(wrong)).verdict).not.toBeNull();
    const judge = judgeOf([
      { learned: learnedFrom([...seed, ['not', wrong]]) },
      { words: 'study', action: 'collapse' },
    ]);
    expect(judge.judge(post(wrong)).verdict?.reason).toBe('study');
    expect(
      judgeOf([{ learned: learnedFrom([...seed, ['not', wrong]]) }]).judge(post(wrong)).verdict,
    ).toBeNull();
  });

  it('follows its sensitivity, its gate and the allowlist; matches() lists it', () => {
    const learned = learnedFrom([['hide', 'Tarantula venom and spider bites explained']]);
    const text = 'tarantula';
    expect(judgeOf([{ learned, sensitivity: 'low' }]).judge(post(text)).verdict).toBeNull();
    expect(judgeOf([{ learned, sensitivity: 'high' }]).judge(post(text)).verdict).not.toBeNull();
    const gated = judgeOf([{ learned, from: ['@alice'] }], { alwaysShow: ['@friend'] });
    expect(gated.judge({ ...post('tarantula venom'), author: '@bob' }).verdict).toBeNull();
    expect(gated.judge({ ...post('tarantula venom'), author: '@alice' }).verdict).not.toBeNull();
    const both = judgeOf([{ learned }, { words: 'venom', action: 'hide' }]);
    expect(both.matches(post('tarantula venom')).map((v) => v.filterId)).toEqual(['f1', 'f0']);
  });
});
