import type { Context, Extractor } from '../pipeline/context';
import type { Quantity, Span } from '../types';
import { escapeRegExp, perLexicon } from '../lexicon/word-lists';
import { COUNT_CHARS } from '../util/numbers';

/** Longest noun read after a unit: a counted noun phrase is short (重点企业, 规上工业企业, 就业岗位). */
const MAX_NOUN = 8;
/** Tags of words that can end a noun phrase: nouns, nominal verbs and adjectives, abbreviations, unknown words. */
const NOUN_TAG = /^(?:n|nz|ng|nt|ns|nr|an|j|x|b|zg)$/;
const PROPER_TAG = /^(?:ns|nr|nt)$/;
/**
 * Tags of words that may stand before the head noun (新 企业, 就业 岗位, 建设 资金) but never end the phrase; a verb
 * after the noun (企业 上市, 乡镇 开展) is the predicate, so the phrase has ended.
 */
const MODIFIER_TAG = /^(?:a|v|vn)$/;
const STARTS_WITH_NUMERAL = new RegExp(String.raw`^[${COUNT_CHARS}\d]`);
const CJK = /^[\u3400-\u9fff]+$/;

interface Piece {
  start: number;
  end: number;
  word: string;
}

/**
 * The noun a quantity counts: the noun phrase right after the unit, ending where the phrase ends (22家重点企业 →
 * 重点企业). Read from the tokens the pipeline already cut and their tags: a numeral starts a new count (100个样本
 * 四是…), a word of the noun-stop list ends it (40名时, 3000人次以上), a verb after a noun ends it (5个乡镇开展…),
 * and the phrase is cut back to its last noun. Returns the end offset, or `unitEnd` when no noun follows.
 */
function nounEnd(ctx: Context, unitEnd: number, stops: ReadonlySet<string>): number {
  const { text } = ctx;
  const pieces: Piece[] = [];
  let at = unitEnd;
  // The unit may be fused with what follows in one token (家 + 规上 → 家规 | 上): the rest of that token is a piece.
  if (!ctx.isTokenStart(at)) {
    let next = at;
    while (next < text.length && !ctx.isTokenStart(next) && next - unitEnd < 3) next++;
    pieces.push({ start: at, end: next, word: text.slice(at, next) });
    at = next;
  }
  while (at < text.length && at - unitEnd < MAX_NOUN) {
    const token = ctx.tokenStartingAt(at);
    if (!token) break;
    pieces.push({ start: token.start, end: token.end, word: token.word });
    at = token.end;
  }
  let end = unitEnd;
  // A noun has been read: a verb from here on is the predicate.
  let sawNoun = false;
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i];
    if (!CJK.test(piece.word) || piece.end - unitEnd > MAX_NOUN) break;
    if (stops.has(piece.word)) break;
    let tag = ctx.tagOf(piece.word);
    // A numeral that is not part of a noun (四是 …, 三年) starts a new count; 百分点, 千米 are nouns.
    if (STARTS_WITH_NUMERAL.test(piece.word) && !/^n/.test(tag)) break;
    // A one-character remainder of a fused token reads as a word only with the token after it (规 + 上 → 规上).
    if (i === 0 && piece.start === unitEnd && !ctx.isTokenStart(unitEnd) && pieces[1] && CJK.test(pieces[1].word)) {
      const joined = { start: piece.start, end: pieces[1].end, word: piece.word + pieces[1].word };
      const joinedTag = ctx.tagOf(joined.word);
      if (NOUN_TAG.test(joinedTag) && !stops.has(pieces[1].word)) {
        piece = joined;
        tag = joinedTag;
        i++;
      }
    }
    // A place, organisation or person name heads a phrase or modifies the noun after it (31个省区市, 5个北京企业);
    // after the noun it is a mis-tagged predicate (企业 上市 ns).
    if (PROPER_TAG.test(tag) && sawNoun) break;
    if (NOUN_TAG.test(tag) || (tag === '' && piece.word.length >= 2)) {
      sawNoun = true;
      end = piece.end;
    } else if (MODIFIER_TAG.test(tag) && !(tag !== 'a' && sawNoun)) continue;
    // A nominal verb between two nouns is part of a compound noun (责任 管理 网格), not a predicate.
    else if (tag === 'vn' && pieces[i + 1] && /^(?:n|ng|nz)$/.test(ctx.tagOf(pieces[i + 1].word))) continue;
    else break;
  }
  return end;
}

export const quantities: Extractor = {
  id: 'quantities',
  needs: ['frameworks', 'enumerations'],
  provides: ['quantities'],
  run(ctx) {
    const { text } = ctx;
    const enumerated = new Set((ctx.found.enumerations ?? []).map((item) => item.span[0]));
    for (const framework of ctx.found.frameworks ?? []) for (const component of framework.components) enumerated.add(component.span[0]);
    const found: Quantity[] = [];
    // The same figure said again (22家重点企业 in the lead and in the body) is one item with every mention.
    const byKey = new Map<string, Quantity>();
    // Units and noun stops come from data/quantity-units.txt and data/quantity-noun-stops.txt.
    const QUANTITY = perLexicon(ctx.lexicon, 'quantities:pattern', () => new RegExp(`(\\d{1,15}(?:\\.\\d{1,15})?)(多|余)?(万|亿)?(${ctx.lexicon.list('quantity-units').map(escapeRegExp).join('|')})`, 'g'));
    const nounStops = ctx.lexicon.set('quantity-noun-stops');
    QUANTITY.lastIndex = 0;
    for (let match = QUANTITY.exec(text); match; match = QUANTITY.exec(text)) {
      const start = match.index;
      if (/[\d.]/.test(text[start - 1] ?? '') || /^\d{4}$/.test(match[1]) && match[4] === '年') continue;
      if (enumerated.has(ctx.span(start, start + 1)[0])) continue;
      const unitEnd = start + match[0].length;
      const end = nounEnd(ctx, unitEnd, nounStops);
      const multiplier = match[3] === '万' ? 1e4 : match[3] === '亿' ? 1e8 : 1;
      const value = Number(match[1]) * multiplier;
      const noun = end > unitEnd ? ctx.surface(unitEnd, end) : null;
      const span: Span = ctx.span(start, end);
      const key = `${value}\u0000${match[4]}\u0000${noun ?? ''}`;
      const earlier = byKey.get(key);
      if (earlier) {
        earlier.spans.push(span);
        continue;
      }
      const quantity: Quantity = { text: ctx.surface(start, end), value, unit: match[4], noun, span, spans: [[span[0], span[1]]], rule: 'quantity.number-unit' };
      byKey.set(key, quantity);
      found.push(quantity);
    }
    return { quantities: found };
  },
};
