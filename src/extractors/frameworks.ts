import { countedPhrases, itemsFor, listBefore } from '../grammar/items';
import { lastIndexWithin, listEndingAt, listsStartingAfter, type Span0 } from '../grammar/lists';
import type { CountedPhrase } from '../grammar/counted';
import type { Context, Extractor } from '../pipeline/context';
import type { Framework, Warning } from '../types';
import { COUNT_CHARS, parseCount } from '../util/numbers';
import { bisect } from '../util/search';

/** A count and measure word in the first few characters. */
const COUNTED_OPENING = new RegExp(String.raw`^.{0,6}?[${COUNT_CHARS}\d]+(?:个|项|条|张|套|支|批|种|类|大)`);

/** A quoted name at the end of a phrase, after a 的-modifier (率先试点的“一网通办”). */
const QUOTED_HEAD = /的“([^“”]{2,12})”$/;
/** A numeral followed by a unit of time: a duration (1个月内, 三天内), not a count of things. */
const DURATION = new RegExp(String.raw`^(?:\d{1,3}|[${COUNT_CHARS}]{1,3})(?:个)?(?:月|天|日|年|周|小时|工作日|季度)`);
/** An open count written with its letter and a measure word: N个行业应用, “N”项优化要求, n项重点工作. */
const OPEN_COUNTED = /[“"]?([NnXx])[”"]?(?:个|项|条|类|种|大|家|支|批|张|套|方面|部门)/g;
/** Words that count an open number of things inside an open part's gloss (多个具体应用, 若干配套政策). */
const OPEN_QUANTIFIER = /(?:多个|多项|多种|多类|若干|一批|各类|各项|N个|X个)/;
/** A list introduced inside a gloss (包括甲、乙、丙等). */
const LIST_INTRO = /[，,]?(?:包括|涵盖|主要有|比如|例如|如)/;

/** What introduces a run of clauses, one per number, after a formula: a colon, 即, 就是, or a bare comma. */
const CLAUSES_INTRO = /^[”"]?[\u3400-\u9fff]{0,6}?(?:[：:]|[，,（(]?即[，,：:]?|[，,](?:就是|具体是|具体为)[，,：:]?|[，,])/;
/** A clause that frames one thing: 以乡村旅游为主线, 由民政部门牵头, 在龙头企业带动下. */
const FRAMED_ONE = /^(?:以|由|在|把|将)[\u3400-\u9fff“”、]{2,16}(?:为|作为|带动|引领|牵头|领导|带领|主导)/;

/** Components are looked for this far (working offsets) around a formula, and at most this many formulas per text. */
const WINDOW = 4000;
const MAX_FORMULAS = 100;

/** The first counted phrase of each paragraph, computed once (a scan per candidate was quadratic). */
function firstPhraseByParagraph(ctx: Context): Map<number, CountedPhrase> {
  return ctx.shared('frameworks:first-phrase-by-paragraph', () => {
    const first = new Map<number, CountedPhrase>();
    for (const phrase of countedPhrases(ctx)) {
      const paragraph = ctx.paragraphIndex(phrase.start);
      if (!first.has(paragraph)) first.set(paragraph, phrase);
    }
    return first;
  });
}

/** Counted phrases within WINDOW of [start, end) and not overlapping it (phrases are in text order). */
function phrasesNear(ctx: Context, start: number, end: number): CountedPhrase[] {
  const phrases = countedPhrases(ctx);
  const low = bisect(phrases.length, (i) => phrases[i].start < start - WINDOW);
  const near: CountedPhrase[] = [];
  for (let i = low; i < phrases.length && phrases[i].start < end + WINDOW; i++) {
    if (phrases[i].end <= start || phrases[i].start >= end) near.push(phrases[i]);
  }
  return near;
}

/** How likely a counted phrase names a component of a formula. */
function componentScore(ctx: Context, phrase: CountedPhrase, formulaAt: number): number {
  let score = 1;
  const paragraph = ctx.paragraphIndex(phrase.start);
  if (firstPhraseByParagraph(ctx).get(paragraph) === phrase) score += 2;
  const explainsFormula = phrase.start > formulaAt && paragraph === ctx.paragraphIndex(formulaAt);
  if (explainsFormula) score += 2.5; // “1+3”，即一个…、三大…: spelled out right after the formula.
  else if (ctx.text[phrase.start - 1] !== '为' && listBefore(ctx, phrase)) score -= 1.5; // A、B、C三大… elaborates a list; components introduce one.
  if (phrase.quoted) score += 0.5;
  score -= Math.abs(paragraph - ctx.paragraphIndex(formulaAt)) * 0.05;
  return score;
}

/** Assign counted phrases to the formula's numbers in order, maximising the total score (skips allowed). */
function assign(ctx: Context, numbers: number[], candidates: CountedPhrase[], formulaAt: number): Array<CountedPhrase | null> {
  const n = numbers.length;
  const m = candidates.length;
  const scores = candidates.map((candidate) => componentScore(ctx, candidate, formulaAt));
  // best[i][j]: best total for the first i numbers using candidates before j.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const take: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let value = Math.max(best[i][j - 1], best[i - 1][j]);
      const candidate = candidates[j - 1];
      if (candidate.count === numbers[i - 1] && scores[j - 1] > 0) {
        const withIt = best[i - 1][j - 1] + scores[j - 1];
        if (withIt > value) {
          value = withIt;
          take[i][j] = true;
        }
      }
      best[i][j] = value;
    }
  }
  const chosen: Array<CountedPhrase | null> = new Array(n).fill(null);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (take[i][j] && best[i][j] === best[i - 1][j - 1] + scores[j - 1]) {
      chosen[i - 1] = candidates[j - 1];
      i--;
      j--;
    } else if (best[i][j] === best[i][j - 1]) j--;
    else i--;
  }
  return chosen;
}

