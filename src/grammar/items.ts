import type { Context } from '../pipeline/context';
import type { CountedPhrase } from './counted';
import { findCountedPhrases, levelMembers } from './counted';
import { COUNT_CHARS, parseCount } from '../util/numbers';
import { endsWith等, lastIndexWithin, listEndingAt, listsStartingAfter, ordinalListAfter, type Span0 } from './lists';
import { membersFollowing } from './outline';

/** A quoted name opening with a count (“稳企十条”). */
const QUOTED_NUMERAL = new RegExp(String.raw`“([${COUNT_CHARS}\d][^“”，。]{1,12})”`, 'g');
/** The count opening a quoted name (“十条”…). */
const LEADING_COUNT = new RegExp(String.raw`^[${COUNT_CHARS}\d]+`);

export interface PhraseItems {
  items: Span0[];
  /** Where the items came from: before (A、B、C三大…), after (…：A、B、C), ordinal (一是…二是…), quoted. */
  source: 'before' | 'after' | 'ordinal' | 'quoted' | 'levels' | 'outline' | 'none';
  /** The text lists fewer members than the count and closes the list with 等. */
  partial?: boolean;
}

/** Counted phrases of the document, computed once and shared by the extractors that need them. */
export function countedPhrases(ctx: Context): CountedPhrase[] {
  return ctx.shared('counted-phrases', () => findCountedPhrases(ctx));
}

/** A phrase that closes a 、-list (A、B、C三大主导产业) explains that list. */
export function listBefore(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const before = ctx.text[phrase.start - 1];
  if (!before || /[，,。；;：:!！?？\n()（）]/.test(before)) return null;
  return listEndingAt(ctx, phrase.start);
}

/** 以工程总承包企业为“1个核心”, 以设计、生产企业为“2个重点”: the members sit between 以 and 为. */
function listFramedBy以为(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const { text } = ctx;
  if (text[phrase.start - 1] !== '为') return null;
  let from = phrase.start - 1;
  while (from > 0 && !/[，,。；;：:\n]/.test(text[from - 1]) && phrase.start - from < 40) from--;
  const yi = lastIndexWithin(text, '以', phrase.start - 2, 40);
  if (yi < from) return null;
  const start = yi + 1;
  const end = phrase.start - 1;
  if (end - start < 1) return null;
  const members: Span0[] = [];
  let at = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '、' || (text[i] === '和' && i > at)) {
      if (i > at) members.push({ start: at, end: i });
      at = i + 1;
    }
  }
  return members.length ? members : null;
}

/** Quoted terms that open parallel sentences after the label (建设“未来之城”，… 建设“绿色之城”，…). */
function quotedAfter(ctx: Context, from: number, to: number): Span0[] {
  const items: Span0[] = [];
  const pattern = /(?:^|[。；;，,])[^。；;，,“”]{0,4}“([^“”]{2,10})”/g;
  const chunk = ctx.text.slice(from, to);
  for (let match = pattern.exec(chunk); match; match = pattern.exec(chunk)) {
    const start = from + match.index + match[0].length - match[1].length - 1;
    items.push({ start, end: start + match[1].length });
  }
  return items;
}

/**
 * “甲，乙，丙”三个程序: a quotation right before the label that splits at ，、；into exactly as many members as the count
 * (the members' own commas are inside the quotation, so no 、-list reading sees them).
 */
function quotedListBefore(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const { text } = ctx;
  const close = phrase.start - 1;
  if (text[close] !== '”' || phrase.quoted) return null;
  const open = lastIndexWithin(text, '“', close, 120);
  if (open < 0 || close - open > 120 || text.slice(open + 1, close).includes('”')) return null;
  const members: Span0[] = [];
  let from = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (i === close || /[，,、；;]/.test(text[i])) {
      if (i - from < 1 || i - from > 24) return null;
      members.push({ start: from, end: i });
      from = i + 1;
    }
  }
  return members.length === phrase.count && phrase.count >= 2 ? members : null;
}

