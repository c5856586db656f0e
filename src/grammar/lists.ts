import type { Context } from '../pipeline/context';
import { COUNT_CHARS, DIGITS_1_9 } from '../util/numbers';

/** Clause punctuation or 等 followed by a count inside a member: not a list member. */
const CLAUSE_OR_COUNT = new RegExp(String.raw`[，,。；;]|等[${COUNT_CHARS}\d]`);
/** A count and measure word that the last member runs into (…三大). */
const COUNTED_TAIL = new RegExp(String.raw`[${COUNT_CHARS}\d]+[大个项条类种]`);

/** A quoted number and the verb that glosses it (“2”指, “N”即): not part of a list member. */
const GLOSS_OPENING = /^.*[“"‘][0-9A-Za-z]{1,3}[”"’](?:是指|指的是|就是|是|即|指|为)/;

/** lastIndexOf that looks back at most `max` characters from `at` (an unbounded search per label is quadratic). */
export function lastIndexWithin(text: string, word: string, at: number, max: number): number {
  const from = Math.max(0, at - max);
  const found = text.slice(from, at + word.length).lastIndexOf(word);
  return found < 0 ? -1 : from + found;
}

/** A list member in working offsets. */
export interface Span0 {
  start: number;
  end: number;
}

const CLAUSE_BREAK = /[，,。；;：:！!？?\n()（）]/;
const MAX_ITEM = 24;

/** Trim lead-in words off the start of a member, token by token. */
function trimLeadIn(ctx: Context, start: number, end: number, keep = 2, verbs = false): number {
  const leadIns = ctx.lexicon.set('list-lead-ins');
  let at = start;
  while (at < end) {
    const token = ctx.tokenStartingAt(at);
    // Before a 、-list a verb, adverb, preposition or conjunction is the sentence, not the first member (补齐规划设计、…);
    // members that are clauses (一是打通…) keep their verb.
    const leadIn = token && (leadIns.has(token.word) || (verbs && /^(?:v|d|p|c|ad|vd)$/.test((ctx.tagOf(token.word) || 'x'))));
    if (!token || token.end > end || !leadIn) break;
    if (end - token.end < keep) break;
    at = token.end;
  }
  return at;
}

function trimTail(ctx: Context, start: number, end: number): number {
  const text = ctx.text.slice(start, end);
  for (const stop of ctx.lexicon.list('list-tail-stops')) {
    const at = text.indexOf(stop);
    if (at > 0) return start + at;
  }
  return end;
}

/**
 * Split [start, end) at separators. A separator inside a quotation that closes before `end` does not split
 * (“因地制宜、一户一策”、“公平公正、阳光操作”). `splitAnd`: a last member joined with 和/及/与 is two members.
 */
function splitMembers(ctx: Context, start: number, end: number, separators = /[、]/, splitAnd = true): Span0[] {
  const { text } = ctx;
  const members: Span0[] = [];
  // Quotations hide their separators only when there are separators outside them too.
  const outside = text.slice(start, end).replace(/“[^“”]{0,40}”/g, '');
  const quoteAware = separators.test(outside);
  let from = start;
  for (let i = start; i <= end; i++) {
    if (quoteAware && i < end && text[i] === '“') {
      const close = text.indexOf('”', i + 1);
      if (close > i && close < end && close - i <= 40) {
        i = close;
        if (text[i + 1] === '“') {
          // “提示单”“警示单”: adjacent quoted members.
          members.push({ start: from, end: i + 1 });
          from = i + 1;
        }
        continue;
      }
    }
    if (i === end || separators.test(text[i])) {
      members.push({ start: from, end: i });
      from = i + 1;
    } else if (text[i] === '”' && text[i + 1] === '“') {
      members.push({ start: from, end: i + 1 });
      from = i + 1;
    }
  }
  const last = members[members.length - 1];
  if (last && splitAnd) {
    const m = /^(.{2,}?)(?:以及|和|及|与)(.{1,})$/.exec(text.slice(last.start, last.end));
    // Quotations split only outside them (“甲”和“乙”, “2”是在甲和乙), never inside one (“甲和乙”).
    const opened = (m?.[1].match(/“/g) ?? []).length - (m?.[1].match(/”/g) ?? []).length;
    if (m && (members.length >= 2 || m[2].length >= 2) && opened === 0) {
      members.pop();
      members.push({ start: last.start, end: last.start + m[1].length });
      members.push({ start: last.end - m[2].length, end: last.end });
    }
  }
  return members.filter((member) => member.end > member.start);
}

