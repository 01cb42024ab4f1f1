import { say } from './appeal-words.ts';
import type { StandOut } from './colour-signature.ts';
import type { ImageStats } from './image-stats.ts';
import { type SizeLegibility, VIEWER_SIZES, type ViewerSize } from './legibility.ts';
import type { TitleRelation } from './title-text.ts';

/**
 * The appeal score: 0-100, from parts a creator can act on, each with a weight and a plain-words
 * reason, plus advice. It is a heuristic made of known thumbnail practice (a readable face, text
 * that survives the feed's sizes, contrast, standing out from the neighbours); nothing here has
 * been validated against click-through rates, and the UI never calls it one.
 */
export interface FacesSignal {
  count: number;
  /** Area of the largest face as a fraction of the image. */
  largestArea: number;
  /** Deep score only: the expression of each face (Human's emotion model on YuNet crops). */
  expressions?: string[];
}

export interface TextSignal {
  /** Share of the image covered by text. */
  area: number;
  legibility: Record<ViewerSize, SizeLegibility>;
}

export interface TitleSignal {
  length: number;
  /** Probability from Veneer's clickbait model, or null where it could not run. */
  clickbait: number | null;
}

/** What the browser measures at once. */
export interface InstantSignals {
  stats: ImageStats;
  faces: FacesSignal;
  text: TextSignal;
  standOut: StandOut & { against: 'your home feed' | 'a reference set' };
  title: TitleSignal;
}

export type TitleMatch =
  | { available: true; model: string; similarity: number }
  | { available: false; reason: string };

/** What the inference node adds, pushed later. */
export interface DeepSignals {
  text: { content: string; relation: TitleRelation };
  faces: FacesSignal;
  saliency: { concentration: number; focus: { x: number; y: number } };
  titleMatch: TitleMatch;
}

export interface AppealPart {
  name:
    | 'faces'
    | 'text'
    | 'contrast'
    | 'brightness'
    | 'colour'
    | 'clutter'
    | 'stand-out'
    | 'title'
    | 'focus'
    | 'title match';
  /** 0 (hurts) .. 1 (as good as it gets). */
  value: number;
  weight: number;
  detail: string;
}

