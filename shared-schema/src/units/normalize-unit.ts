/**
 * Everyday unit spellings → canonical unit ids ("miles" → "mile", "KWH" → "kWh",
 * "litres" → "litre", "US$" → "USD"). Unknown spellings give undefined, never a guess.
 */
import { UNIT_DEFINITIONS } from './unit-definitions.ts';

const squash = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/²/g, '2')
    .replace(/³/g, '3')
    .replace(/\.$/, '')
    .replace(/[\s_-]+/g, ' ');

let aliasIndex: Map<string, string> | undefined;

function index(): Map<string, string> {
  if (aliasIndex) return aliasIndex;
  const m = new Map<string, string>();
  for (const u of UNIT_DEFINITIONS) {
    m.set(squash(u.id), u.id);
    for (const a of u.aliases) m.set(squash(a), u.id);
  }
  return (aliasIndex = m);
}

export function normalizeUnit(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const s = squash(text);
  if (!s) return undefined;
  const idx = index();
  const hit = idx.get(s);
  if (hit) return hit;
  // Plurals: "miles", "litres", "therms", "nights", "gallons", "kilometres"...
  if (s.length > 2 && s.endsWith('s')) return idx.get(s.slice(0, -1));
  return undefined;
}
