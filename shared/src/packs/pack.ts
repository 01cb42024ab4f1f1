/**
 * A selector pack: everything a site adapter reads a page with that a site update can change, as
 * data (CSS selectors, attribute names, and a choice among the reading rules the adapter ships).
 * The pack built into the extension is each adapter's default; newer packs are signed and served
 * by the edge, so a site update is fixed without a store release. A pack carries no code: a
 * selector can only select, an attribute name only name, and a rule only pick one of the values
 * its adapter declares.
 */
export const PACK_FORMAT = 1;

export interface SelectorPack {
  format: typeof PACK_FORMAT;
  /** The adapter it is for (`x`, `reddit`, `old-reddit`, ...). */
  adapter: string;
  /** Higher is newer; a pack never replaces one of the same or a higher version. */
  version: number;
  selectors: Record<string, string>;
  attributes: Record<string, string>;
  rules: Record<string, string>;
}

/** A pack as the edge serves it: the pack's JSON exactly as signed, and its Ed25519 signature. */
export interface SignedPack {
  payload: string;
  /** base64 of the 64-byte Ed25519 signature of `payload`'s UTF-8 bytes. */
  signature: string;
}

/** What an adapter accepts: its default pack, and the values each of its rules may take. */
export interface PackShape {
  pack: SelectorPack;
  rules: Record<string, readonly string[]>;
}

const MAX_SELECTOR = 500;
const ATTRIBUTE = /^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,63}$/;

/**
 * Why `pack` cannot serve the adapter `shape` describes, or null when it can: the same adapter,
 * the same selector, attribute and rule names as its default, selectors of a sane length,
 * attribute names that are names, and rules among the declared values. (Whether a selector parses
 * is checked where there is a DOM, when the pack is applied.)
 */
export function packProblem(pack: SelectorPack, shape: PackShape): string | null {
  const base = shape.pack;
  if (pack.format !== PACK_FORMAT) return `pack format ${pack.format} is not ${PACK_FORMAT}`;
  if (pack.adapter !== base.adapter) return `the pack is for ${pack.adapter}, not ${base.adapter}`;
  if (!Number.isInteger(pack.version) || pack.version < 1) return 'the version must be a positive integer';
  for (const part of ['selectors', 'attributes', 'rules'] as const) {
    const wanted = Object.keys(base[part]).sort().join(',');
    const given = Object.keys(pack[part] ?? {})
      .sort()
      .join(',');
    if (wanted !== given) return `${part} must be exactly ${wanted || 'none'} (got ${given || 'none'})`;
  }
  for (const [name, selector] of Object.entries(pack.selectors)) {
    if (typeof selector !== 'string' || !selector.trim() || selector.length > MAX_SELECTOR)
      return `selector ${name} must be 1-${MAX_SELECTOR} characters`;
  }
  for (const [name, attribute] of Object.entries(pack.attributes)) {
    if (typeof attribute !== 'string' || !ATTRIBUTE.test(attribute)) return `attribute ${name} is not a name`;
  }
  for (const [name, value] of Object.entries(pack.rules)) {
    if (!shape.rules[name]?.includes(value))
      return `rule ${name} must be one of ${shape.rules[name]?.join(', ') ?? 'nothing'}`;
  }
  return null;
}