export interface Appeal {
  score: number;
  parts: AppealPart[];
  advice: string[];
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const pct = (value: number) => `${Math.round(value * 100)}%`;

/** Expressions that read from across a feed. */
const EXPRESSIVE = new Set(['happy', 'surprise', 'angry', 'fear', 'disgust', 'sad']);

function facesPart(faces: FacesSignal, advice: string[]): AppealPart {
  if (faces.count === 0) {
    advice.push(say('noFaceAdvice'));
    return { name: 'faces', value: 0.3, weight: 2, detail: say('noFace') };
  }
  let value: number;
  let detail = say(faces.count === 1 ? 'face' : 'faces', {
    count: faces.count,
    area: pct(faces.largestArea),
  });
  if (faces.largestArea < 0.02) {
    advice.push(say('faceTooSmall'));
    value = 0.55;
  } else value = 0.8 + 0.2 * clamp01(faces.largestArea / 0.1);
  if (faces.expressions?.length) {
    const expressive = faces.expressions.filter((expression) => EXPRESSIVE.has(expression));
    detail += say('expression', { expressions: faces.expressions.join(', ') });
    if (expressive.length) value = clamp01(value + 0.1);
    else {
      advice.push(say('flatFace'));
      value *= 0.9;
    }
  }
  return { name: 'faces', value, weight: 2, detail };
}

function textPart(text: TextSignal, deep: DeepSignals | undefined, advice: string[]): AppealPart {
  const { mobile, desktop } = text.legibility;
  let value: number;
  let detail: string;
  if (text.area < 0.005) {
    if (!deep?.text.content.trim()) return { name: 'text', value: 0.6, weight: 2, detail: say('noText') };
    // Read at full resolution, but too small for the detector at the feed's sizes.
    value = 0.3;
    detail = say('textTooSmall');
    advice.push(say('textTooSmallAdvice'));
  } else if (mobile.legible && desktop.legible) {
    value = 1;
    detail = say('legibleEverywhere', { px: Math.round(mobile.tallestLinePx) });
  } else if (desktop.legible) {
    value = 0.55;
    detail = say('legibleDesktopOnly', {
      desktop: VIEWER_SIZES.desktop.label,
      mobile: VIEWER_SIZES.mobile.label,
    });
    advice.push(say('unreadableMobile'));
  } else {
    value = 0.2;
    detail = say('unreadable');
    advice.push(say('unreadableAdvice'));
  }
  if (text.area > 0.35) {
    value *= 0.8;
    advice.push(say('tooMuchText'));
  }
  if (deep?.text.relation === 'repeats') {
    value *= 0.8;
    detail += say('repeatsTitle');
    advice.push(say('repeatsTitleAdvice'));
  } else if (deep?.text.relation === 'adds') detail += say('addsToTitle');
  return { name: 'text', value, weight: 2, detail };
}

/** The title's part of the score (and its advice): the same for every candidate of one video. */
export function titlePart(title: TitleSignal, advice: string[] = []): AppealPart {
  let value = 1;
  if (title.length === 0) value = 0;
  else if (title.length < 20) value = title.length / 20;
  else if (title.length > 70) {
    value = Math.max(0.3, 1 - (title.length - 70) / 60);
    advice.push(say('titleCut'));
  }
  let detail = say('titleLength', { count: title.length });
  if (title.clickbait !== null) {
    detail += say('clickbaitModel', { percent: pct(title.clickbait) });
    if (title.clickbait >= 0.9) advice.push(say('clickbaitAdvice'));
  }
  return { name: 'title', value, weight: 1, detail };
}

export function appeal(instant: InstantSignals, deep?: DeepSignals): Appeal {
  const advice: string[] = [];
  const { stats } = instant;
  const parts: AppealPart[] = [
    facesPart(deep?.faces ?? instant.faces, advice),
    textPart(instant.text, deep, advice),
  ];

  parts.push({
    name: 'contrast',
    value: clamp01((stats.contrast - 0.08) / 0.14),
    weight: 1.5,
    detail: say('contrast', { value: stats.contrast.toFixed(2) }),
  });
  if (stats.contrast < 0.12) advice.push(say('lowContrast'));

  const b = stats.brightness;
  parts.push({
    name: 'brightness',
    value: b < 0.3 ? b / 0.3 : b > 0.7 ? (1 - b) / 0.3 : 1,
    weight: 1,
    detail: say('brightness', { percent: pct(b) }),
  });
  if (b < 0.22) advice.push(say('tooDark'));
  else if (b > 0.8) advice.push(say('tooBright'));

  parts.push({
    name: 'colour',
    value: clamp01(stats.colourfulness / 60),
    weight: 1,
    detail: say('colourfulness', { value: Math.round(stats.colourfulness) }),
  });
  if (stats.colourfulness < 15) advice.push(say('dull'));

  parts.push({
    name: 'clutter',
    value: stats.clutter <= 0.12 ? 1 : clamp01(1 - (stats.clutter - 0.12) / 0.25),
    weight: 1,
    detail: say('clutter', { percent: pct(stats.clutter) }),
  });
  if (stats.clutter > 0.3) advice.push(say('busy'));

  const { ratio, against } = instant.standOut;
  parts.push({
    name: 'stand-out',
    value: clamp01((ratio - 0.5) / 0.7),
    weight: 1.5,
    detail: say('standOut', { ratio: ratio.toFixed(2), against }),
  });
  if (ratio < 0.8) advice.push(say('blendsIn'));

  parts.push(titlePart(instant.title, advice));

  if (deep) {
    const { concentration } = deep.saliency;
    parts.push({
      name: 'focus',
      value: clamp01((concentration - 0.3) / 0.35),
      weight: 1,
      detail: say('focus', { percent: pct(concentration) }),
    });
    if (concentration < 0.35) advice.push(say('noFocus'));
    if (deep.titleMatch.available) {
      const { similarity } = deep.titleMatch;
      parts.push({
        name: 'title match',
        value: clamp01((similarity - 0.15) / 0.15),
        weight: 1.5,
        detail: say('titleMatch', { model: deep.titleMatch.model, value: similarity.toFixed(2) }),
      });
      if (similarity < 0.2) advice.push(say('noMatch'));
    }
  }

  const weights = parts.reduce((sum, part) => sum + part.weight, 0);
  const score = Math.round((100 * parts.reduce((sum, part) => sum + part.weight * part.value, 0)) / weights);
  return { score, parts, advice };
}

/** The candidate with the highest score; the first of equals. */
export function winnerOf(scores: ReadonlyArray<{ id: string; score: number }>): string | null {
  let best: { id: string; score: number } | null = null;
  for (const entry of scores) if (!best || entry.score > best.score) best = entry;
  return best?.id ?? null;
}
