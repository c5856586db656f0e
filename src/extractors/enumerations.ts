import { countedPhrases, itemsFor } from '../grammar/items';
import { listsStartingAfter, type Span0 } from '../grammar/lists';
import type { CountedPhrase } from '../grammar/counted';
import type { Context, Extractor } from '../pipeline/context';
import type { Enumeration, Warning } from '../types';
import { endsWithAny } from '../grammar/words';


/** Enumeration or quantity? Follows the gold rules: listed members or a set to act on → enumeration. */
export function isEnumeration(ctx: Context, phrase: CountedPhrase, hasItems: boolean): boolean {
  if (phrase.count < 2) return false;
  if (/^[”"’]?之一/.test(ctx.text.slice(phrase.end, phrase.end + 3))) return false; // 十大案例之一: a ranking
  // 109项非即办事项, 787项事项: past 100 a count is a tally unless its members are named before it or a set
  // verb acts on policy items (推出101项改革措施, 制定249条措施).
  if (phrase.count > 100 && !/[“"‘《]/.test(ctx.text[phrase.start])) return (hasItems && phrase.nounFirst === true) || (setVerbBefore(ctx, phrase) && endsWithAny(ctx.lexicon, 'policy-heads').test(ctx.text.slice(phrase.bodyStart, phrase.end)));
  if (hasItems) return true;
  if (phrase.bare) return phrase.quoted && phrase.count <= 200;
  // 三级甲等医院, 4省市: levels and places count as a set only when they are listed.
  if (ctx.lexicon.set('listed-measure-words').has(phrase.measure)) return false;
  // A quoted name is a set (“两个维护”); a quoted word inside a label (建成10个“美丽庭院”示范点) is not enough.
  const quotedName = /[“"‘《]/.test(ctx.text[phrase.start]);
  if (quotedName || phrase.measure === '大') return true;
  // 2家单位, 两户村民: a measure word known only from its tag counts people or things; without members listed
  // or a quoted name it is a quantity whatever the verb (解决97名贫困人口的就业问题).
  if (phrase.tagged) return false;
  const before = verbBefore(ctx, phrase);
  if (endsWithAny(ctx.lexicon, 'set-verbs').test(before)) return true;
  if (endsWithAny(ctx.lexicon, 'tally-verbs').test(before)) return false;
  return !phrase.digits && phrase.count <= 12;
}

/** What introduces some of a set's members right after its label (…164个，包括甲、乙). */
const SOME_MEMBERS = /^[”"]?[，,。]?(?:其中)?(?:包括|包含|如)[:：，,]?/;

/** Does a list end in 等 and another noun (…、民生等多个领域)? Then its members are that noun's. */
function ofAnotherNoun(ctx: Context, items: Span0[]): boolean {
  const last = items[items.length - 1];
  return /等[^，,。；;：:！？\n]/.test(ctx.text.slice(last.start, last.end + 2));
}

/** The members named after 包括/如 when fewer than the count are listed (a 、-list of two or more). */
function namedAfter(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const intro = SOME_MEMBERS.exec(ctx.text.slice(phrase.end, phrase.end + 6));
  if (phrase.count < 3 || !intro) return null;
  // After 包括： with a colon, clauses split at ， are members too (包括：降低成本，精准帮扶，服务实体经济).
  const colon = /[:：]$/.test(intro[0]);
  for (const list of listsStartingAfter(ctx, phrase.end)) {
    const listed = /、/.test(ctx.text.slice(list[0].start, list[list.length - 1].end)) || (colon && list.length >= 3);
    if (listed && list.length >= 2 && list.length < phrase.count && !ofAnotherNoun(ctx, list)) return list;
  }
  return null;
}

/** Particles between a verb and its object (明确了10项任务, 推出共8条措施). */
const VERB_PARTICLES = /(?:了|共|总计|合计)$/;

/**
 * The text that ends with the verb governing a phrase: the six characters before it (without 了/共), or, past a
 * 的-modifier or a 等-list (出台支持项目建设的8条措施, 推出甲、乙等10项服务), the clause up to its first set or tally verb.
 */
function verbBefore(ctx: Context, phrase: CountedPhrase): string {
  return governingVerb(ctx, phrase.start) ?? ctx.text.slice(Math.max(0, phrase.start - 6), phrase.start).replace(VERB_PARTICLES, '');
}

function setVerbBefore(ctx: Context, phrase: CountedPhrase): boolean {
  return endsWithAny(ctx.lexicon, 'set-verbs').test(verbBefore(ctx, phrase));
}

/**
 * When a 的-modifier or a 等-list stands right before the phrase (…的8条措施), the text from the clause's start up to the first
 * set or tally verb in it (the verb that governs the whole object); null when there is no modifier or no such verb.
 */
function governingVerb(ctx: Context, at: number): string | null {
  const { text } = ctx;
  if (text[at - 1] !== '的' && text[at - 1] !== '等') return null;
  let start = at - 1;
  while (start > 0 && at - start < 24 && !/[，,。；;：:！？\n]/.test(text[start - 1])) start--;
  let clause = text.slice(start, at - 1);
  // Past a 等-list the verb stands before the list (推出婚育、入学等10项服务), not inside a member (推进会).
  if (text[at - 1] === '等' && clause.includes('、')) clause = clause.slice(0, clause.indexOf('、'));
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
  named: 'enumeration.named-after-count',
  none: 'enumeration.counted-label',
};

const normalizedLabel = (label: string) => label.replace(/[“”"‘’「」『』《》\s]/g, '');

/**
 * Two labels of one set: the shorter keeps the longer one's characters in order (民营二十条 in 支持民营经济发展二十条)
 * (a short back-reference), or the longer one opens with the shorter (三个重大命题 → 三个重大命题高分答卷).
 */
function sameSetLabel(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short) && short.length >= 3) return true;
  return b === short && isSubsequence(short, long);
}

/** Do the members of a set found earlier overlap these (one shared member is the same list read again)? */
function sameMembers(known: Enumeration, texts: string[]): boolean {
  const earlier = new Set(known.items.map((item) => normalizedLabel(item.text)));
  return texts.some((text) => earlier.has(normalizedLabel(text)));
}

/**
 * Are the listed members kinds of the counted units rather than members (洗扫车、洒水车等作业车辆145台,
 * 动员会、推进会等11次会议)? Each is one common word of the dictionary whose last character recurs in the label's
 * noun, and the measure word counts units, not categories (类, 种 … count kinds, so kinds are their members).
 */
function namesKinds(ctx: Context, phrase: CountedPhrase, items: Array<{ start: number; end: number }>): boolean {
  if (ctx.lexicon.set('category-measure-words').has(phrase.measure)) return false;
  const noun = ctx.text.slice(phrase.nounFirst ? phrase.start : phrase.bodyStart, phrase.nounFirst ? phrase.bodyStart : phrase.end);
  return items.every((item) => {
    const token = ctx.tokenStartingAt(item.start);
    if (!token || token.end !== item.end) return false;
    const tag = ctx.tagOf(token.word) || 'x';
    return /^(?:n|l|b|vn|x)$/.test(tag) && noun.includes(token.word[token.word.length - 1]);
  });
}

export const enumerations: Extractor = {
  id: 'enumerations',
  needs: ['frameworks'],
  provides: ['enumerations'],
  run(ctx) {
    const used = new Set<string>();
    // A component is not an enumeration, at its own span or named again elsewhere (即一个目标、两大平台 … “2”指甲、乙两大平台).
    const componentLabels = new Set<string>();
    for (const framework of ctx.found.frameworks ?? []) {
      for (const component of framework.components) {
        used.add(component.span.join(':'));
        componentLabels.add(`${component.count}:${normalizedLabel(component.label)}`);
      }
    }
    const found: Enumeration[] = [];
    const warnings: Warning[] = [];
    const byLabel = new Map<string, Enumeration>();
    for (const phrase of countedPhrases(ctx)) {
      const span = ctx.span(phrase.start, phrase.end);
      if (used.has(span.join(':')) || componentLabels.has(`${phrase.count}:${normalizedLabel(ctx.surface(phrase.start, phrase.end))}`)) continue;
      let { items, partial, source }: { items: Span0[]; partial?: boolean; source: string } = itemsFor(ctx, phrase);
      // 签约项目164个，包括甲、乙、丙: some members named after 包括, fewer than the count.
      if (!items.length) {
        const named = namedAfter(ctx, phrase);
        if (named) ({ items, partial, source } = { items: named, partial: true, source: 'named' });
      }
      // …包括产业、基础设施、民生等多个领域: members read after the label that belong to another noun.
      if (items.length && items[0].start >= phrase.end && ofAnotherNoun(ctx, items)) ({ items, partial, source } = { items: [], partial: false, source: 'none' });
      // 洗扫车、洒水车等作业车辆145台: kinds of the counted units, not its members.
      if (items.length && namesKinds(ctx, phrase, items)) ({ items, partial, source } = { items: [], partial: false, source: 'none' });
      const rule = (items.length ? MEMBER_RULES[source] : undefined) ?? `enumeration.${items.length ? source : 'counted-label'}`;
      if (!isEnumeration(ctx, phrase, items.length > 0)) continue;
      const label = ctx.surface(phrase.start, phrase.end);
      const key = normalizedLabel(label);
      const texts = items.map((item) => ctx.text.slice(item.start, item.end));
      // 三个重大命题 … 交出三个重大命题高分答卷 / “三大产业” after “三大产业集群”: the same set under a shorter or
      // longer label, not a new one. A variant with its own members fills in a set that had none.
      const variant = found.find((other) => other.count === phrase.count && normalizedLabel(other.label) !== key && sameSetLabel(normalizedLabel(other.label), key));
      if (variant && (!items.length || !variant.items.length || sameMembers(variant, texts))) {
        if (!variant.items.length && items.length) Object.assign(variant, { items: items.map((item) => ctx.item(item.start, item.end)), rule });
        continue;
      }
      const known = byLabel.get(key);
      if (known) {
        // The same label again: a back-reference, unless both mentions list members and they differ (the same
        // name given to two sets, each with its own list).
        if (!known.items.length && items.length) Object.assign(known, { items: items.map((item) => ctx.item(item.start, item.end)), rule });
        // Only a list written out at the second mention counts (not members read from paragraphs far away).
        const ownList = /^(?:before|after|named|ordinal)$/.test(source) && texts.every((text) => text.length >= 2);
        if (!items.length || !known.items.length || !ownList || sameMembers(known, texts)) continue;
      }
      if (items.length && items.length !== phrase.count && !partial) {
        warnings.push({ code: 'count-mismatch', message: `${label} says ${phrase.count} but ${items.length} items are listed`, span });
      }
      const enumeration: Enumeration = { count: phrase.count, label, span, items: items.map((item) => ctx.item(item.start, item.end)), rule };
      if (!known) byLabel.set(key, enumeration);
      found.push(enumeration);
    }
    return { enumerations: found, warnings };
  },
};