/** One explained number of a formula, before it becomes a Component. */
interface Explained {
  count: Part;
  label: Span0;
  items: Span0[];
  /** The counted phrase it came from, if any (its members were read by itemsFor). */
  phrase?: CountedPhrase;
  /** The reading that explained it (docs/rules.md). */
  rule?: string;
}

/** One part of a formula: a number, or the letter of an open count as written (upper case: N, X). */
type Part = number | string;

const isOpen = (part: Part): part is string => typeof part === 'string';

/** A formula's parts: digits as numbers, letters as written (upper case). */
function parts(formula: string): Part[] {
  return formula.split('+').map((part) => (/^\d+$/.test(part) ? Number(part) : part.toUpperCase()));
}

/** Numbers for assign(): an open part matches no counted phrase. */
const closedCounts = (numbers: Part[]) => numbers.map((value) => (isOpen(value) ? -1 : value));

/** 以党建引领为核心 → 党建引领; 在合作社带动下 → 合作社; 印发《方案》 → 《方案》; 建设一个平台 → 平台. */
function coreOf(ctx: Context, span: Span0): Span0 {
  const { text } = ctx;
  const written = text.slice(span.start, span.end);
  // 以党建引领为核心: up to 为 first (引领 is part of the name here), then 在…带动下 and the like.
  const framed = /^(?:以|把|将)(.{2,16}?)(?:为|作为)/.exec(written) ?? /^(?:以|在|由|把|将)(.{2,16}?)(?:统一|共同|直接)?(?:为|作为|带动|引领|牵头|领导|带领|主导)/.exec(written);
  if (framed) return { start: span.start + framed[0].indexOf(framed[1]), end: span.start + framed[0].indexOf(framed[1]) + framed[1].length };
  // 率先试点的“一网通办”: the quoted name a modifier describes.
  const quotedName = QUOTED_HEAD.exec(written);
  if (quotedName) return { start: span.end - quotedName[1].length - 1, end: span.end - 1 };
  let start = span.start;
  const counted = COUNTED_OPENING.exec(written);
  if (counted) start = span.start + counted[0].length;
  else {
    const verb = ctx.tokenStartingAt(start);
    if (verb && verb.end < span.end - 1 && /^(?:v|vn|p|d)$/.test((ctx.tagOf(verb.word) || 'x')) && !/[《“]/.test(verb.word)) start = verb.end;
  }
  return { start, end: span.end };
}

/**
 * A component's members, kept inside its own explanation (before `limit`, the next gloss or component): a member
 * running into the next one is dropped, 甲和乙 is split when the count needs it, and a count of one followed by
 * its clause (一个总目标，建成X) names X.
 */
