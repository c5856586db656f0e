import { countedPhrases, itemsFor } from '../grammar/items';
import type { CountedPhrase } from '../grammar/counted';
import type { Context, Extractor } from '../pipeline/context';
import type { Enumeration, Warning } from '../types';
import { endsWithAny } from '../grammar/words';


/** Enumeration or quantity? Follows the gold rules: listed members or a set to act on → enumeration. */
export function isEnumeration(ctx: Context, phrase: CountedPhrase, hasItems: boolean): boolean {
  if (phrase.count < 2) return false;
  if (/^[”"’]?之一/.test(ctx.text.slice(phrase.end, phrase.end + 3))) return false; // 十大案例之一: a ranking
  if (hasItems) return true;
  if (phrase.bare) return phrase.quoted && phrase.count <= 200;
  // 三级甲等医院, 4省市: levels and places count as a set only when they are listed.
  if (ctx.lexicon.set('listed-measure-words').has(phrase.measure)) return false;
  if (phrase.quoted || phrase.measure === '大') return true;
  const before = ctx.text.slice(Math.max(0, phrase.start - 6), phrase.start);
  if (endsWithAny(ctx.lexicon, 'set-verbs').test(before)) return true;
  if (endsWithAny(ctx.lexicon, 'tally-verbs').test(before)) return false;
  return !phrase.digits && phrase.count <= 12;
}

/** 民营二十条 inside 支持民营经济发展二十条: a short name of the same set keeps the long name's characters in order. */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

const normalizedLabel = (label: string) => label.replace(/[“”"‘’「」『』《》\s]/g, '');

export const enumerations: Extractor = {
  id: 'enumerations',
  needs: ['frameworks'],
  provides: ['enumerations'],
  run(ctx) {
    const used = new Set<string>();
    for (const framework of ctx.found.frameworks ?? []) for (const component of framework.components) used.add(component.span.join(':'));
    const found: Enumeration[] = [];
    const warnings: Warning[] = [];
    const byLabel = new Map<string, Enumeration>();
    for (const phrase of countedPhrases(ctx)) {
      const span = ctx.span(phrase.start, phrase.end);
      if (used.has(span.join(':'))) continue;
      const { items, partial } = itemsFor(ctx, phrase);
      if (!isEnumeration(ctx, phrase, items.length > 0)) continue;
      const label = ctx.surface(phrase.start, phrase.end);
      // “三大产业” after “三大产业集群”: a short back-reference, not a new set.
      if (!items.length && found.some((other) => other.count === phrase.count && isSubsequence(normalizedLabel(label), normalizedLabel(other.label)) && normalizedLabel(other.label) !== normalizedLabel(label))) continue;
      const known = byLabel.get(normalizedLabel(label));
      if (known) {
        if (!known.items.length && items.length) known.items = items.map((item) => ctx.item(item.start, item.end));
        continue;
      }
      if (items.length && items.length !== phrase.count && !partial) {
        warnings.push({ code: 'count-mismatch', message: `${label} says ${phrase.count} but ${items.length} items are listed`, span });
      }
      const enumeration: Enumeration = { count: phrase.count, label, span, items: items.map((item) => ctx.item(item.start, item.end)) };
      byLabel.set(normalizedLabel(label), enumeration);
      found.push(enumeration);
    }
    return { enumerations: found, warnings };
  },
};
