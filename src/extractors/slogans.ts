import type { Context, Extractor } from '../pipeline/context';
import type { Slogan, TextItem } from '../types';
import { COUNT_CHARS } from '../util/numbers';

const QUOTED = /“([^“”\n]{2,12})”/g;
const NUMERAL = new RegExp(String.raw`[${COUNT_CHARS}]`);
const NUMERALS = new RegExp(String.raw`[${COUNT_CHARS}]`, 'g');
const COUNTED_LABEL = new RegExp(String.raw`^[${COUNT_CHARS}\d]+(?:大|个|项|条|类|种|级|张|件|支|批|方面|道|步|位)`);
const FORMULA = /^\d+(?:\+(?:\d+|N))+$/;
/** Characters after a numeral that make it a figure, not the start of a slogan part (四点二倍, 三分之一, 十月, 五年). */
const NOT_PART = /[点分倍成年月日号次届时万亿千百十]/;

/**
 * Parts of a compound numeric slogan starting at `start` (一核两带三区 → 一核, 两带, 三区): each part is a
 * numeral and one or two characters, the next part starts with a numeral, and the last ends at a token boundary.
 */
function numericParts(ctx: Context, start: number, limit: number): Array<[number, number]> {
  const { text } = ctx;
  const parts: Array<[number, number]> = [];
  let at = start;
  while (at < limit && NUMERAL.test(text[at]) && parts.length < 6) {
    let end = -1;
    for (const size of [2, 3]) {
      const next = at + size;
      if (next > limit || !/^[\u3400-\u9fff]+$/.test(text.slice(at + 1, next))) continue;
      // 一九五四年, 四点二倍: a digit of a written-out number or a unit, not a part of a slogan.
      if (NUMERAL.test(text[at + 1]) || NOT_PART.test(text[at + 1])) break;
      if (NUMERAL.test(text[next] ?? '') || (text[next] === '、' && NUMERAL.test(text[next + 1] ?? '')) || next === limit || !/[\u3400-\u9fff]/.test(text[next] ?? '') || ctx.isTokenStart(next) && parts.length >= 1) {
        end = next;
        break;
      }
    }
    if (end < 0) break;
    parts.push([at, end]);
    at = text[end] === '、' ? end + 1 : end;
    if (!NUMERAL.test(text[at] ?? '')) break;
  }
  return parts;
}

/** Tags of a quotation jieba reads as one ordinary word (“建设” vn, “蓝图”, “瓶颈” n): a word in quotes, no slogan. */
const SINGLE_WORD_TAG = /^(?:n|ng|nr|nrfg|nrt|ns|nt|nz|v|vn|vd|a|ad|an|d|m|q|t|f|s|r|p|c|u|uj|ul|i|z)$/;
/** Endings of quoted speech (“崩溃了”, “看得见的”), not of a watchword. */
const SPEECH_END = /[了吗呢吧啊呀的]$/;
const CJK_CHAR = /[\u3400-\u9fff]/g;
const SESSION = new RegExp(String.raw`^[${COUNT_CHARS}\d]+届`);
const ANY_NUMERAL = new RegExp(String.raw`[${COUNT_CHARS}]`, 'g');
/** Parts of equal standing inside one quotation: 、 or a space between words. */
const PARALLEL = /、|[\u3400-\u9fff]\s+[\u3400-\u9fff]/;

/**
 * Is the quotation at [start, end) (inside the quote marks) presented as a slogan or a goal? It must be several
 * words (not one word jieba knows, not only numerals and measure words such as “6·13”, “十四届五次”), and the text
 * must use it as one: the object of a verb (打造“…”, 实现“…”), the name of what follows (“…”行动, “…”的目标), one
 * of several quoted phrases in a row (“…”“…”, “…”、“…”), or a phrase with parallel parts of its own (“…、…”).
 */
