import type { CompiledFilter } from '../filters/matcher.ts';
import type { Filter } from '../filters/schema.ts';

/**
 * An on-device check of a post's text, declared once: which filters it serves, the model it runs
 * on each text (defined once in shared/src/models, so the extension and `pnpm judge` run the same
 * one), and when its answer makes one of those filters match. `Answer` is what the model's
 * definition reads from its outputs. The Judge decides when a post waits
 * for it; the extension's engine and model host run any check by its id.
 * Adding one is a file here and its line in TEXT_CHECKS (checks.ts); a new kind of filter adds
 * its field to the schema.
 */
export interface TextCheck<Answer = unknown> {
  /** Stable and unique: answers are keyed by it. */
  readonly id: string;
  /** Whether the check judges posts for this filter. */
  serves(filter: Filter): boolean;
  /**
   * The model it runs on each post's text: a registry id whose definition is in TEXT_MODELS
   * (shared/src/models/text-models.ts). Only the runtimes that run it load the definition, so a
   * feed page's script carries no model code.
   */
  readonly model: string;
  /** Why the filter matches a post the model answered `answer` for, or null when it does not. */
  match(filter: CompiledFilter, answer: Answer): string | null;
}

/** Declares a check with its answer's type; the registry holds it as an unknown answer. */
export const defineTextCheck = <Answer>(check: TextCheck<Answer>): TextCheck => check as unknown as TextCheck;
