import { singular } from '../filters/word-forms.ts';
import { textTokens } from '../text/hashed-features.ts';

/**
 * Words that say nothing about what a post is about: function words, and the words every feed
 * uses ("post", "thread", "lol"). Kept out of learned filters and of a post's distinctive words.
 */
const STOPWORDS = new Set(
  `a about above after again against all almost also am an and any are aren't as at be because been
  before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
  don't down during each even ever every few for from further get gets got had hadn't has hasn't have
  haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm
  i've if in into is isn't it it's its itself just let's like me more most much must mustn't my myself
  never no nor not now of off on once one only or other ought our ours ourselves out over own really
  said same say says she she'd she'll she's should shouldn't so some still such than that that's the
  their theirs them themselves then there there's these they they'd they'll they're they've this those
  though through to too under until up upon us very was wasn't we we'd we'll we're we've were weren't what
  what's when when's where where's which while who who's whom why why's will with won't would wouldn't
  yet you you'd you'll you're you've your yours yourself yourselves
  rt via amp lol lmao omg im dont cant wont youre thats its ive ill
  new post posts thread video videos watch today just get got go going make made know think want
  people time day way thing things see look ok okay yes yeah oh hey`
    .split(/\s+/)
    .filter(Boolean),
);

/** A word's form for learning: lower case, singular, without a leading hashtag or a trailing 's. */
export function learningForm(token: string): string {
  const word = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/'s$/, '');
  return singular(word);
}

/**
 * The words of a post that can say what it is about, in order: lower case, singular, without
 * function words, links, @mentions, numbers and one-letter words. Duplicates stay (counts matter).
 */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const token of textTokens(text)) {
    if (token.startsWith('_') || STOPWORDS.has(token)) continue;
    const word = learningForm(token);
    if (word.length < 2 || STOPWORDS.has(word) || !/\p{L}/u.test(word)) continue;
    out.push(word);
  }
  return out;
}