function presentedAsSlogan(ctx: Context, start: number, end: number, measures: Set<string>): boolean {
  const { text } = ctx;
  const inner = text.slice(start, end);
  // Numerals, measure words and punctuation taken out, at least two characters of words must be left.
  // A numeric watchword (四风, 六稳) keeps a word after its numeral; a date or a session (6·13, 十四届五次) does not.
  const words = [...inner.replace(ANY_NUMERAL, '').replace(/\d/g, '')].filter((ch) => /[\u3400-\u9fff]/.test(ch) && !measures.has(ch) && !NOT_PART.test(ch));
  if (!words.length || (inner.match(CJK_CHAR) ?? []).length < 2) return false;
  if (SESSION.test(inner)) return false; // 十四届五次, 二十届三中: a congress and its plenary session
  if (SPEECH_END.test(inner)) return false;
  if (SINGLE_WORD_TAG.test(ctx.tagOf(inner))) return false;
  if (PARALLEL.test(inner)) return true; // 促一方发展、保一方平安
  if (NUMERAL.test(inner[0])) return true; // a numbered watchword: 四风, 六稳, 两个维护 are named, not quoted speech
  // One quotation of a row: the quote mark before the opening one, or after the closing one (past 、 和 与).
  if (/[”"]\s*[、和与及]?\s*$/.test(text.slice(Math.max(0, start - 3), start - 1))) return true;
  if (/^\s*[、和与及]?\s*[“"]/.test(text.slice(end + 1, end + 4))) return true;
  const before = tokenEndingAt(ctx, start - 1);
  if (before && /^v/.test(ctx.tagOf(before))) return true;
  let after = end + 1;
  if (text[after] === '的') after++;
  const next = ctx.tokenStartingAt(after);
  return Boolean(next && /^(?:n|nz|ng|vn|an|j)$/.test(ctx.tagOf(next.word)));
}

/** The token ending at `offset` (the word before an opening quote), if a token ends exactly there. */
function tokenEndingAt(ctx: Context, offset: number): string | undefined {
  for (let start = offset - 1; start >= Math.max(0, offset - 6); start--) {
    const token = ctx.tokenStartingAt(start);
    if (token) return token.end === offset ? token.word : undefined;
  }
  return undefined;
}

export const slogans: Extractor = {
  id: 'slogans',
  needs: ['frameworks', 'enumerations'],
  provides: ['slogans'],
  run(ctx) {
    const { text } = ctx;
    const found: Slogan[] = [];
    const seen = new Set<string>();
    const add = (start: number, end: number, parts: Array<[number, number]>, rule: string) => {
      const written = ctx.surface(start, end);
      if (seen.has(written)) return;
      seen.add(written);
      const items: TextItem[] = parts.length >= 2 ? parts.map(([from, to]) => ctx.item(from, to)) : [];
      found.push({ text: written, span: ctx.span(start, end), parts: items, rule });
    };
    // Label spans (working offsets) marked once: a lookup per quotation instead of a scan of every label.
    const inLabel = new Uint8Array(text.length + 1);
    for (const item of [...(ctx.found.enumerations ?? []), ...(ctx.found.frameworks ?? []).flatMap((framework) => framework.components)]) {
      inLabel.fill(1, Math.max(0, item.span[0]), Math.min(text.length, item.span[1]));
    }
    const insideLabel = (start: number) => inLabel[start] === 1;
    const quotedStarts = new Set<number>();
    const measures = new Set([...ctx.lexicon.list('measure-words'), ...ctx.lexicon.list('quantity-units')].filter((word) => word.length === 1));
    QUOTED.lastIndex = 0;
    for (let match = QUOTED.exec(text); match; match = QUOTED.exec(text)) {
      const inner = match[1];
      const start = match.index + 1;
      if (insideLabel(start) || COUNTED_LABEL.test(inner) || FORMULA.test(inner.replace(/\s/g, '')) || /[，,。；;:：!?]/.test(inner)) continue;
      quotedStarts.add(start);
      const parts = numericParts(ctx, start, start + inner.length);
      const covered = parts.length >= 2 && parts[parts.length - 1][1] === start + inner.length;
      if (covered || presentedAsSlogan(ctx, start, start + inner.length, measures)) add(start, start + inner.length, covered ? parts : [], 'slogan.quoted');
    }
    // Unquoted compounds (构建一核两带三区格局): distinct numerals, at least two parts.
    // Jump from numeral to numeral (a per-character loop allocated a string for every CJK character).
    NUMERALS.lastIndex = 0;
    for (let match = NUMERALS.exec(text); match; match = NUMERALS.exec(text)) {
      const at = match.index;
      if (!ctx.isTokenStart(at) || quotedStarts.has(at) || NUMERAL.test(text[at - 1] ?? '')) continue;
      const parts = numericParts(ctx, at, text.length);
      if (parts.length < 2) continue;
      const numerals = parts.map(([from]) => text[from]);
      if (new Set(numerals).size !== numerals.length || parts.some(([from, to]) => COUNTED_LABEL.test(text.slice(from, to + 1)))) continue;
      const end = parts[parts.length - 1][1];
      if (!insideLabel(at)) add(at, end, parts, 'slogan.numeral-compound');
      NUMERALS.lastIndex = end;
    }
    return { slogans: found };
  },
};
