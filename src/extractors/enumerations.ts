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
  let before = ctx.text.slice(Math.max(0, phrase.start - 6), phrase.start);
  // 出台支持项目建设的8条措施: a 的-modifier sits between the verb and the phrase; the clause's verb governs it.
  const governing = governingVerb(ctx, phrase.start);
  if (governing) before = governing;
  if (endsWithAny(ctx.lexicon, 'set-verbs').test(before)) return true;
  if (endsWithAny(ctx.lexicon, 'tally-verbs').test(before)) return false;
  return !phrase.digits && phrase.count <= 12;
}

/**
 * When a 的-modifier stands right before the phrase (…的8条措施), the text from the clause's start up to the first
 * set or tally verb in it (the verb that governs the whole object); null when there is no modifier or no such verb.
 */
function governingVerb(ctx: Context, at: number): string | null {
  const { text } = ctx;
  if (text[at - 1] !== '的') return null;
  let start = at - 1;
  while (start > 0 && at - start < 24 && !/[，,。；;：:！？\n]/.test(text[start - 1])) start--;
  const clause = text.slice(start, at - 1);
  // 推进总投资10亿元的14个项目: a modifier that measures (an amount) describes a tally, not a set.
  if (/\d/.test(clause)) return null;
  const verbs = [...ctx.lexicon.set('set-verbs'), ...ctx.lexicon.set('tally-verbs')];
  let first = -1;
  let firstEnd = -1;
  for (const verb of verbs) {
    const found = clause.indexOf(verb);
    if (found >= 0 && (first < 0 || found < first || (found === first && found + verb.length > firstEnd))) {
      first = found;
      firstEnd = found + verb.length;
    }
  }
  return first >= 0 ? clause.slice(0, firstEnd) : null;
}

/** 民营二十条 inside 支持民营经济发展二十条: a short name of the same set keeps the long name's characters in order. */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

/** Rule ids (docs/rules.md) by where the members were read; a label with no members read is `counted-label`. */
const MEMBER_RULES: Record<string, string> = {
  before: 'enumeration.list-before',
  after: 'enumeration.list-after',
  ordinal: 'enumeration.ordinal-run',
  outline: 'enumeration.next-paragraphs',
  levels: 'enumeration.fused-levels',
  none: 'enumeration.counted-label',
};

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
      const { items, partial, source } = itemsFor(ctx, phrase);
      if (!isEnumeration(ctx, phrase, items.length > 0)) continue;
      const label = ctx.surface(phrase.start, phrase.end);
      // “三大产业” after “三大产业集群”: a short back-reference, not a new set.
      if (!items.length && found.some((other) => other.count === phrase.count && isSubsequence(normalizedLabel(label), normalizedLabel(other.label)) && normalizedLabel(other.label) !== normalizedLabel(label))) continue;
      const known = byLabel.get(normalizedLabel(label));
      if (known) {
        if (!known.items.length && items.length) Object.assign(known, { items: items.map((item) => ctx.item(item.start, item.end)), rule: MEMBER_RULES[source] ?? `enumeration.${source}` });
        continue;
      }
      if (items.length && items.length !== phrase.count && !partial) {
        warnings.push({ code: 'count-mismatch', message: `${label} says ${phrase.count} but ${items.length} items are listed`, span });
      }
      const enumeration: Enumeration = { count: phrase.count, label, span, items: items.map((item) => ctx.item(item.start, item.end)), rule: (items.length ? MEMBER_RULES[source] : undefined) ?? `enumeration.${items.length ? source : 'counted-label'}` };
      byLabel.set(normalizedLabel(label), enumeration);
      found.push(enumeration);
    }
    return { enumerations: found, warnings };
  },
};
