import type { BackgroundTable } from './background.ts';
import table from './background-words.json' with { type: 'json' };

/**
 * The background table Veneer ships (made by `pnpm learning:background`), apart from the rest of
 * learning/ so that a feed page's script, which only scores posts, does not carry it.
 */
export const BACKGROUND_WORDS: BackgroundTable = table;