/** Words that point back at what the previous clause listed (这是…三项荣誉, 上述三类问题). */
const BACK_REFERENCE = /^(?:这是|这些是|这些|这|此为|以上|上述|前述)/;

/**
 * A list in the clause before the label's clause: pointed back at (“甲”“乙”“丙”，这是…的三项荣誉), or named again by the
 * label's head word (落实主体责任和监督责任，两个责任一起抓). Exactly as many members as the count.
 */
function listInClauseBefore(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const { text } = ctx;
  let clauseStart = phrase.start;
  while (clauseStart > 0 && phrase.start - clauseStart < 24 && !/[，,。；;！!？?\n]/.test(text[clauseStart - 1])) clauseStart--;
  if (!/[，,]/.test(text[clauseStart - 1] ?? '')) return null;
  const lead = text.slice(clauseStart, phrase.start);
  const backReference = BACK_REFERENCE.test(lead);
  if (!backReference && lead.length) return null;
  const list = listEndingAt(ctx, clauseStart - 1);
  if (!list || list.length !== phrase.count) return null;
  // The list closes the clause: a last member much longer than the others runs on into the sentence (在甲、乙与丙三国的…举办).
  const lengths = list.map((member) => member.end - member.start);
  if (lengths[lengths.length - 1] > 2 * Math.max(...lengths.slice(0, -1)) + 2) return null;
  if (backReference) return list;
  const head = text.slice(phrase.bodyStart, phrase.end).replace(/[“”"]/g, '').slice(-2);
  return head.length === 2 && list.every((member) => text.slice(member.start, member.end).endsWith(head)) ? list : null;
}

/** Find the members a counted phrase stands for, checking them against its count. */
/**
 * “六个三”, “3个3”: a count of counted things. Its members are the next phrases that carry the inner count
 * (三项重要支撑, 三大产业集群 …, or quoted “三先发动”), in text order, distinct.
 */
function nestedMembers(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const body = ctx.text.slice(phrase.bodyStart, phrase.end).replace(/[”"]/g, '');
  const inner = parseCount(body);
  if (!(inner >= 1)) return null;
  const limit = phrase.end + 4000;
  const found: Span0[] = [];
  const seen = new Set<string>();
  const take = (start: number, end: number) => {
    const key = ctx.text.slice(start, end).replace(/[“”"]/g, '');
    // 三大产业 after 三大产业集群: a short mention of a member already taken.
    const repeated = [...seen].some((other) => other.startsWith(key));
    if (!seen.has(key) && !repeated && found.length < phrase.count) {
      seen.add(key);
      found.push({ start, end });
    }
  };
  const quotedNumeral = QUOTED_NUMERAL;
  quotedNumeral.lastIndex = 0; // a shared /g pattern: start from the top of this tail
  const candidates: Array<[number, number]> = [];
  for (const other of countedPhrases(ctx)) {
    if (other.start > phrase.end && other.start < limit && other.count === inner) candidates.push([other.start, other.end]);
  }
  const tail = ctx.text.slice(phrase.end, limit);
  for (let m = quotedNumeral.exec(tail); m; m = quotedNumeral.exec(tail)) {
    const lead = LEADING_COUNT.exec(m[1]);
    if (lead && parseCount(lead[0]) === inner) candidates.push([phrase.end + m.index + 1, phrase.end + m.index + 1 + m[1].length]);
  }
  candidates.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of candidates) {
    if (found.some((member) => start < member.end && member.start < end)) continue;
    const strip = ctx.text[start] === '“' ? 1 : 0;
    take(start + strip, end - (ctx.text[end - 1] === '”' ? 1 : 0));
  }
  // All of them: a few counted phrases that happen to share the inner count (一个方案, 一张清单 under “四个一”) are
  // no reading of the set; its members are found another way (一是…四是).
  return found.length === phrase.count ? found : null;
}

/** 县乡两级, 部省两级, 县乡村三级: level words right before the count (see levelMembers). */
function fusedLevels(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  return levelMembers(ctx, phrase);
}

/** Tags of the words a noun chunk is built from (贫困/户, 建档立卡, 特困/人员). */
const CHUNK_TAGS = /^(?:n|nr|ns|nt|nz|ng|vn|an|j|l|i|b|eng|x)$/;

/** The noun chunk that ends at `end`: tokens back while they are nominal, at most 12 characters. */
function nounChunkBefore(ctx: Context, end: number): Span0 | null {
  let start = end;
  for (let at = end - 1; at >= 0 && end - at <= 12; at--) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > start || !/^[\u3400-\u9fff]+$/.test(token.word) || !CHUNK_TAGS.test((ctx.tagOf(token.word) || 'x'))) break;
    start = at;
  }
  return end - start >= 2 ? { start, end } : null;
}

/** 由五个维度构成的评价体系，包括A、B…: a list introduced later in the same sentence. */
function introducedLater(ctx: Context, phrase: CountedPhrase): Span0[][] {
  const window = ctx.text.slice(phrase.end, phrase.end + 40);
  const m = /[，,]?(?:包括|分别是|分别为|主要有|主要包括|涵盖|即)[:：]?/.exec(window);
  if (!m || /[。；;\n]/.test(window.slice(0, m.index))) return [];
  return listsStartingAfter(ctx, phrase.end + m.index);
}

/**
 * Find the members a counted phrase stands for. Every source is read (members before the label, after it,
 * later in its sentence, in an ordinal run, in the next paragraphs, fused levels), and the reading whose
 * length equals the count wins; a list closed by 等 may be shorter (partial).
 */
export function itemsFor(ctx: Context, phrase: CountedPhrase, options: { quoted?: boolean } = {}): PhraseItems {
  // Several extractors and every formula mention ask about the same phrases: read each one once.
  const memo = ctx.shared('items-for', () => new Map<CountedPhrase, PhraseItems>());
  const key = options.quoted ? quotedKey(ctx, phrase) : phrase;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = readItems(ctx, phrase, options)));
  return found;
}

/** A distinct memo key for the quoted-members reading of a phrase. */
function quotedKey(ctx: Context, phrase: CountedPhrase): CountedPhrase {
  const keys = ctx.shared('items-for:quoted', () => new Map<CountedPhrase, CountedPhrase>());
  let key = keys.get(phrase);
  if (!key) keys.set(phrase, (key = { ...phrase }));
  return key;
}

/** No member written twice. */
function distinct(ctx: Context, members: Span0[]): boolean {
  return new Set(members.map((member) => ctx.text.slice(member.start, member.end))).size === members.length;
}

function readItems(ctx: Context, phrase: CountedPhrase, options: { quoted?: boolean }): PhraseItems {
  const found = readItemsOnce(ctx, phrase, options);
  // One member twice is a misreading (the same name opening several sentences), not a list.
  const texts = found.items.map((item) => ctx.text.slice(item.start, item.end));
  if (new Set(texts).size === texts.length) return found;
  // A 、-list that writes one member twice (甲、乙、乙、丙四项…) still lists the set: keep each member once.
  const once = found.items.filter((_, index) => texts.indexOf(texts[index]) === index);
  if ((found.source === 'before' || found.source === 'after') && once.length >= 2 && once.length === texts.length - 1 && (once.length === phrase.count || found.partial)) return { ...found, items: once };
  return { items: [], source: 'none' };
}

/** A list of `count` members, or of `count` with one of them written twice (甲、乙、乙、丙四项). */
function fits(ctx: Context, list: Span0[], count: number): boolean {
  if (list.length === count) return true;
  return list.length === count + 1 && new Set(list.map((item) => ctx.text.slice(item.start, item.end))).size === count;
}

function readItemsOnce(ctx: Context, phrase: CountedPhrase, options: { quoted?: boolean }): PhraseItems {
  const nested = nestedMembers(ctx, phrase);
  if (nested) return { items: nested, source: 'after' };
  const framed = listFramedBy以为(ctx, phrase);
  if (framed && framed.length === phrase.count) return { items: framed, source: 'before' };
  const levels = fusedLevels(ctx, phrase);
  if (levels) return { items: levels, source: 'levels' };
  const quotedBefore = quotedListBefore(ctx, phrase);
  if (quotedBefore) return { items: quotedBefore, source: 'before' };
  // “甲”、“乙”、两个“丙”: a label right after 、 is itself one name in a list, not the label closing it.
  const inList = ctx.text[phrase.start - 1] === '、';
  const attached = !inList && !!ctx.text[phrase.start - 1] && !/[，,。；;：:!！?？\n()（）]/.test(ctx.text[phrase.start - 1]);
  const befores: Span0[][] = [];
  if (attached) {
    const split = listEndingAt(ctx, phrase.start);
    if (split) befores.push(split);
    if (split && fits(ctx, split, phrase.count)) return { items: split, source: 'before' };
    // The same list with a last member joined by 和/与 kept whole (建设与交通局), read only when it can differ.
    const whole = split && /和|与|及/.test(ctx.text.slice(split[0].start, phrase.start)) ? listEndingAt(ctx, phrase.start, false) : null;
    if (whole) befores.push(whole);
    if (whole && fits(ctx, whole, phrase.count)) return { items: whole, source: 'before' };
  }
  const previous = listInClauseBefore(ctx, phrase);
  if (previous) return { items: previous, source: 'before' };
  const afters = listsStartingAfter(ctx, phrase.end);
  for (const after of afters) if (fits(ctx, after, phrase.count)) return { items: after, source: 'after' };
  const later = introducedLater(ctx, phrase);
  for (const after of later) if (fits(ctx, after, phrase.count)) return { items: after, source: 'after' };
  const colon = /^[”"]?[\u3400-\u9fff]{0,4}?(?:[:：]|——|[,，。]?即)/.test(ctx.text.slice(phrase.end, phrase.end + 8));
  const paragraph = ctx.paragraphOf(phrase.end);
  const ordinal = ordinalListAfter(ctx, phrase.end, Math.min(paragraph[1], phrase.end + 60));
  if (ordinal && ordinal.length === phrase.count) return { items: ordinal, source: 'ordinal' };
  for (const following of membersFollowing(ctx, phrase.end, phrase.count)) {
    if (following.length === phrase.count && distinct(ctx, following)) return { items: following, source: 'outline' };
  }
  // 整治占道、乱贴、噪音等9类问题: the members named, fewer than the count.
  // Only a list glued to the label (A、B、C等9类问题) or introduced by a colon right after it.
  if (phrase.count >= 3) {
    for (const list of [...befores, ...(colon ? afters.slice(0, 1) : [])]) {
      // A real list (甲、乙、丙等), not two halves of a name split at 和 (住房和城乡建设部…等).
      const listed = /[、”]/.test(ctx.text.slice(list[0].start, list[list.length - 1].end));
      if (listed && list.length >= 2 && list.length < phrase.count && endsWith等(ctx, list) && (!befores.includes(list) || list[list.length - 1].end + 1 === phrase.start)) {
        return { items: list, source: befores.includes(list) ? 'before' : 'after', partial: true };
      }
    }
  }
  // 建档立卡贫困户等4类重点对象: one member named, then 等 and the count.
  if (phrase.count >= 2 && ctx.text[phrase.start - 1] === '等' && !befores.length) {
    const single = nounChunkBefore(ctx, phrase.start - 1);
    if (single) return { items: [single], source: 'before', partial: true };
  }
  if (afters[0] && colon) return { items: afters[0], source: 'after' };
  if (ordinal && colon) return { items: ordinal, source: 'ordinal' };
  if (options.quoted) {
    const quoted = quotedAfter(ctx, phrase.end, paragraph[1]);
    if (quoted.length >= 2 && (phrase.count === 1 || quoted.length === phrase.count)) return { items: quoted, source: 'quoted' };
  }
  return { items: [], source: 'none' };
}