function stripQuotes(ctx: Context, member: Span0): Span0 {
  let { start, end } = member;
  const inner = () => ctx.text.slice(start, end);
  for (;;) {
    if (start < end && /[“"《]/.test(ctx.text[start]) && !/[”"》]/.test(inner().slice(1, -1)) && (/[”"》]/.test(ctx.text[end - 1]) || !/[”"》]/.test(inner()))) {
      start++;
      if (/[”"》]/.test(ctx.text[end - 1] ?? '')) end--;
    } else if (start < end && /[”"》]/.test(ctx.text[end - 1]) && !/[“"《]/.test(inner())) {
      end--;
    } else {
      return { start, end };
    }
  }
}

/** Pick the first member's start: trim lead-in words, then prefer a token suffix close to the others' length. */
function fitFirst(ctx: Context, first: Span0, others: Span0[]): Span0 {
  const lengths = others.map((m) => m.end - m.start);
  // Members that are verb phrases (换屋顶、加圈梁): the first one keeps its verb too. Checked only when a verb
  // was trimmed (each tag lookup may be a dictionary call).
  const keep = Math.max(1, Math.min(4, ...lengths) - 1);
  let start = trimLeadIn(ctx, first.start, first.end, keep, true);
  const withoutVerbs = trimLeadIn(ctx, first.start, first.end, keep, false);
  if (start > withoutVerbs) {
    const verbal = others.every((m) => {
      const word = ctx.tokenStartingAt(m.start)?.word ?? '';
      return m.end - m.start > word.length && /^[\u3400-\u9fff]+$/.test(word) && (word.length === 1 || /^(?:v|vd)$/.test(ctx.tagOf(word) || 'x'));
    });
    if (verbal) start = withoutVerbs;
  }
  // 处理好三对关系：发展与安全、…: right after a colon the sentence has already ended, so no word there is a lead-in.
  if (/[：:]/.test(ctx.text[first.start - 1] ?? '')) start = first.start;
  // 周总理从农业、工业、…: a preposition inside the first member ends the sentence part before it.
  for (let at = start; at < first.end; at++) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > first.end - 2) break;
    if (/^(?:从|以|在|对|把|将|向|由|按照|围绕|通过)$/.test(token.word) && (ctx.tagOf(token.word) || 'x') === 'p') start = token.end;
  }
  // 以稻、虾、菇: a one-character preposition fused with a short first member by the segmenter.
  if (first.end - start >= 2 && /[以在把将对从为]/.test(ctx.text[start]) && !ctx.isTokenStart(start + 1) && first.end - start - 1 <= Math.max(...lengths)) start++;
  const longest = Math.max(...lengths);
  if (first.end - start > longest + 2) {
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    let best = start;
    // Cut only after a verb, preposition or particle (流程涉及|新区审批局), never inside a name joined by 与/和 (生物医药与健康).
    let previous: string | null = null;
    for (let at = start; at < first.end; at++) {
      if (!ctx.isTokenStart(at)) continue;
      // The length test first: a tag lookup is a dictionary call for a word not seen before.
      const closer = Math.abs(first.end - at - mean) < Math.abs(first.end - best - mean);
      const cuttable = closer && previous !== null && /^[\u3400-\u9fff]+$/.test(previous) && (ctx.text[at] === '“' || (!/^(?:与|和|及|同)$/.test(previous) && /^(?:v|a|p|d|c|u|uj|ul|r|vd|ad|x)$/.test((ctx.tagOf(previous) || 'x'))));
      if (cuttable) best = at;
      previous = ctx.tokenStartingAt(at)?.word ?? null;
    }
    // No verb to cut after (全县重点整治占道经营): any token start whose suffix has about the others' length,
    // but never one that opens with 与/和 or splits a name joined by them.
    let fitted = false;
    if (Math.abs(first.end - best - mean) > 1) {
      previous = null;
      for (let at = start; at < first.end; at++) {
        if (!ctx.isTokenStart(at)) continue;
        const word = ctx.tokenStartingAt(at)?.word ?? '';
        const prefix = ctx.text.slice(start, at);
        const insideBrackets = (prefix.match(/[(（“]/g) ?? []).length !== (prefix.match(/[)）”]/g) ?? []).length;
        const joined = insideBrackets || /[(（)）”]/.test(ctx.text[at]) || /^(?:与|和|及|同)/.test(word) || (previous !== null && /^(?:与|和|及|同)$/.test(previous));
        if (!joined && Math.abs(first.end - at - mean) <= 1 && Math.abs(first.end - at - mean) < Math.abs(first.end - best - mean)) {
          best = at;
          fitted = true;
        }
        previous = word || null;
      }
    }
    start = fitted ? best : trimLeadIn(ctx, best, first.end, 1, true);
  }
  return { start, end: first.end };
}

