import type { AuthorBadge, PostKind } from '../filters/accounts.ts';
import type { FilterAction, Sensitivity, TextClassifier } from '../filters/vocabulary.ts';

/**
 * The words a person uses for each part of a filter, as regular-expression sources over a
 * lower-case sentence (longest first where one contains another). The parser (parse-sentence.ts)
 * takes each part out of the sentence in turn; what is left says what to look for.
 */

/** How people say what to do, the most specific first. */
export const ACTION_PHRASES: ReadonlyArray<readonly [FilterAction, string]> = [
  ['blur-faces', "blur(?:\\s+out)?\\s+(?:the\\s+|all\\s+|people'?s\\s+|peoples\\s+|any\\s+)?faces?"],
  ['blur-faces', "hide\\s+(?:the\\s+|all\\s+|people'?s\\s+)?faces?"],
  ['pixelate', 'pixel+ate|pixel+ise|pixel+ize|pixelated|mosaic'],
  [
    'warn',
    '(?:give\\s+me\\s+|put\\s+|add\\s+)?(?:a\\s+)?(?:content|trigger|spoiler|cw|tw)\\s+warnings?(?:\\s+(?:on|for|before|over))?|warn\\s+me(?:\\s+(?:before|about|of|when|if))?|warn(?:\\s+(?:before|about|on|of))?|give\\s+me\\s+a\\s+(?:heads\\s+up|warning)(?:\\s+(?:before|about|on|for))?|heads\\s+up\\s+(?:on|for|about)|flag',
  ],
  ['collapse', 'collapse|colapse|collaps|minimi[sz]e|fold(?:\\s+away|\\s+up)?|shrink|tuck\\s+away|squash'],
  ['blur', 'blur+(?:\\s+out)?|obscure|fuzz(?:\\s+out)?|smudge'],
  [
    'hide',
    "hide|hid|hyde|remove|block|mute|filter(?:\\s+out)?|get\\s+rid\\s+of|kill|nuke|ban|delete|erase|take\\s+(?:away|out)|keep\\s+(?:away|out)|(?:i\\s+)?(?:do\\s+not|never)\\s+(?:want|wanna|need|like)\\s+(?:to\\s+)?(?:see|read|hear)(?:\\s+about)?|(?:please\\s+)?do\\s+not\\s+show(?:\\s+me)?|(?:stop|quit)\\s+showing(?:\\s+me)?|never\\s+show(?:\\s+me)?|no\\s+more|not\\s+interested\\s+in|(?:i\\s+am|im|i'm)\\s+(?:so\\s+)?(?:sick|tired)\\s+of(?:\\s+seeing)?|(?:sick|tired)\\s+of(?:\\s+seeing)?|enough(?:\\s+with)?|spare\\s+me(?:\\s+from)?|less|without|stop",
  ],
];

/** Sentences that ask for more of something, which Veneer does not do. */
export const WANTS_MORE =
  /^(?:show|give|i\s+want|i\s+wanna|i\s+would\s+like|i'd\s+like|more|see|find|recommend|boost|promote|highlight)\b(?!\s+(?:me\s+)?(?:less|no|fewer))/;

export interface SiteName {
  id: string;
  /** How the person may write it (the last one is how Veneer writes it back). */
  pattern: string;
  label: string;
}

export const SITE_NAMES: readonly SiteName[] = [
  {
    id: 'x',
    pattern: 'x|twitter|twiter|twittter|twitr|x\\.com|twitter\\.com|x/twitter|twitter/x',
    label: 'X',
  },
  { id: 'reddit', pattern: 'reddit|redit|reddit\\.com|redditt', label: 'Reddit' },
  { id: 'youtube', pattern: 'youtube|you\\s+tube|yt|youtub|youtube\\.com|yotube', label: 'YouTube' },
  { id: 'bluesky', pattern: 'bluesky|blue\\s+sky|bsky|blusky|bsky\\.app', label: 'Bluesky' },
  { id: 'mastodon', pattern: 'mastodon|mastadon|the\\s+fediverse|fediverse|masto', label: 'Mastodon' },
];

/** Sites people name that Veneer does not rewrite. */
export const OTHER_SITES =
  'facebook|fb|instagram|insta|ig|tiktok|tik\\s+tok|linkedin|threads|tumblr|pinterest|snapchat|twitch|discord|whatsapp|telegram|hacker\\s+news|hn|news\\s+sites?|google|netflix|spotify';

/** Words that name a site's posts and so the site itself ("tweets" are X's). */
export const SITE_POST_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['x', 'tweets?|tweeted|retweets?'],
  ['mastodon', 'toots?'],
  ['bluesky', 'skeets?'],
  ['reddit', 'subreddits?'],
];

/** Kinds of post, as people call them. */
export const KIND_WORDS: ReadonlyArray<readonly [PostKind, string]> = [
  ['quote', 'quote\\s+(?:tweets?|posts?|retweets?|skeets?)|quote\\s*tweets?|qrts?|quotes'],
  [
    'repost',
    'retweets?|re-tweets?|rts|reposts?|re-posts?|boosts?|boosted\\s+posts?|reblogs?|reskeets?|shared\\s+posts?',
  ],
  ['reply', 'replies|reply|replys|responses|comments?|comment\\s+sections?'],
  [
    'promoted',
    'ads|adverts?|advertisements?|advertising|promoted(?:\\s+(?:posts?|tweets?|content))?|sponsored(?:\\s+(?:posts?|content))?|paid\\s+posts?',
  ],
  ['short', '(?:youtube\\s+)?shorts|short\\s+videos?'],
  ['live', 'live\\s*streams?|live\\s+videos?|live\\s+broadcasts?|streams'],
  [
    'suggested',
    'suggested(?:\\s+(?:posts?|accounts?|videos?|follows?))?|recommended(?:\\s+(?:posts?|videos?|accounts?))?|recommendations|who\\s+to\\s+follow|suggestions|because\\s+you\\s+watched|discover\\s+more|you\\s+might\\s+like',
  ],
];