function refineItems(ctx: Context, phrase: CountedPhrase, items: Span0[], limit: number): Span0[] {
  const { text } = ctx;
  let kept = items.filter((item) => item.start < limit).map((item) => ({ start: item.start, end: Math.min(item.end, limit) }));
  kept = kept.filter((item) => /[\u3400-\u9fff]/.test(text.slice(item.start, item.end)));
  // The clause right after the phrase, up to the next ；。 or the limit.
  let clauseEnd = phrase.end;
  while (clauseEnd < text.length && clauseEnd < limit && clauseEnd - phrase.end < 200 && !/[；;。\n]/.test(text[clauseEnd])) clauseEnd++;
  const lead = /^[，,：:]?(?:即|是|为|就是)?[，,：:]?/.exec(text.slice(phrase.end, clauseEnd))![0].length;
  let restStart = phrase.end + lead;
  let restEnd = clauseEnd;
  while (restEnd > restStart && /[\s，,。；;“”]/.test(text[restEnd - 1])) restEnd--;
  while (restStart < restEnd && /[“"]/.test(text[restStart])) restStart++;
  const rest = text.slice(restStart, restEnd);
  // 以甲为“1个核心”: the thing framed before the phrase is its member, whatever clause follows.
  if (phrase.count === 1 && kept.length && text[phrase.start - 1] === '为') return kept;
  if (phrase.count === 1) {
    // 一个总目标，建成X: a short label (目标, 愿景) names only the kind of thing, its clause names the thing; a longer
    // one (一个综合指挥平台，统一调度…) is the thing itself, and the clause says what it does.
    const kindOnly = text.slice(phrase.bodyStart, phrase.end).replace(/[“”"]/g, '').length <= 3;
    if (kindOnly && lead > 0 && rest.length >= 2 && rest.length <= 24 && !/[，,、：:]/.test(rest)) {
      const core = coreOf(ctx, { start: restStart, end: restEnd });
      if (core.end - core.start >= 2) return [core];
    }
    return kept;
  }
  if (kept.length < phrase.count) {
    const splitAt = kept.findIndex((item) => splitGloss(ctx, item.start, item.end, phrase.count - kept.length + 1).length > 1);
    if (splitAt >= 0) {
      const item = kept[splitAt];
      kept = [...kept.slice(0, splitAt), ...splitGloss(ctx, item.start, item.end, phrase.count - kept.length + 1), ...kept.slice(splitAt + 1)];
    } else if (!kept.length && lead > 0 && rest.length >= 4) {
      const pieces = splitGloss(ctx, restStart, restEnd, phrase.count);
      if (pieces.length === phrase.count) kept = pieces;
    }
  }
  return kept;
}

/** A gloss's lead word (即, 是, 指 …) and, before a counted phrase, the demonstrative that points at it (这一个目标). */
const GLOSS_LEAD = /^(?:即|是|指|为|就是)/;
const POINTER_BEFORE_PHRASE = /(?:这样的|这|该|此)$/;

/**
 * The one thing a gloss names before its counted phrase (“1”即建设甲这一个目标 → 建设甲): a stretch of two to 24
 * Chinese characters with no clause or list punctuation, or null.
 */
function thingBefore(text: string, start: number, end: number): Span0 | null {
  const piece = text.slice(start, end);
  const lead = GLOSS_LEAD.exec(piece)?.[0].length ?? 0;
  const pointer = POINTER_BEFORE_PHRASE.exec(piece.slice(lead))?.[0].length ?? 0;
  const thing = { start: start + lead, end: end - pointer };
  const written = text.slice(thing.start, thing.end);
  if (!pointer || written.length < 2 || written.length > 24 || /[，,、；;：:。“”"]/.test(written) || !/^[\u3400-\u9fff]/.test(written)) return null;
  return thing;
}

/** Components for a clause or gloss that explains number `count`. */
function explainClause(ctx: Context, count: Part, span: Span0): Explained | null {
  const { text } = ctx;
  let { start, end } = span;
  while (start < end && /[\s，,：:“”]/.test(text[start]) && !(text[start] === '“' && text.indexOf('”', start) < end)) start++;
  while (end > start && /[\s，,。；;]/.test(text[end - 1])) end--;
  if (end - start < 2) return null;
  if (isOpen(count)) return explainOpen(ctx, count, { start, end }, end);
  // A counted phrase with the same number inside the clause is the component (三大方面, “6个独立模块”).
  if (typeof count === 'number') {
    for (const phrase of countedPhrases(ctx)) {
      if (phrase.start >= start && phrase.end <= end + 1 && phrase.count === count) {
        let items = refineItems(ctx, phrase, itemsFor(ctx, phrase, { quoted: true }).items, span.end);
        // “1”即建设甲这一个目标: the words before the phrase in its gloss name the one thing.
        const named = !items.length && count === 1 ? thingBefore(text, start, phrase.start) : null;
        if (named) items = [named];
        if (!items.length && count === 1 && phrase.end > phrase.bodyStart && !phrase.quoted) items = [{ start: phrase.bodyStart, end: phrase.end }];
        return { count, label: { start: phrase.start, end: phrase.end }, items, phrase };
      }
    }
  }
  // “7”指“甲、乙…丙”等重点任务领域: a list closed by 等 and the name of the set after it.
  const deng = text.slice(start, end).search(/[”"]?等[\u3400-\u9fff]/);
  if (deng > 0) {
    const at = start + deng + (text[start + deng] === '等' ? 0 : 1);
    const list = listEndingAt(ctx, at + 1) ?? listEndingAt(ctx, at);
    const inner = text[at - 1] === '”' ? listInQuotes(ctx, start, at) : null;
    const members = inner ?? list;
    if (members && members.length >= 2) {
      let labelEnd = at + 1;
      while (labelEnd < end && /[\u3400-\u9fff]/.test(text[labelEnd])) labelEnd++;
      return { count, label: { start: at + 1, end: labelEnd }, items: members };
    }
  }
  const comma = text.slice(start, end).search(/[，,；;]/);
  if (comma > 0) end = start + comma;
  if (end - start > 24) return null;
  // 1个月内完成鉴定: a duration explains the number; it names no thing.
  if (DURATION.test(text.slice(start, end))) return { count, label: { start, end }, items: [] };
  if (typeof count === 'number') {
    const numeral = numeralIn(ctx, count, start, end);
    if (numeral) return numeral;
  }
  if (count === 1) {
    const core = coreOf(ctx, { start, end });
    return { count, label: { start, end }, items: core.end - core.start >= 2 ? [core] : [] };
  }
  // “2”指甲队伍和乙队伍: the gloss itself lists as many members as the number.
  const pieces = splitGloss(ctx, start, end, count);
  return { count, label: { start, end }, items: pieces.length === count ? pieces : [] };
}

/**
 * 教育、卫生、医保、水利4部门分头负责: the number written in the clause with the noun it counts (no measure word the
 * counted-phrase grammar knows), its members the list right before it.
 */
function numeralIn(ctx: Context, count: number, start: number, end: number): Explained | null {
  const { text } = ctx;
  NUMERAL_RUN.lastIndex = 0;
  const chunk = text.slice(start, end);
  for (let m = NUMERAL_RUN.exec(chunk); m; m = NUMERAL_RUN.exec(chunk)) {
    if (parseCount(m[0]) !== count) continue;
    const at = start + m.index;
    if (!standsAlone(ctx, at, m[0].length)) continue;
    const after = at + m[0].length;
    if (DURATION.test(text.slice(at, after + 4))) continue;
    // The counted noun: nominal tokens after the numeral, at most 8 characters.
    let labelEnd = after;
    while (labelEnd < end && labelEnd - after < 8) {
      const token = ctx.tokenStartingAt(labelEnd);
      if (!token || token.end > end || !/^[\u3400-\u9fff]+$/.test(token.word) || !/^(?:n|nz|nt|ng|vn|j|q)$/.test(ctx.tagOf(token.word) || 'x')) break;
      labelEnd = token.end;
    }
    if (labelEnd === after) continue;
    const list = /[\u3400-\u9fff”]/.test(text[at - 1] ?? '') ? listEndingAt(ctx, at) : null;
    return { count, label: { start: at, end: labelEnd }, items: list && list.length === count ? list : [] };
  }
  return null;
}

/** A numeral that is a word of its own (4部门, 两个), not part of one (统一, 一网通办). */
function standsAlone(ctx: Context, at: number, length: number): boolean {
  if (/\d/.test(ctx.text[at])) return !/\d/.test(ctx.text[at - 1] ?? '');
  if (!ctx.isTokenStart(at)) return false;
  const token = ctx.tokenStartingAt(at);
  if (!token) return false;
  // 三大, 两个: a numeral fused with its measure word by the segmenter is still a count.
  const rest = token.word.slice(length);
  return !rest || ctx.lexicon.measureWords.includes(rest) || /^(?:m|q|mq)$/.test(ctx.tagOf(token.word) || 'x');
}

/** A run of digits or Chinese numerals. */
const NUMERAL_RUN = new RegExp(String.raw`\d{1,3}|[${COUNT_CHARS}]{1,3}`, 'g');

/**
 * An open part explained by the text from `start` (a gloss or a clause) up to `end`: a counted phrase with its letter
 * (提出“N”项优化要求) names it; else the first clause, from an open quantifier in it (进行多个具体应用) or whole when
 * short. Its items are only the members the text lists (包括甲、乙、丙等); an open part never names one thing.
 */
function explainOpen(ctx: Context, letter: string, span: Span0, sentenceEnd: number): Explained | null {
  const { text } = ctx;
  let { start } = span;
  while (start < span.end && /[\s，,：:]/.test(text[start])) start++;
  const sentence = text.slice(start, sentenceEnd);
  const counted = openCountedIn(ctx, start, sentenceEnd);
  let label: Span0 | null = counted;
  if (!label) {
    let clauseEnd = start;
    while (clauseEnd < sentenceEnd && !/[，,；;。\n]/.test(text[clauseEnd])) clauseEnd++;
    while (clauseEnd > start && /[\s”"]/.test(text[clauseEnd - 1]) && !(text[clauseEnd - 1] === '”' && lastIndexWithin(text, '“', clauseEnd, clauseEnd - start) >= start)) clauseEnd--;
    const quantifier = OPEN_QUANTIFIER.exec(text.slice(start, clauseEnd));
    if (quantifier) label = { start: start + quantifier.index, end: clauseEnd };
    else if (clauseEnd - start >= 2 && clauseEnd - start <= 30) label = { start, end: clauseEnd };
  }
  if (!label || label.end - label.start < 2) return null;
  let items: Span0[] = [];
  const intro = LIST_INTRO.exec(sentence.slice(label.end - start));
  if (intro) {
    const at = label.end + intro.index;
    const list = listsStartingAfter(ctx, at).find((reading) => reading.length >= 2);
    if (list && list[0].start - at <= 8) items = list;
  }
  return { count: letter, label, items };
}

/** The first counted phrase with an open letter (N个行业应用) in [from, to), to the end of its nominal words. */
function openCountedIn(ctx: Context, from: number, to: number): Span0 | null {
  const { text } = ctx;
  OPEN_COUNTED.lastIndex = 0;
  const chunk = text.slice(from, to);
  for (let m = OPEN_COUNTED.exec(chunk); m; m = OPEN_COUNTED.exec(chunk)) {
    const at = from + m.index;
    if (/[A-Za-z0-9]/.test(text[at - 1] ?? '') || (text[at] !== '“' && text[at] !== '"' && /[A-Za-z]/.test(text[at + 1] ?? ''))) continue;
    const bodyStart = at + m[0].length;
    let end = bodyStart;
    while (end < to && end - bodyStart < 10 && /[\u3400-\u9fff]/.test(text[end])) {
      const token = ctx.tokenStartingAt(end);
      const word = token && token.end <= to ? token.word : text[end];
      // A verb closes the label unless it ends the clause (N个行业应用。) or a noun follows it (N个应用场景建设).
      const tag = ctx.tagOf(word) || 'x';
      if (end > bodyStart && /^(?:d|p|c|u|uj|ul|r)$/.test(tag)) break;
      if (end > bodyStart && /^v/.test(tag) && tag !== 'vn' && /[\u3400-\u9fff]/.test(text[end + word.length] ?? '')) {
        const next = ctx.tokenStartingAt(end + word.length);
        if (!next || !/^n/.test(ctx.tagOf(next.word) || 'x')) break;
      }
      end += word.length;
    }
    if (end > bodyStart) return { start: at, end };
  }
  return null;
}

/** “甲、乙、丙”: the 、-members inside a quotation ending at `close` (the closing quote). */
function listInQuotes(ctx: Context, from: number, close: number): Span0[] | null {
  const open = lastIndexWithin(ctx.text, '“', close, close - from);
  if (open < from) return null;
  const members: Span0[] = [];
  let at = open + 1;
  for (let i = open + 1; i <= close - 1; i++) {
    if (i === close - 1 || /[、]/.test(ctx.text[i])) {
      const end = i === close - 1 ? close - 1 : i;
      const m = /^(.+?)(?:以及|和|及)(.+)$/.exec(ctx.text.slice(at, end));
      if (i === close - 1 && m && members.length) {
        members.push({ start: at, end: at + m[1].length }, { start: end - m[2].length, end });
      } else if (end > at) members.push({ start: at, end });
      at = i + 1;
    }
  }
  return members.length >= 2 ? members : null;
}

/** “1”即…，“3”是…，“N”指…: a number in quotes and the verb that glosses it. */
const GLOSS = /[“"‘]([0-9]{1,3}|[A-Za-z])[”"’](?:是|即|指|为|代表|就是|是指|指的是)[，,：:]?/g;

/**
 * “1”即…，“3”是…，“N”指…: a gloss per number after a mention, in its paragraph or the next, or further on when each
 * gloss opens a paragraph of its own (“1”是… ⏎ … ⏎ “2”是… ⏎ “X”就是…).
 */
function glosses(ctx: Context, numbers: Part[], from: number): Explained[] {
  const { text } = ctx;
  const paragraph = ctx.paragraphIndex(from);
  const limitParagraph = ctx.paragraphs[Math.min(ctx.paragraphs.length - 1, paragraph + 1)];
  const limit = Math.min(limitParagraph ? limitParagraph[1] : text.length, from + 600);
  const farParagraph = ctx.paragraphs[Math.min(ctx.paragraphs.length - 1, paragraph + 12)];
  const far = Math.max(limit, Math.min(farParagraph ? farParagraph[1] : text.length, from + 3000));
  const chunk = text.slice(from, far);
  const open = numbers.filter(isOpen);
  const found: Array<{ value: Part; start: number; end: number }> = [];
  const seen = new Map<Part, number>();
  GLOSS.lastIndex = 0;
  for (let m = GLOSS.exec(chunk); m; m = GLOSS.exec(chunk)) {
    const start = from + m.index;
    // Past the next paragraph a gloss must open a paragraph (the layout of a formula explained section by section).
    if (start >= limit && !opensParagraph(ctx, start)) break;
    let value: Part = /\d/.test(m[1]) ? Number(m[1]) : m[1].toUpperCase();
    // “N”即… for 1+X: the one open part, whatever letter its gloss uses.
    if (isOpen(value) && !numbers.includes(value) && open.length === 1) value = open[0];
    // The same number glossed again beyond its occurrences: another formula's explanation.
    const times = seen.get(value) ?? 0;
    if (times >= Math.max(1, numbers.filter((n) => n === value).length) && start >= limit) break;
    seen.set(value, times + 1);
    found.push({ value, start, end: start + m[0].length });
  }
  // One gloss explains a formula of one number, or its open part (“X”即X个特色产业配套政策): a letter glossed is no accident.
  if (found.length < 2 && !(found.length === 1 && (numbers.length === 1 || isOpen(found[0].value)))) return [];
  // The first gloss must come soon after the mention (the text goes on to explain it).
  if (found[0].start - from > 200) return [];
  const explained: Explained[] = [];
  found.forEach((gloss, index) => {
    if (!numbers.includes(gloss.value)) return;
    const next = index + 1 < found.length ? found[index + 1].start : far;
    let end = gloss.end;
    // Up to the next gloss, and never past the gloss's sentence (；ends it only for the last gloss of a run).
    const last = index + 1 >= found.length || ctx.paragraphIndex(found[index + 1].start) !== ctx.paragraphIndex(gloss.start);
    while (end < next && end - gloss.end < 300 && !(last ? /[。；;\n]/ : /[。\n]/).test(text[end])) end++;
    // One gloss for two equal numbers (“1”即甲和乙) is split; a gloss of its own for each is not.
    const occurrences = numbers.filter((n) => n === gloss.value).length;
    const glossed = found.filter((other) => other.value === gloss.value).length;
    const times = glossed >= occurrences ? 1 : occurrences - glossed + 1;
    const pieces = times > 1 ? splitGloss(ctx, gloss.end, end, times) : [{ start: gloss.end, end }];
    for (const piece of pieces) {
      const component = isOpen(gloss.value) ? explainOpen(ctx, gloss.value, piece, piece.end) : explainClause(ctx, gloss.value, piece);
      if (component) explained.push(component);
    }
  });
  return explained;
}

/** Does `at` open a paragraph (only spaces before it on its line)? */
function opensParagraph(ctx: Context, at: number): boolean {
  let before = at;
  while (before > 0 && /[ \t\u3000]/.test(ctx.text[before - 1])) before--;
  return before === 0 || ctx.text[before - 1] === '\n';
}

/**
 * The thing a name for a count of one stands for: 以党群服务中心为核心 → 党群服务中心; 社会组织辅助 → 社会组织 (a
 * two-character verb closing a longer name is its role, not its name).
 */
function nameCore(ctx: Context, span: Span0): Span0 {
  const core = coreOf(ctx, span);
  if (core.start !== span.start || core.end !== span.end) return core;
  const last = span.end - 2;
  if (last - span.start >= 4 && ctx.isTokenStart(last)) {
    const token = ctx.tokenStartingAt(last);
    if (token && token.end === span.end && /^(?:v|vn)$/.test(ctx.tagOf(token.word) || 'x')) return { start: span.start, end: last };
  }
  return span;
}

/** “1”即甲和乙 for 1+1: the gloss split at 和/、/，into as many pieces as the number occurs. */
function splitGloss(ctx: Context, start: number, end: number, times: number): Span0[] {
  while (end > start && /[，,。；;\s]/.test(ctx.text[end - 1])) end--;
  const written = ctx.text.slice(start, end);
  for (const separator of [/，|,/, /、/, /和|以及|及/]) {
    const pieces = written.split(separator);
    if (pieces.length === times) {
      const spans: Span0[] = [];
      let at = start;
      for (const piece of pieces) {
        const offset = ctx.text.indexOf(piece, at);
        spans.push({ start: offset, end: offset + piece.length });
        at = offset + piece.length;
      }
      return spans;
    }
  }
  return [{ start, end }];
}

/** 构建“1+1+1+N”体系，即“党组织+议事会+监事会+各类协会”: names joined by plus signs spell the formula out; a name for one or for the open count is its own item. */
function plusNames(ctx: Context, numbers: Part[], mentionEnd: number, mentionStart = mentionEnd): Explained[] {
  const { text } = ctx;
  // “党建引领+网格治理+志愿服务”的“1+1+1”模式: the names come right before the formula.
  const before = /“((?:[^+＋﹢➕“”，。；\n]{1,16}[+＋﹢➕]){1,9}[^+＋﹢➕“”，。；\n]{1,16})”(?:的|即|这一|这个)?[“"]?$/.exec(text.slice(Math.max(0, mentionStart - 120), mentionStart));
  if (before) {
    const names = before[1].split(/[+＋﹢➕]/);
    if (names.length === numbers.length && !names.some((name) => /^\s*[\dNnXx]+\s*$/.test(name))) {
      let at = mentionStart - before[0].length + 1;
      return names.map((name, index) => {
        const span = { start: at, end: at + name.length };
        at += name.length + 1;
        const count = numbers[index];
        return { count, label: span, items: count === 1 ? [nameCore(ctx, span)] : [] };
      });
    }
  }
  const window = text.slice(mentionEnd, mentionEnd + 120);
  const m = /^[”"]?[\u3400-\u9fff]{0,8}?[，,：:]?(?:即|就是|也就是|：|:)[“"]?((?:[^+＋﹢➕“”，。；\n]{1,16}[+＋﹢➕]){1,9}[^+＋﹢➕“”，。；\n]{1,16})/.exec(window);
  if (!m) return [];
  const names = m[1].split(/[+＋﹢➕]/);
  if (names.length !== numbers.length) return [];
  let at = mentionEnd + m.index + m[0].length - m[1].length;
  return names.map((name, index) => {
    const span = { start: at, end: at + name.length };
    at += name.length + 1;
    const count = numbers[index];
    return { count, label: span, items: count === 1 ? [nameCore(ctx, span)] : [] };
  });
}

/** 以民宿为主线，以茶、笋、菌三大产业为支撑: after a colon, as many clauses as the formula has numbers. */
function clauseRun(ctx: Context, numbers: Part[], mentionEnd: number, afterComma: boolean): Explained[] {
  const { text } = ctx;
  const window = text.slice(mentionEnd, mentionEnd + 12);
  const colon = CLAUSES_INTRO.exec(window);
  if (!colon) return [];
  // After a bare comma (坚持“1+3”思路，以…为主线，…) every clause must show its number: the count written in it, or
  // for a one a frame (以…为, 由…牵头).
  const bare = !/[：:即是]/.test(colon[0]);
  if (bare !== afterComma) return [];
  let end = mentionEnd + colon[0].length;
  const start = end;
  // A bracketed explanation (“1+1+4”思路（即…）) ends at its bracket.
  const bracketed = /[（(]/.test(colon[0]);
  while (end < text.length && !(bracketed ? /[。\n）)]/ : /[。\n]/).test(text[end]) && end - start < 300) end++;
  const clauses: Span0[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || /[，,；;]/.test(text[i])) {
      if (i > from) clauses.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (clauses.length !== numbers.length) return [];
  if (bare && !clauses.every((clause, index) => showsNumber(ctx, numbers[index], clause))) return [];
  return clauses.flatMap((clause, index) => explainClause(ctx, numbers[index], clause) ?? []);
}

/** Does a clause show the number it explains (the count written in it; 以…为 or 由…牵头 for a one; any text for an open part)? */
function showsNumber(ctx: Context, count: Part, clause: Span0): boolean {
  if (isOpen(count)) return true;
  const written = ctx.text.slice(clause.start, clause.end);
  if (count === 1 && FRAMED_ONE.test(written)) return true;
  NUMERAL_RUN.lastIndex = 0;
  for (let m = NUMERAL_RUN.exec(written); m; m = NUMERAL_RUN.exec(written)) if (parseCount(m[0]) === count && standsAlone(ctx, clause.start + m.index, m[0].length)) return true;
  return false;
}

/** 聚焦智能装备和精细化工“1+1”产业定位: a list just before the mention, one member per number. */
function membersBefore(ctx: Context, numbers: Part[], mentionStart: number): Explained[] {
  if (numbers.some((n) => n !== 1)) return [];
  const at = ctx.text[mentionStart - 1] === '“' ? mentionStart - 1 : mentionStart;
  const list = listEndingAt(ctx, at);
  if (!list || list.length !== numbers.length) return [];
  return list.map((member) => ({ count: 1, label: member, items: [member] }));
}

/** Counted phrases that follow the mention in its paragraph (一个总目标 … 三项保障), assigned in order. */
function countedAfter(ctx: Context, numbers: Part[], start: number, end: number): Explained[] {
  const here = ctx.paragraphIndex(start);
  const paragraph = ctx.paragraphs[here];
  // The next paragraph counts too when the mention ends its paragraph (…“1+3+3+3”发展思路。 then the explanation).
  const near = phrasesNear(ctx, start, end);
  // The next paragraph is read when no counted phrase follows the mention in its own; but unless the mention
  // ends its paragraph (…“1+3”发展思路。), a phrase from there needs an explicit link like any unexplained one.
  const rest = paragraph ? ctx.text.slice(end, paragraph[1]) : '';
  const endsParagraph = paragraph && (/^[”"]?[\u3400-\u9fff]{0,8}[。：:]?$/.test(rest) || !near.some((phrase) => phrase.start >= end && phrase.start < paragraph[1]));
  const strictlyEnds = /^[”"]?[\u3400-\u9fff]{0,8}[。：:]?$/.test(rest);
  const candidates = near.filter((phrase) => {
    const at = ctx.paragraphIndex(phrase.start);
    if (at === here) return phrase.start >= end || sameSentence(ctx, phrase.end, start);
    return endsParagraph && at === here + 1;
  });
  const chosen = assign(ctx, closedCounts(numbers), candidates, start);
  // Some numbers left unexplained: keep only phrases the text links to the formula — an intro right after it
  // (即, ：, 包括), quotes, or a shared name (“3+1”住房保障专班 … 三级住房保障专班).
  const complete = chosen.every((phrase, index) => phrase || isOpen(numbers[index]));
  const elsewhere = !strictlyEnds && chosen.some((phrase) => phrase && ctx.paragraphIndex(phrase.start) !== here);
  // A run of counted phrases that repeats the formula's numbers in order (1, 3, 2 → 一个…, 三大…, 两项…) with no other
  // counted phrase between them is its own link, wherever the run stands; one counted number is no such run.
  const positions = chosen.map((phrase) => (phrase ? candidates.indexOf(phrase) : -1)).filter((at) => at >= 0);
  const sequence =
    complete &&
    numbers.filter((value) => !isOpen(value)).length >= 2 &&
    positions.every((at, index) => index === 0 || at === positions[index - 1] + 1);
  if ((!complete || elsewhere) && !sequence) {
    // The words right after the formula, up to the end of its clause.
    let clauseEnd = end;
    while (clauseEnd < ctx.text.length && clauseEnd - end < 16 && !/[，,。；;：:\n]/.test(ctx.text[clauseEnd])) clauseEnd++;
    const after = ctx.text.slice(end, clauseEnd + 1);
    const introduced = /^[”"]?[\u3400-\u9fff]{0,8}?(?:[:：]|[，,]?(?:即|包括|就是|分别是))/.test(after);
    chosen.forEach((phrase, index) => {
      if (!phrase || introduced || phrase.quoted) return;
      const label = ctx.text.slice(phrase.bodyStart, Math.min(phrase.end + 6, ctx.paragraphs[ctx.paragraphIndex(phrase.start)][1]));
      let shared = false;
      for (let i = 0; i + 4 <= label.length && !shared; i++) shared = after.includes(label.slice(i, i + 4));
      if (!shared) chosen[index] = null;
    });
  }
  return chosen.flatMap((phrase, index) => {
    if (!phrase) return [];
    const next = chosen.slice(index + 1).find((other) => other);
    let items = refineItems(ctx, phrase, itemsFor(ctx, phrase, { quoted: true }).items, next ? next.start : ctx.text.length);
    // 一个城市数字底座: a single component is its own item.
    if (!items.length && phrase.count === 1 && !phrase.quoted && phrase.end > phrase.bodyStart) items = [{ start: phrase.bodyStart, end: phrase.end }];
    return [{ count: numbers[index], label: { start: phrase.start, end: phrase.end }, items, phrase }];
  });
}

function sameSentence(ctx: Context, from: number, to: number): boolean {
  return from <= to && !/[。！!？?\n]/.test(ctx.text.slice(from, to));
}

/**
 * The first counted phrases of the document's paragraphs (section openings) that match every number in order:
 * a formula named once as the summary of sections that each open with its component (一个总目标 … 三项保障).
 */
function sectionOpenings(ctx: Context, numbers: Part[], start: number, end: number): Explained[] {
  // A single counted number has no shape to match: one section opening is no link to the formula (“3+X” … 三项保障).
  if (numbers.filter((value) => !isOpen(value)).length < 2) return [];
  const chosen = assign(ctx, closedCounts(numbers), phrasesNear(ctx, start, end), start);
  if (!chosen.every((phrase, index) => phrase || isOpen(numbers[index]))) return [];
  const openings = firstPhraseByParagraph(ctx);
  if (!chosen.every((phrase) => !phrase || openings.get(ctx.paragraphIndex(phrase.start)) === phrase)) return [];
  // Sections follow one another, each opening with its component in its first sentence; counted phrases scattered
  // over unrelated paragraphs (十个产业 … three paragraphs later 三大…服务业) are no summary of one formula.
  const taken = chosen.filter((phrase): phrase is CountedPhrase => !!phrase);
  const paragraphsOf = taken.map((phrase) => ctx.paragraphIndex(phrase.start));
  if (paragraphsOf.some((at, index) => index > 0 && at - paragraphsOf[index - 1] > 2)) return [];
  if (!taken.every((phrase) => !/[。！!？?]/.test(ctx.text.slice(ctx.paragraphOf(phrase.start)[0], phrase.start)))) return [];
  return chosen.flatMap((phrase, index) => {
    if (!phrase) return [];
    let { items } = itemsFor(ctx, phrase, { quoted: true });
    if (!items.length && phrase.count === 1 && !phrase.quoted && phrase.end > phrase.bodyStart) items = [{ start: phrase.bodyStart, end: phrase.end }];
    return [{ count: numbers[index], label: { start: phrase.start, end: phrase.end }, items, phrase }];
  });
}

/** The best explanation of one mention: the reading that explains the most numbers. */
function explainMention(ctx: Context, numbers: Part[], start: number, end: number): Explained[] {
  const readings: Array<[string, Explained[]]> = [
    ['component.gloss', glosses(ctx, numbers, end)],
    ['component.plus-names', plusNames(ctx, numbers, end, start)],
    ['component.clause-run', clauseRun(ctx, numbers, end, false)],
    ['component.counted-after', countedAfter(ctx, numbers, start, end)],
    // After a bare comma the clause run comes second to the counted phrases it usually holds.
    ['component.clause-run', clauseRun(ctx, numbers, end, true)],
    ['component.list-before', membersBefore(ctx, numbers, start)],
    ['component.section-openings', sectionOpenings(ctx, numbers, start, end)],
  ];
  let best: Explained[] = [];
  for (const [rule, reading] of readings) if (reading.length > best.length) best = reading.map((component) => ({ ...component, rule }));
  return withOpenPart(ctx, numbers, best, start, end);
}

/**
 * An open part the chosen reading left unexplained, read around the components it found: a counted phrase with the
 * letter in the same sentence (…四方面核心应用以及N个行业应用), or, when the components precede the formula in its
 * sentence, the one clause between the last of them and the formula (以甲为“1个核心”，以乙为“2个重点”，丙深度参与，打造“1+2+N”…).
 */
function withOpenPart(ctx: Context, numbers: Part[], explained: Explained[], start: number, end: number): Explained[] {
  const { text } = ctx;
  const slot = numbers.findIndex(isOpen);
  if (slot < 0 || !explained.length || explained.some((component) => isOpen(component.count))) return explained;
  if (numbers.filter(isOpen).length !== 1 || explained.length !== numbers.length - 1) return explained;
  const letter = numbers[slot] as string;
  const lastLabel = explained.reduce((far, component) => Math.max(far, component.label.end), 0);
  const insert = (component: Explained) => [...explained.slice(0, slot), component, ...explained.slice(slot)];
  if (lastLabel > end) {
    // The letter's phrase after the last component, in its sentence.
    let sentenceEnd = lastLabel;
    while (sentenceEnd < text.length && sentenceEnd - lastLabel < 200 && !/[。！!？?\n]/.test(text[sentenceEnd])) sentenceEnd++;
    const counted = openCountedIn(ctx, lastLabel, sentenceEnd);
    return counted ? insert({ count: letter, label: counted, items: [], rule: 'component.open-part' }) : explained;
  }
  // Components before the formula: the clause between the last one and the clause holding the formula.
  let clauseStart = start;
  while (clauseStart > 0 && start - clauseStart < 40 && !/[，,；;。\n]/.test(text[clauseStart - 1])) clauseStart--;
  if (!/[，,；;]/.test(text[clauseStart - 1] ?? '') || slot !== numbers.length - 1) return explained;
  const between = text.slice(lastLabel, clauseStart - 1);
  const lead = /^[^，,；;。]{0,3}[，,；;]/.exec(between);
  if (!lead) return explained;
  const from = lastLabel + lead[0].length;
  const to = clauseStart - 1;
  const clause = text.slice(from, to);
  if (to - from < 2 || to - from > 20 || /[，,；;。！？!?\d]/.test(clause)) return explained;
  return insert({ count: letter, label: { start: from, end: to }, items: [], rule: 'component.open-part' });
}

/** `+ ＋ ﹢ ➕` with optional spaces between parts: digits (multi-digit) or an open count N/n/X. */
const FORMULA_ANY = /(?:\d{1,3}|[NnXx])(?:[ \t\u3000]{0,3}[+＋﹢➕][ \t\u3000]{0,3}(?:\d{1,3}|[NnXx])){1,9}/g;

export const frameworks: Extractor = {
  id: 'frameworks',
  needs: [],
  provides: ['frameworks'],
  run(ctx) {
    const { text } = ctx;
    const warnings: Warning[] = [];
    // Every mention of each formula, in text order.
    const mentions = new Map<string, Array<[number, number]>>();
    FORMULA_ANY.lastIndex = 0;
    for (let match = FORMULA_ANY.exec(text); match; match = FORMULA_ANY.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (/[\dA-Za-z.]/.test(text[start - 1] ?? '') || /[\dA-Za-z.%]/.test(text[end] ?? '') || !/\d/.test(match[0]) || !/^\d/.test(match[0])) continue;
      const formula = match[0].replace(/[\s\u3000]/g, '').replace(/[＋﹢➕]/g, '+').toUpperCase();
      const list = mentions.get(formula) ?? [];
      if (!list.length && mentions.size >= MAX_FORMULAS) break;
      if (list.length < 20) list.push([start, end]);
      mentions.set(formula, list);
    }
    const found: Framework[] = [];
    for (const [formula, spans] of mentions) {
      const numbers = parts(formula);
      // A heading often names the formula first and the text explains it later: keep the best-explained mention.
      let best: Explained[] = [];
      // The mention each component explains: its evidence next to its own label.
      const explainedAt = new Map<Explained, [number, number]>();
      for (const [start, end] of spans) {
        const explained = explainMention(ctx, numbers, start, end);
        for (const component of explained) explainedAt.set(component, [start, end]);
        if (explained.length > best.length) best = explained;
      }
      // “13+63” read digit by digit (一个…、三专…、六个…、三个…) when the parts as written explain nothing.
      if (!best.length && numbers.some((n) => typeof n === 'number' && n >= 10)) {
        const digits = numbers.flatMap((n): Part[] => (typeof n === 'number' ? [...String(n)].map(Number) : [n]));
        for (const [start, end] of spans) {
          const explained = explainMention(ctx, digits, start, end);
          for (const component of explained) explainedAt.set(component, [start, end]);
          if (explained.length > best.length && explained.length >= digits.length - 1) best = explained;
        }
      }
      const components = best.map((component) => {
        const { count, label, items } = component;
        if (typeof count === 'number' && count > 1 && items.length && items.length !== count) {
          warnings.push({
            code: 'count-mismatch',
            message: `${ctx.surface(label.start, label.end)} says ${count} but ${items.length} items are listed`,
            span: ctx.span(label.start, label.end),
          });
        }
        return { count, label: ctx.surface(label.start, label.end), span: ctx.span(label.start, label.end), items: items.map((item) => ctx.item(item.start, item.end)), rule: component.rule, evidence: [ctx.span(label.start, label.end), ctx.span(...explainedAt.get(component)!)] };
      });
      const [start, end] = spans[0];
      found.push({ formula, span: ctx.span(start, end), components, rule: 'framework.plus-formula' });
    }
    return { frameworks: found, warnings };
  },
};