/** 民生等 → 民生: a closing 等 is not part of the last member. */
function dropClosing等(ctx: Context, members: Span0[]): Span0[] {
  const last = members[members.length - 1];
  if (last && last.end - last.start > 2 && ctx.text[last.end - 1] === '等') last.end -= ctx.text[last.end - 2] === '等' ? 2 : 1;
  return members;
}

function valid(ctx: Context, members: Span0[]): boolean {
  dropClosing等(ctx, members);
  // A member holding another counted list (细胞与基因等6个未来产业以及现代金融) is two lists run together.
  return members.length >= 2 && members.every((m) => m.end - m.start >= 1 && m.end - m.start <= MAX_ITEM && !CLAUSE_OR_COUNT.test(ctx.text.slice(m.start, m.end)));
}

/** Does a member hold a verb token (是, 践行)? */
function hasVerb(ctx: Context, member: Span0): boolean {
  for (let at = member.start; at < member.end; at++) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (token && token.end <= member.end && /^[\u3400-\u9fff]+$/.test(token.word) && /^(?:v|vshi)$/.test(ctx.tagOf(token.word) || 'x')) return true;
  }
  return false;
}

/** A 、-list that ends right before `end` (A、B、C三大主导产业). */
export function listEndingAt(ctx: Context, end: number, splitAnd = true): Span0[] | null {
  const { text } = ctx;
  let stop = end;
  // 甲、乙、丙等三类 / 甲、乙、丙这三类 / 甲、乙这些: the closing word is not part of the last member.
  const closing = /(?:等|这些|这)$/.exec(text.slice(Math.max(0, stop - 2), stop));
  if (closing) stop -= closing[0].length;
  let from = stop;
  while (from > 0 && stop - from < 120) {
    // 人工智能（软件）: a bracket closing inside a member is part of it.
    if (/[)）]/.test(text[from - 1])) {
      const open = Math.max(lastIndexWithin(text, '（', from - 1, 12), lastIndexWithin(text, '(', from - 1, 12));
      if (open >= 0 && from - open <= 12 && !/[，,。；;、]/.test(text.slice(open, from))) {
        from = open;
        continue;
      }
    }
    if (CLAUSE_BREAK.test(text[from - 1])) break;
    from--;
  }
  // “2”指甲和乙两类对象: a gloss of a formula's number opens the clause, the list starts after it.
  const gloss = GLOSS_OPENING.exec(text.slice(from, stop));
  if (gloss) from += gloss[0].length;
  const chunk = text.slice(from, stop);
  // “区—街道—社区”三级: dashes separate the members of a quoted chain.
  const dashed = !chunk.includes('、') && /“[^“”]+—[^“”]+”$/.test(chunk);
  if (!chunk.includes('、') && !/[和及与]/.test(chunk) && !chunk.includes('”“') && !dashed) return null;
  let members = splitMembers(ctx, from, stop, dashed ? /[—]/ : undefined, splitAnd);
  // Without 、 a 和 joins two short words (现场和线上); a long clause around 和 is not a list.
  if (!chunk.includes('、') && !dashed && members.some((m) => m.end - m.start > 8)) members = members.length > 2 ? members : [members[0], ...members.slice(1).filter((m) => m.end - m.start <= 8)];
  if (members.length < 2) return null;
  // …中央和国家机关是践行“两个维护”: a last member that holds the sentence's verb while the first holds none is a
  // clause, not a name (控制需求和增加供给 are two verb phrases alike).
  const pair = !chunk.includes('、') && !chunk.includes('”“') && !dashed;
  if (pair && hasVerb(ctx, members[members.length - 1]) && !hasVerb(ctx, members[0])) return null;
  members = [fitFirst(ctx, members[0], members.slice(1)), ...members.slice(1)].map((m) => stripQuotes(ctx, m));
  return valid(ctx, members) ? members : null;
}