/**
 * Whose badge a filter asks for, as people say it ("replies from blue checks", "posts by
 * unverified accounts"); the words naming the accounts go with it.
 */
export const BADGE_WORDS: ReadonlyArray<readonly [AuthorBadge, string]> = [
  [
    'none',
    '(?:(?:from|by)\\s+)?(?:unverified|non-?\\s*verified|not\\s+verified)\\s+(?:accounts?|users?|people|profiles?|channels?)',
  ],
  [
    'verified',
    '(?:(?:from|by)\\s+)?(?:(?:verified|paid|premium|blue[-\\s]?(?:check(?:ed|marked)?|tick(?:ed)?))\\s+(?:accounts?|users?|people|profiles?|channels?)|blue[-\\s]?(?:checks|ticks|checkmarks)|twitter\\s+blue(?:\\s+(?:accounts?|users?))?|x\\s+premium(?:\\s+(?:accounts?|users?))?)',
  ],
];

/** Veneer's classifiers, as people describe what they catch. */
export const CLASSIFIER_WORDS: ReadonlyArray<readonly [TextClassifier, string]> = [
  [
    'offensive',
    'rude(?:ness)?|offensive(?:\\s+language)?|toxic(?:ity)?|hateful|hate\\s+speech|insults?|insulting|slurs?|abusive|nasty|mean(?=\\s+(?:replies|comments|tweets|posts|people))|vulgar(?:ity)?|profanity|profane|swearing|swear\\s+words|cursing|curse\\s+words|foul\\s+language|trolling|trolls?|rage\\s*bait',
  ],
  [
    'clickbait',
    "click\\s*-?\\s*bait(?:y|ing)?|bait(?:y)?\\s+titles?|bait\\s+headlines?|you\\s+won'?t\\s+believe",
  ],
];

/** How strict the person wants the classifier to be. */
export const SENSITIVITY_WORDS: ReadonlyArray<readonly [Sensitivity, string]> = [
  [
    'high',
    'be\\s+(?:very\\s+|really\\s+|super\\s+)?(?:strict|aggressive|harsh|thorough)|strictly|aggressively|(?:very\\s+|really\\s+)?strict|high\\s+sensitivity|very\\s+sensitive|sensitivity\\s+high|catch\\s+(?:everything|all(?:\\s+of\\s+them)?|as\\s+many\\s+as\\s+(?:you\\s+can|possible))|even\\s+(?:mild|slightly)(?:\\s+\\w+)?\\s+ones|when\\s+in\\s+doubt(?:\\s+hide(?:\\s+it)?)?|err\\s+on\\s+the\\s+side\\s+of\\s+hiding',
  ],
  [
    'low',
    "be\\s+(?:lenient|gentle|relaxed|careful|conservative)|lenient(?:ly)?|loosely|not\\s+too\\s+strict|low\\s+sensitivity|sensitivity\\s+low|only\\s+(?:the\\s+)?(?:obvious|worst|clear|blatant|really\\s+bad|extreme)(?:\\s+ones)?|only\\s+(?:if|when)\\s+(?:you(?:'re|\\s+are)|ur|it'?s)\\s+sure",
  ],
  ['medium', 'medium\\s+sensitivity|normal\\s+sensitivity|sensitivity\\s+medium|be\\s+balanced'],
];

/** Words about images: the filter then also looks at them. */
export const IMAGE_WORDS =
  'pictures?|pics?|photos?|photographs?|images?|imgs?|memes?|screenshots?|gifs?|thumbnails?|selfies?|drawings?';

/** Words that name the text inside images: the filter looks there. */
export const IMAGE_TEXT_WORDS = 'text\\s+in\\s+(?:images|pictures|memes|screenshots)|memes|screenshots';

/**
 * Words around the subject that say nothing about it ("posts about", "anything mentioning"),
 * taken off its ends.
 */
export const FILLER = new Set(
  `a an the any all every some another of about on regarding re mentioning mention mentions containing contain
  word words term terms phrase phrases keyword keywords
  contains with that which who are is be being related relating to do talking talk discussing discussion
  around concerning involving featuring feature from in me my i see want posts post stuff things thing
  content contents anything everything something tweets tweet toots toot skeets skeet videos video
  messages message entries topics topic subject subjects news updates for please pls plz plese kindly
  veneer thx thanks thank you just also too really so more out ones kind kinds sort type types like
  feed feeds timeline timelines page pages site sites when where it its it's them those these this
  other others people's peoples stories story articles article headlines headline titles title`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words for every post: a filter of only these is refused unless accounts, kinds or a classifier narrow it. */
export const EVERYTHING_WORDS =
  /\b(?:everything|every\s+(?:single\s+)?post|all\s+(?:the\s+)?posts|anything\s+at\s+all|all\s+of\s+it)\b/;

/**
 * Words that describe how a subject is talked about rather than what it is ("spoilers", "drama"):
 * dropped from a subject's ends when something else is left ("Game of Thrones spoilers" -> the show).
 */
export const DESCRIPTORS = new Set(
  'spoiler spoilers drama discourse discussion discussions debate debates talk chatter hype takes memes news coverage content related stuff posts'.split(
    ' ',
  ),
);
