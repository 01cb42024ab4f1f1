import { describe, expect, it } from 'vitest';
import { FilterListSchema } from '../filters/schema.ts';
import { MAX_SENTENCE_LENGTH, parseFilterSentence, type SentenceFilter } from './parse-sentence.ts';

/** Saturday 5 December 2026, 10:00 local time. */
const NOW = new Date(2026, 11, 5, 10, 0, 0).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight at the end of the day `days` after today (0: tonight), local time. */
const endOfDay = (days: number) => new Date(2026, 11, 6 + days, 0, 0, 0).getTime();

type Expected = Partial<Omit<SentenceFilter, 'expiresAt'>> & { expires?: number };

/** Every field the parser fills, with what a plain sentence leaves them at. */
const DEFAULTS = {
  sites: [],
  kinds: [],
  classifier: undefined,
  sensitivity: 'medium',
  lookIn: ['text'],
  from: [],
  exceptFrom: [],
  expires: undefined,
} as const;

/** Sentences and the filter each must make: every field is checked (those not named must be the defaults). */
const FILTERS: ReadonlyArray<readonly [string, Expected]> = [
  // The issue's own examples.
  [
    'blur spider pictures on reddit for a week',
    {
      action: 'blur',
      words: 'spider',
      sites: ['reddit'],
      lookIn: ['text', 'image-text'],
      expires: NOW + 7 * DAY,
    },
  ],
  [
    'hide crypto giveaway posts on X and Bluesky',
    { action: 'hide', words: 'crypto giveaway', sites: ['x', 'bluesky'] },
  ],
  [
    'warn me before posts about the season finale until tomorrow',
    { action: 'warn', words: 'season finale', expires: endOfDay(1) },
  ],
  [
    'collapse rude replies, be strict',
    { action: 'collapse', words: '', classifier: 'offensive', kinds: ['reply'], sensitivity: 'high' },
  ],
  ['hide posts about spiders but not spider-man', { action: 'hide', words: 'spiders, not: spider-man' }],
  // Plain commands, capitals, punctuation.
  ['hide spiders', { action: 'hide', words: 'spiders' }],
  ['Hide Spiders.', { action: 'hide', words: 'spiders' }],
  ['HIDE SPIDERS!!!', { action: 'hide', words: 'spiders' }],
  ['hide posts about crypto', { action: 'hide', words: 'crypto' }],
  ['hide anything mentioning bitcoin', { action: 'hide', words: 'bitcoin' }],
  ['hide all posts about the election', { action: 'hide', words: 'election' }],
  ['hide stuff related to the world cup', { action: 'hide', words: 'world cup' }],
  ['remove posts about celebrities', { action: 'hide', words: 'celebrities' }],
  ['block crypto', { action: 'hide', words: 'crypto' }],
  ['mute elon musk', { action: 'hide', words: 'elon musk' }],
  ['filter out politics', { action: 'hide', words: 'politics' }],
  ['get rid of sports posts', { action: 'hide', words: 'sports' }],
  ['take away anything about diets', { action: 'hide', words: 'diets' }],
  ['kill all the nft posts', { action: 'hide', words: 'nft' }],
  // Negation, as people write it.
  ["don't show me crypto", { action: 'hide', words: 'crypto' }],
  ['dont show me crypto pls', { action: 'hide', words: 'crypto' }],
  ['do not show me posts about diets', { action: 'hide', words: 'diets' }],
  ['I don’t want to see spiders', { action: 'hide', words: 'spiders' }],
  ['i dont wanna see anything about the oscars', { action: 'hide', words: 'oscars' }],
  ['I do not want to hear about brexit', { action: 'hide', words: 'brexit' }],
  ['no more crypto', { action: 'hide', words: 'crypto' }],
  ['No more posts about AI art', { action: 'hide', words: 'ai art' }],
  ['stop showing me horoscopes', { action: 'hide', words: 'horoscopes' }],
  ['never show me snakes', { action: 'hide', words: 'snakes' }],
  ["i'm sick of seeing elon", { action: 'hide', words: 'elon' }],
  ['so tired of the royal family', { action: 'hide', words: 'royal family' }],
  ['enough with the trump posts', { action: 'hide', words: 'trump' }],
  ['not interested in football', { action: 'hide', words: 'football' }],
  ['spare me the celebrity gossip', { action: 'hide', words: 'celebrity gossip' }],
  ['less crypto please', { action: 'hide', words: 'crypto' }],
  ['my feed without politics', { action: 'hide', words: 'politics' }],
  ["i can't stand reaction videos", { action: 'hide', words: 'reaction' }],
  // Politeness and typos.
  ['pls hide crypto', { action: 'hide', words: 'crypto' }],
  ['please hide posts about spiders thanks', { action: 'hide', words: 'spiders' }],
  ['plz no more crypto', { action: 'hide', words: 'crypto' }],
  ['can you hide posts about snakes?', { action: 'hide', words: 'snakes' }],
  ['could you please blur gore', { action: 'blur', words: 'gore' }],
  ['veneer, hide the bachelor', { action: 'hide', words: 'bachelor' }],
  ['hdie spiders', { action: 'hide', words: 'spiders' }],
  ['hied crypto', { action: 'hide', words: 'crypto' }],
  ['colapse politics', { action: 'collapse', words: 'politics' }],
  ['collaspe politics', { action: 'collapse', words: 'politics' }],
  ['blurr spoilers', { action: 'blur', words: 'spoilers' }],
  ['wanr me about spoilers', { action: 'warn', words: 'spoilers' }],
  ['hide crypto on redit', { action: 'hide', words: 'crypto', sites: ['reddit'] }],
  ['hide crypto on twiter', { action: 'hide', words: 'crypto', sites: ['x'] }],
  ['hide crypto on youtub', { action: 'hide', words: 'crypto', sites: ['youtube'] }],
  ['hide politcs on mastadon', { action: 'hide', words: 'politcs', sites: ['mastodon'] }],
  // Other actions.
  ['collapse posts about the election', { action: 'collapse', words: 'election' }],
  ['minimize anything about covid', { action: 'collapse', words: 'covid' }],
  ['fold away sports', { action: 'collapse', words: 'sports' }],
  ['shrink posts about taxes', { action: 'collapse', words: 'taxes' }],
  ['blur posts about gore', { action: 'blur', words: 'gore' }],
  ['blur out needles', { action: 'blur', words: 'needles' }],
  ['obscure posts about car crashes', { action: 'blur', words: 'car crashes' }],
  ['warn me about spoilers', { action: 'warn', words: 'spoilers' }],
  ['warn me before posts about self harm', { action: 'warn', words: 'self harm' }],
  ['give me a content warning for eating disorders', { action: 'warn', words: 'eating disorders' }],
  ['put a trigger warning on suicide', { action: 'warn', words: 'suicide' }],
  ['add a spoiler warning for the finale', { action: 'warn', words: 'finale' }],
  ['give me a heads up before posts about clowns', { action: 'warn', words: 'clowns' }],
  ['flag posts about snakes', { action: 'warn', words: 'snakes' }],
  ['pixelate images of spiders', { action: 'pixelate', words: 'spiders', lookIn: ['text', 'image-text'] }],
  ['pixelate all images', { action: 'pixelate', words: '', lookIn: ['text', 'image-text'] }],
  ['blur faces', { action: 'blur-faces', words: '' }],
  ["blur people's faces in photos", { action: 'blur-faces', words: '', lookIn: ['text', 'image-text'] }],
  ['blur all faces on reddit', { action: 'blur-faces', words: '', sites: ['reddit'] }],
  ['hide faces', { action: 'blur-faces', words: '' }],
  // Sites.
  ['hide politics on reddit', { action: 'hide', words: 'politics', sites: ['reddit'] }],
  [
    'hide politics on Reddit and YouTube',
    { action: 'hide', words: 'politics', sites: ['reddit', 'youtube'] },
  ],
  [
    'hide politics on x, reddit and bluesky',
    { action: 'hide', words: 'politics', sites: ['x', 'reddit', 'bluesky'] },
  ],
  ['hide politics on X/Twitter', { action: 'hide', words: 'politics', sites: ['x'] }],
  ['hide politics on twitter', { action: 'hide', words: 'politics', sites: ['x'] }],
  ['hide politics on bsky', { action: 'hide', words: 'politics', sites: ['bluesky'] }],
  ['hide politics on blue sky', { action: 'hide', words: 'politics', sites: ['bluesky'] }],
  ['hide politics on the fediverse', { action: 'hide', words: 'politics', sites: ['mastodon'] }],
  ['hide politics on yt', { action: 'hide', words: 'politics', sites: ['youtube'] }],
  ['hide reddit posts about cats', { action: 'hide', words: 'cats', sites: ['reddit'] }],
  ['hide youtube videos about minecraft', { action: 'hide', words: 'minecraft', sites: ['youtube'] }],
  ['hide tweets about the superbowl', { action: 'hide', words: 'superbowl', sites: ['x'] }],
  ['hide toots about twitter drama', { action: 'hide', words: 'twitter', sites: ['mastodon'] }],
  ['hide politics everywhere', { action: 'hide', words: 'politics' }],
  ['hide politics on all sites', { action: 'hide', words: 'politics' }],
  ['hide posts about x rays', { action: 'hide', words: 'x rays' }],
  // Durations.
  ['hide spoilers for 3 days', { action: 'hide', words: 'spoilers', expires: NOW + 3 * DAY }],
  ['hide spoilers for three days', { action: 'hide', words: 'spoilers', expires: NOW + 3 * DAY }],
  ['hide spoilers for a couple of days', { action: 'hide', words: 'spoilers', expires: NOW + 2 * DAY }],
  ['hide election news for 2 weeks', { action: 'hide', words: 'election', expires: NOW + 14 * DAY }],
  ['hide the match for 2 hours', { action: 'hide', words: 'match', expires: NOW + 2 * HOUR }],
  ['hide the match for an hour', { action: 'hide', words: 'match', expires: NOW + HOUR }],
  ['hide the match 24h', { action: 'hide', words: 'match', expires: NOW + 24 * HOUR }],
  ['hide the match for 90 minutes', { action: 'hide', words: 'match', expires: NOW + 90 * 60_000 }],
  ['hide crypto for a month', { action: 'hide', words: 'crypto', expires: NOW + 30 * DAY }],
  ['hide crypto for the next 5 days', { action: 'hide', words: 'crypto', expires: NOW + 5 * DAY }],
  ['hide the game today', { action: 'hide', words: 'game', expires: endOfDay(0) }],
  ['hide the game for today', { action: 'hide', words: 'game', expires: endOfDay(0) }],
  ['hide the game tonight', { action: 'hide', words: 'game', expires: endOfDay(0) }],
  ['hide the game until the end of the day', { action: 'hide', words: 'game', expires: endOfDay(0) }],
  ['hide the game until tomorrow', { action: 'hide', words: 'game', expires: endOfDay(1) }],
  ['hide the game till tmrw', { action: 'hide', words: 'game', expires: endOfDay(1) }],
  ['hide the finale until friday', { action: 'hide', words: 'finale', expires: endOfDay(6) }],
  ['hide the finale till Monday', { action: 'hide', words: 'finale', expires: endOfDay(2) }],
  ['hide the finale until next week', { action: 'hide', words: 'finale', expires: endOfDay(1) }],
  ['hide the finale this weekend', { action: 'hide', words: 'finale', expires: endOfDay(1) }],
  [
    'hide the finale until the end of the month',
    { action: 'hide', words: 'finale', expires: new Date(2027, 0, 1).getTime() },
  ],
  ['hide crypto forever', { action: 'hide', words: 'crypto' }],
  ['hide crypto from now on', { action: 'hide', words: 'crypto' }],
  // Sensitivity and classifiers.
  [
    'collapse offensive comments',
    { action: 'collapse', words: '', classifier: 'offensive', kinds: ['reply'] },
  ],
  [
    'hide toxic replies on x',
    { action: 'hide', words: '', classifier: 'offensive', kinds: ['reply'], sites: ['x'] },
  ],
  ['hide hate speech', { action: 'hide', words: '', classifier: 'offensive' }],
  ['blur slurs', { action: 'blur', words: '', classifier: 'offensive' }],
  ['hide insults, be lenient', { action: 'hide', words: '', classifier: 'offensive', sensitivity: 'low' }],
  [
    'collapse swearing, only the worst ones',
    { action: 'collapse', words: '', classifier: 'offensive', sensitivity: 'low' },
  ],
  [
    'hide trolls, catch everything',
    { action: 'hide', words: '', classifier: 'offensive', sensitivity: 'high' },
  ],
  ['hide rude posts strictly', { action: 'hide', words: '', classifier: 'offensive', sensitivity: 'high' }],
  ['hide clickbait', { action: 'hide', words: '', classifier: 'clickbait' }],
  [
    'collapse clickbait on youtube',
    { action: 'collapse', words: '', classifier: 'clickbait', sites: ['youtube'] },
  ],
  ['colapse click-bait titles', { action: 'collapse', words: '', classifier: 'clickbait' }],
  [
    'hide clickbaity videos, high sensitivity',
    { action: 'hide', words: '', classifier: 'clickbait', sensitivity: 'high' },
  ],
  ['hide rude posts about politics', { action: 'hide', words: 'politics', classifier: 'offensive' }],
  [
    'hide mean comments about my country',
    { action: 'hide', words: 'country', classifier: 'offensive', kinds: ['reply'] },
  ],
  // Kinds of post.
  ['no more retweets', { action: 'hide', words: '', kinds: ['repost'], sites: ['x'] }],
  ['hide all reposts', { action: 'hide', words: '', kinds: ['repost'] }],
  ['hide boosts on mastodon', { action: 'hide', words: '', kinds: ['repost'], sites: ['mastodon'] }],
  ['hide quote tweets', { action: 'hide', words: '', kinds: ['quote'], sites: ['x'] }],
  ['collapse promoted posts', { action: 'collapse', words: '', kinds: ['promoted'] }],
  ['hide ads', { action: 'hide', words: '', kinds: ['promoted'] }],
  ['hide sponsored content on reddit', { action: 'hide', words: '', kinds: ['promoted'], sites: ['reddit'] }],
  ['hide youtube shorts', { action: 'hide', words: '', kinds: ['short'], sites: ['youtube'] }],
  ['hide shorts', { action: 'hide', words: '', kinds: ['short'] }],
  ['hide live streams', { action: 'hide', words: '', kinds: ['live'] }],
  ['hide suggested posts', { action: 'hide', words: '', kinds: ['suggested'] }],
  ['hide who to follow', { action: 'hide', words: '', kinds: ['suggested'] }],
  ['hide replies about crypto', { action: 'hide', words: 'crypto', kinds: ['reply'] }],
  ['hide retweets and quote tweets', { action: 'hide', words: '', kinds: ['quote', 'repost'], sites: ['x'] }],
  // The author's badge.
  ['hide replies from blue checks', { action: 'hide', words: '', kinds: ['reply'], badge: 'verified' }],
  ['hide replies from verified accounts', { action: 'hide', words: '', kinds: ['reply'], badge: 'verified' }],
  ['collapse crypto posts from unverified accounts', { action: 'collapse', words: 'crypto', badge: 'none' }],
  ['hide tweets by twitter blue users', { action: 'hide', words: '', badge: 'verified', sites: ['x'] }],
  [
    'hide giveaways by non-verified users on x',
    { action: 'hide', words: 'giveaways', badge: 'none', sites: ['x'] },
  ],
  // Accounts.
  ['hide posts from @elonmusk', { action: 'hide', words: '', from: ['@elonmusk'] }],
  ['hide everything from @elonmusk', { action: 'hide', words: '', from: ['@elonmusk'] }],
  ['mute @bob and @alice', { action: 'hide', words: '', from: ['@bob', '@alice'] }],
  ['hide r/politics', { action: 'hide', words: '', from: ['r/politics'] }],
  ['collapse posts in r/wallstreetbets', { action: 'collapse', words: '', from: ['r/wallstreetbets'] }],
  ['hide posts by u/spez', { action: 'hide', words: '', from: ['u/spez'] }],
  ['hide crypto except from @vitalik', { action: 'hide', words: 'crypto', exceptFrom: ['@vitalik'] }],
  ['hide politics but not from @myfriend', { action: 'hide', words: 'politics', exceptFrom: ['@myfriend'] }],
  [
    'Hide posts from @elonmusk except about spacex',
    { action: 'hide', words: 'not: spacex', from: ['@elonmusk'] },
  ],
  ['hide posts from @Elon about tesla', { action: 'hide', words: 'tesla', from: ['@Elon'] }],
  [
    'hide memes from @ann@mastodon.social',
    { action: 'hide', words: '', from: ['@ann@mastodon.social'], lookIn: ['text', 'image-text'] },
  ],
  // Exclusions, lists, quoting.
  ['hide spiders, not spider-man', { action: 'hide', words: 'spiders, not: spider-man' }],
  ['hide spiders except spider-man', { action: 'hide', words: 'spiders, not: spider-man' }],
  ['hide apple unless it is about fruit', { action: 'hide', words: 'apple, not: fruit' }],
  [
    'hide crypto, excluding bitcoin and ethereum',
    { action: 'hide', words: 'crypto, not: bitcoin, not: ethereum' },
  ],
  ['hide spiders, snakes and bees', { action: 'hide', words: 'spiders, snakes, bees' }],
  ['hide spiders or snakes', { action: 'hide', words: 'spiders, snakes' }],
  ['hide spiders/snakes/wasps', { action: 'hide', words: 'spiders, snakes, wasps' }],
  ['hide crypto & nfts', { action: 'hide', words: 'crypto, nfts' }],
  ['hide "the bachelor"', { action: 'hide', words: '"the bachelor"' }],
  [
    'warn me about "Game of Thrones" spoilers till friday',
    { action: 'warn', words: '"Game of Thrones"', expires: endOfDay(6) },
  ],
  ["hide 'house of the dragon'", { action: 'hide', words: '"house of the dragon"' }],
  ['hide “succession” spoilers', { action: 'hide', words: '"succession"' }],
  ['hide election drama', { action: 'hide', words: 'election' }],
  // Images.
  ['blur nudity', { action: 'blur', words: 'nudity', lookIn: ['text', 'image-content'] }],
  ['blur nsfw pictures', { action: 'blur', words: 'nsfw', lookIn: ['text', 'image-text', 'image-content'] }],
  ['hide dog photos', { action: 'hide', words: 'dog', lookIn: ['text', 'image-text', 'image-content'] }],
  ['hide memes about politics', { action: 'hide', words: 'politics', lookIn: ['text', 'image-text'] }],
  [
    'blur pictures of snakes for a week',
    { action: 'blur', words: 'snakes', lookIn: ['text', 'image-text'], expires: NOW + 7 * DAY },
  ],
  // Written after the parser, as a held-out check (each failed first, then the lexicon learned it).
  ['I never want to see another post about wordle', { action: 'hide', words: 'wordle' }],
  [
    'hide posts with spoilers for house of the dragon until sunday',
    { action: 'hide', words: 'house of the dragon', expires: endOfDay(1) },
  ],
  ['mute the word "crypto"', { action: 'hide', words: '"crypto"' }],
  ['no politics on bluesky please', { action: 'hide', words: 'politics', sites: ['bluesky'] }],
  ['pls hide anything abt covid', { action: 'hide', words: 'covid' }],
  [
    'take politics off my timeline for a month',
    { action: 'hide', words: 'politics', expires: NOW + 30 * DAY },
  ],
  ['keep crypto out of my feed', { action: 'hide', words: 'crypto' }],
  ['i hate seeing influencer posts', { action: 'hide', words: 'influencer' }],
  ['dont want to see any more sports', { action: 'hide', words: 'sports' }],
  ['hide 9/11 conspiracy', { action: 'hide', words: '9/11 conspiracy' }],
  ['hide posts about cats, dogs are fine', { action: 'hide', words: 'cats, not: dogs' }],
  [
    'hide horoscopes except on mastodon',
    { action: 'hide', words: 'horoscopes', sites: ['x', 'reddit', 'youtube', 'bluesky'] },
  ],
  [
    'blur spoilers about the world cup final today',
    { action: 'blur', words: 'world cup final', expires: endOfDay(0) },
  ],
  ['remove ads on reddit', { action: 'hide', words: '', kinds: ['promoted'], sites: ['reddit'] }],
  ['hide reposts from @newsbot', { action: 'hide', words: '', kinds: ['repost'], from: ['@newsbot'] }],
  ['hide rage bait', { action: 'hide', words: '', classifier: 'offensive' }],
  // Everything at once.
  [
    'pls collapse rude replies from @troll on x and bluesky for 3 days, be strict',
    {
      action: 'collapse',
      words: '',
      classifier: 'offensive',
      kinds: ['reply'],
      sites: ['x', 'bluesky'],
      from: ['@troll'],
      sensitivity: 'high',
      expires: NOW + 3 * DAY,
    },
  ],
  [
    'Warn me before YouTube videos about the Oscars until Monday, but not the red carpet',
    { action: 'warn', words: 'oscars, not: red carpet', sites: ['youtube'], expires: endOfDay(2) },
  ],
];