/**
 * After an explicit intro (包括：, ：): short members separated by ，up to 。 or ；, the last one ending at 等
 * (包括：甲一天办，乙掌上办，丙即开工等；). Each member is one clause of at most 24 characters.
 */
function commaList(ctx: Context, at: number): Span0[] | null {
  const { text } = ctx;
  let end = at;
  while (end < text.length && !/[。；;\n]/.test(text[end]) && end - at < 400) end++;
  const members = splitMembers(ctx, at, end, /[，,]/, false);
  const last = members[members.length - 1];
  if (last) last.end = trimTail(ctx, last.start, last.end);
  const fitted = members.map((m) => stripQuotes(ctx, m));
  return fitted.length >= 3 && valid(ctx, fitted) ? fitted : null;
}

/** 一张, 一本, 一段: a numeral one fused with its measure word, as the segmenter cuts it. */
const ONE_MEASURE = /^一[\u3400-\u9fff]$/;

/**
 * Members that each open with “one” and a measure word (一张权责清单、一本随身携带的执法手册、一段5分钟的视频): each
 * member is the thing counted, without the 一X and without a 的-modifier before it. Null when not every member opens so.
 */
function oneEach(ctx: Context, members: Span0[]): Span0[] | null {
  if (members.length < 2) return null;
  const { text } = ctx;
  const out: Span0[] = [];
  for (const member of members) {
    const token = ctx.tokenStartingAt(member.start);
    if (!token || !ONE_MEASURE.test(token.word) || token.end >= member.end || (ctx.tagOf(token.word) || 'x') !== 'm') return null;
    let start = token.end;
    const modifier = text.slice(start, member.end).lastIndexOf('的');
    if (modifier >= 0 && member.end - (start + modifier + 1) >= 2) start += modifier + 1;
    out.push({ start, end: member.end });
  }
  return out;
}

/** Is the list closed by 等 (a partial list: 整治占道、乱贴、噪音等9类问题)? */
export function endsWith等(ctx: Context, members: Span0[]): boolean {
  const last = members[members.length - 1];
  return !!last && /^[”"]?等/.test(ctx.text.slice(last.end, last.end + 2));
}

/** （一）, 一是, 第一，, 1. opening a member. */
const ORDINAL_PREFIX = new RegExp(String.raw`^(?:[(（][${DIGITS_1_9}十\d]+[)）]|[${DIGITS_1_9}十]+是|第[${DIGITS_1_9}十]+[,，、]?|\d+[.、])\s*`);

/** Words that introduce the members right after a label. */
const INTRO = /^(?:[”"]?[\u3400-\u9fff]{0,4}?)(?:[:：]|——|[,，。]?(?:即|包括|分别是|分别为|主要是|主要有|就是|也就是|指的是|是指|指)[,，:：]?|[,，](?:是|为)?)|^[”"]?(?:是|为|有)/;

/**
 * A list that starts after `from`: in brackets (“6个模块”（A、B…）), after a colon or 即/包括/分别是, or in the
 * next clause (…三项保障，持续优化机制、重塑作风、提升能力，…). Members are split at 、, or at ；
 * when the list is a series of clauses.
 */
export function listStartingAfter(ctx: Context, from: number, splitAnd = true): Span0[] | null {
  return listsStartingAfter(ctx, from, splitAnd)[0] ?? null;
}

/**
 * Every reading of a list that starts after `from`, most likely first: bracketed members, clauses split at ；
 * (each cut to its first ，-clause), the 、-list of the next clause, and ，-members after an explicit intro.
 * Callers pick the reading whose length matches a count.
 */
export function listsStartingAfter(ctx: Context, from: number, splitAnd = true): Span0[][] {
  const { text } = ctx;
  const readings: Span0[][] = [];
  let at = from;
  if (text[at] === '”' || text[at] === '"') at++;
  if (text[at] === '(' || text[at] === '（') {
    const close = text.slice(at + 1, at + 240).search(/[)）]/);
    if (close < 0) return readings;
    const members = splitMembers(ctx, at + 1, at + 1 + close, /[、，,；;]/).map((m) => stripQuotes(ctx, m));
    if (valid(ctx, members)) readings.push(members);
    return readings;
  }
  if (/^、/.test(text.slice(at, at + 1))) return readings; // the label is itself a member of a list
  const intro = INTRO.exec(text.slice(at, at + 12));
  if (!intro) return readings;
  at += intro[0].length;
  let end = at;
  while (end < text.length && !/[。\n]/.test(text[end]) && end - at < 400) end++;
  const sentence = text.slice(at, end);
  if (sentence.includes('；') || sentence.includes(';')) {
    const members = splitMembers(ctx, at, end, /[；;]/, false).map((m) => {
      const marker = ORDINAL_PREFIX.exec(text.slice(m.start, m.end));
      const start = m.start + (marker ? marker[0].length : 0);
      const comma = text.slice(start, m.end).search(/[，,：:]/);
      const stop = comma > 0 && m.end - start > 40 ? start + comma : m.end;
      return { start: trimLeadIn(ctx, start, stop), end: stop };
    });
    if (members.length >= 2 && members.every((m) => m.end - m.start <= 40 && !/[：:]/.test(text.slice(m.start, m.end)))) readings.push(members);
  }
  end = at;
  while (end < text.length && !CLAUSE_BREAK.test(text[end]) && end - at < 160) end++;
  const chunk = text.slice(at, end);
  if (!chunk.includes('、') && !chunk.includes('”“')) {
    const commas = /[:：]|包括|——/.test(intro[0]) ? commaList(ctx, at) : null;
    if (commas) readings.push(commas);
    // 即主体责任和监督责任: two short members joined by 和 after an explicit intro.
    const pair = /^(.{2,10}?)(?:和|及|与|以及)(.{2,10})$/.exec(chunk);
    if (pair && /[:：]|即|包括|分别/.test(intro[0])) readings.push([{ start: at, end: at + pair[1].length }, { start: end - pair[2].length, end }]);
    return readings;
  }
  for (const and of splitAnd ? [true, false] : [false]) {
    const members = splitMembers(ctx, at, end, undefined, and);
    if (members.length < 2) continue; // 、 with nothing around it (，、)
    const last = members[members.length - 1];
    const single = oneEach(ctx, members);
    if (single) {
      if (valid(ctx, single) && !readings.some((r) => r.length === single.length)) readings.splice(and ? 0 : readings.length, 0, single);
      continue;
    }
    last.end = trimTail(ctx, last.start, last.end);
    const counted = COUNTED_TAIL.exec(ctx.text.slice(last.start, last.end));
    if (counted && counted.index > 0) last.end = last.start + counted.index;
    const fitted = [fitFirst(ctx, members[0], members.slice(1)), ...members.slice(1)].map((m) => stripQuotes(ctx, m));
    if (valid(ctx, fitted) && !readings.some((r) => r.length === fitted.length)) readings.splice(and ? 0 : readings.length, 0, fitted);
  }
  return readings;
}

/** 一是…十是, 第一…第十, (一)…(十), 一要…十要: the numbers 1–10 in each marker family. */
const TEN = [...DIGITS_1_9, '十'];
const ORDINAL_MARKERS = [TEN.map((n) => `${n}是`), TEN.map((n) => `第${n}`), TEN.map((n) => `(${n})`), TEN.map((n) => `${n}要`)];

/**
 * A member's sentence opening with an adverbial clause (按照…的要求，/ 以…为目标，/ 围绕…，): what it does is the
 * next clause. The opening clause is framed by a preposition and followed by more of the same sentence.
 */
const ADVERBIAL = /^(?:按照|根据|依据|依照|围绕|为了|通过|依托|结合|立足|对照|针对|遵循|本着|以)[^，,。；;！!？?\n]{2,60}?[，,](?=[\u3400-\u9fff“])/;
/** The adverbial clause closes with a frame word (…的要求, …为目标, …为抓手), not with the member's own object. */
const ADVERBIAL_END = /(?:要求|目标|为抓手|为重点|为主线|为导向|为契机|为载体|精神|部署|原则|基础上|背景下|前提下|安排|方案|规定)$/;

/** Skip an adverbial clause opening a member (按照…的要求，指导… → 指导…); `end` bounds the search. */
export function pastAdverbial(text: string, start: number, end: number): number {
  const m = ADVERBIAL.exec(text.slice(start, Math.min(end, start + 64)));
  if (!m || !ADVERBIAL_END.test(m[0].slice(0, -1))) return start;
  return start + m[0].length;
}

/** indexOf that only finds matches starting at or before `last`. */
function boundedIndexOf(text: string, word: string, from: number, last: number): number {
  if (last < from) return -1;
  const at = text.slice(from, last + word.length).indexOf(word);
  return at < 0 ? -1 : from + at;
}

/** 一是…二是…三是… (or 第一…/（一）…) after `from`: each member is the clause after its marker. */
export function ordinalListAfter(ctx: Context, from: number, limit: number): Span0[] | null {
  const { text } = ctx;
  for (const markers of ORDINAL_MARKERS) {
    // Searches are bounded by the limits (an unbounded indexOf per phrase was quadratic on long texts).
    const first = boundedIndexOf(text, markers[0], from, limit);
    if (first < 0) continue;
    const members: Span0[] = [];
    let cursor = first;
    for (const marker of markers) {
      // Each next marker within a stretch of the previous member (ten long items run well past any fixed limit).
      const at = boundedIndexOf(text, marker, cursor, Math.max(limit, cursor) + 600);
      if (at < 0) break;
      let start = at + marker.length;
      while (/[,，:：、\s]/.test(text[start] ?? '')) start++;
      start = pastAdverbial(text, start, Math.min(text.length, start + 200));
      let end = start;
      while (end < text.length && !/[，,。；;：:!！?？\n]/.test(text[end]) && end - start < 40) end++;
      start = trimLeadIn(ctx, start, end);
      members.push({ start, end });
      cursor = end;
    }
    if (members.length >= 2) return members;
  }
  return null;
}