/** Sentences it must refuse, each with what it must say. */
const REFUSED: ReadonlyArray<readonly [string, RegExp]> = [
  ['', /Tell Veneer what to hide/],
  ['   ', /Tell Veneer what to hide/],
  ['hide', /couldn't tell what to hide/],
  ['hide posts', /couldn't tell what to hide/],
  ['hide stuff pls', /couldn't tell what to hide/],
  ['blur', /couldn't tell what to blur/],
  ['warn me', /couldn't tell what to warn you about/],
  ['hide everything', /would hide every post/],
  ['hide everything on reddit', /would hide every post/],
  ['hide all posts on x', /would hide every post/],
  ['spiders', /couldn't tell what to do/],
  ['crypto on reddit', /couldn't tell what to do/],
  ['asdfgh', /couldn't tell what to do/],
  ['what is this?', /couldn't tell what to do/],
  ['show me more cats', /cannot show more/],
  ['I want more crypto', /cannot show more/],
  ['give me more posts about football', /cannot show more/],
  ['hide cats on facebook', /not on facebook/],
  ['hide posts on instagram about cats', /not on instagram/],
  ['hide crypto on tiktok for a week', /not on tiktok/],
  ['hide crypto for 0 days', /no time at all/],
  ['hide crypto for 99999 years', /too long/],
  [`hide ${'spiders and '.repeat(40)}snakes`, /characters/],
  [
    'hide the thing that my cousin keeps posting every single morning about her cats',
    /name it in a few words/,
  ],
  ['hide /(a+)+$/', /couldn't/],
  ['hide crypto but not on x, reddit, youtube, bluesky or mastodon', /leaves no site/],
];

const check = (sentence: string) => parseFilterSentence(sentence, { now: NOW });

describe('filters written as sentences', () => {
  it(`reads ${FILTERS.length + REFUSED.length} phrasings`, () => {
    expect(FILTERS.length + REFUSED.length).toBeGreaterThanOrEqual(150);
  });

  it.each(FILTERS)('%s', (sentence, expected) => {
    const parsed = check(sentence);
    if ('error' in parsed) throw new Error(`refused: ${parsed.error}`);
    const { expires, ...fields } = { ...DEFAULTS, ...expected };
    const { expiresAt, ...filter } = parsed.filter;
    expect({ ...filter, expires: expiresAt }).toEqual({
      ...fields,
      classifier: fields.classifier,
      imageExamples: [],
      enabled: true,
      expires,
    });
    // Valid under the filter schema, once the list gives it an id.
    expect(FilterListSchema.safeParse([{ id: 'x', ...parsed.filter }]).success).toBe(true);
    expect(parsed.summary.length).toBeGreaterThan(0);
  });

  it.each(REFUSED)('refuses %j', (sentence, message) => {
    const parsed = check(sentence);
    expect(parsed).toEqual({ error: expect.stringMatching(message) });
  });

  it('refuses a 10,000-character sentence, saying how long it is', () => {
    const parsed = check(`hide ${'a'.repeat(10_000)}`);
    expect(parsed).toEqual({
      error: expect.stringContaining(`10005 characters; one filter is said in ${MAX_SENTENCE_LENGTH}`),
    });
  });

  it('says in words what it made, and what the image model cannot see', () => {
    const parsed = check('blur spider pictures on reddit for a week');
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.summary).toMatch(/^Blur posts about spider and in their images on Reddit until /);
    expect(parsed.notes).toEqual([expect.stringContaining('cannot recognise spider')]);
    const strict = check('collapse rude replies, be strict');
    if ('error' in strict) throw new Error(strict.error);
    expect(strict.summary).toBe('Collapse offensive language reply posts on every site (strict)');
    const blue = check('hide replies from blue checks on x');
    if ('error' in blue) throw new Error(blue.error);
    expect(blue.summary).toBe('Hide reply posts from verified accounts on X');
  });
});
