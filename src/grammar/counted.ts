import type { Context } from '../pipeline/context';
import { CHINESE_NUMERAL_CHARS, COUNT_CHARS, DIGITS_1_9, parseCount } from '../util/numbers';

/** A digit after 点: a decimal (四点二), not a count. */
const DECIMAL_DIGIT = new RegExp(String.raw`[\d${COUNT_CHARS}零〇]`);
/** A word that opens with a count character. */
const OPENS_WITH_COUNT = new RegExp(String.raw`^[${COUNT_CHARS}]`);

/** A counted phrase: 三大主导产业, “两个维护”, 三个“第一步”问题, 6个独立模块. Offsets are working offsets. */
export interface CountedPhrase {
  count: number;
  /** Start of the label (an opening quote when the whole phrase is quoted). */
  start: number;
  end: number;
  /** Offset just after the measure word. */
  bodyStart: number;
  measure: string;
  /** The numeral is written in digits. */
  digits: boolean;
  quoted: boolean;
  /** Count and measure word only (换顶子、加柱子5项; “稳企十条”): a set only when its members are listed or it is a quoted name. */
  bare?: boolean;
  /**
   * The measure word is not in the measure-word list but jieba's tags show one (2/家/q, 两户/m, 九杆 with 杆/q):
   * an open class, so the phrase names a set only when its members are listed, it is quoted, or a set verb governs it.
   */
  tagged?: boolean;
  /** The label is a noun before the count (签约项目164个，包括…): `start` is that noun's start. */
  nounFirst?: boolean;
}

const OPEN_QUOTES = '“"‘';
const CLOSE_QUOTES = '”"’';
/** Ordinal or word-internal uses: 第一, 统一, 唯一, 之一 … */
const NOT_BEFORE_NUMERAL = /[第统唯之万逐同单周星礼每几多初]$/;
/** 一批, 一步, 一场: with these measure words a count of one is an article, not a number. */
const COUNTABLE_ONE = /^(?:个|项|条|类|种|张|件|方面)$/;
/** Bodies that make a count a measure of time or size, or part of a bigger whole (2个小时, 两位数, 两个多月). */
const NOT_A_SET = /^[半多]?(?:小时|月|天|日|年|周|工作日|工作小时|季度|学期|年度|年头|百分点|位数|倍)/;
/** jieba's tag of a time word (晚上, 周末, 汛期): a count of them is a duration, not a set. */
const TIME_TAG = /^(?:t|tg)$/;
/** After a numeral these make the count approximate (20余家, 90多家, 十来个): no counted label. */
const APPROXIMATE = /[余多来几数]/;
/** Tags of a character that makes a numeral into an abbreviation, not a count (两会: 会 v; 两先: 先 d). */
const NOT_MEASURE_TAG = /^(?:v|vn|vd|d|a|ad|c|u|uj|ul|uz)$/;
/** One-character verbs that are a clause's predicate, never part of a label's noun compound. */
const PREDICATE_CHAR = /^[作为是有在把将让使被给用成居列当]$/;
/** Tags of the measure character inside a quoted name (“三对关系”: 对 is tagged p): a measure, preposition or bound word. */
const QUOTED_MEASURE_TAG = /^(?:q|p|m|f|zg)$/;
/** 十九大, 二十大: party congresses, not counts. */
const CONGRESS = new RegExp(String.raw`^(?:十[${DIGITS_1_9}]|二十[一二三四五]?)大`);

/** Largest count read as a set (249条优化提升措施); past 100 the extractor wants members or a set verb. */
const MAX_COUNT = 999;

/** Where a count can start: a digit or a Chinese numeral character. */
const NUMERAL_START = new RegExp(`[0-9${CHINESE_NUMERAL_CHARS}]`, 'g');

function numeralRun(text: string, at: number): number {
  let end = at;
  if (/\d/.test(text[at])) {
    while (end < text.length && /\d/.test(text[end])) end++;
    return end;
  }
  while (end < text.length && CHINESE_NUMERAL_CHARS.includes(text[end])) end++;
  return end;
}

/** Find all counted phrases (count ≥ 1) with a measure word from the lexicon. */
export function findCountedPhrases(ctx: Context, maxBody = 10): CountedPhrase[] {
  const { text } = ctx;
  const phrases: CountedPhrase[] = [];
  const measures = ctx.lexicon.measureWords;
  const measureStarts = new Set(measures.map((word) => word[0]));
  // Jump from numeral to numeral (a per-character loop allocated a string for every CJK character).
  NUMERAL_START.lastIndex = 0;
  for (let match = NUMERAL_START.exec(text); match; match = NUMERAL_START.exec(text)) {
    const i = match.index;
    const ch = match[0];
    const isDigit = ch >= '0' && ch <= '9';
    // G326, 3.5: digits after a letter or a decimal point are a code or a fraction.
    if (i > 0 && (isDigit ? /[\d.a-zA-Z]/.test(text[i - 1]) : CHINESE_NUMERAL_CHARS.includes(text[i - 1]))) continue;
    const numEnd = numeralRun(text, i);
    if (numEnd - i > 3) continue;
    // Cheap tests first: most numerals (一 in 统一, 进一步) have no measure word after them.
    let measure = measureStarts.has(text[numEnd]) ? measures.find((word) => text.startsWith(word, numEnd)) : undefined;
    // 百里杜鹃, 千家万户: a bare 百/千 before a tagged measure word is an idiom, not a count.
    const tagged = !measure && !/[百千]/.test(text[i]) && taggedMeasure(ctx, i, numEnd, isDigit);
    if (tagged) measure = text[numEnd];
    if (!measure) {
      // 北京、上海、重庆6省（市）, 甲、乙等8市: a level word counts the places listed right before it.
      const places = placesCounted(ctx, i, numEnd);
      if (places) phrases.push(places);
      continue;
    }
    if (i > 0 && NOT_BEFORE_NUMERAL.test(text[i - 1])) continue;
    const count = parseCount(text.slice(i, numEnd));
    if (!(count >= 1) || count > MAX_COUNT || (count === 1 && !COUNTABLE_ONE.test(measure))) continue;
    if (!isDigit && !ctx.isTokenStart(i) && !OPEN_QUOTES.includes(text[i - 1] ?? '') && insideWord(ctx, i)) continue;
    if (CONGRESS.test(text.slice(i, i + 8))) continue;
    const bodyStart = numEnd + measure.length;
    if (measure === '点' && DECIMAL_DIGIT.test(text[bodyStart] ?? '')) continue; // 四点二倍: a decimal
    // 三/条例, 三/套房: the segmenter read the "measure word" as the start of a word, so it is no count.
    const after = ctx.tokenStartingAt(numEnd);
    if (!isDigit && after && after.end > bodyStart && ctx.isTokenStart(i) && ctx.tokenStartingAt(i)?.end === numEnd && !measures.includes(after.word) && (ctx.tagOf(after.word) || 'x') !== 'x') continue;
    // 两位数 reads from the measure word, 2个小时 from the body after it.
    if (NOT_A_SET.test(text.slice(numEnd, numEnd + 4)) || NOT_A_SET.test(text.slice(bodyStart, bodyStart + 4))) continue;
    // 三个晚上, 两个汛期: a time word right after the measure word.
    const firstBodyWord = ctx.tokenStartingAt(bodyStart)?.word;
    const inQuotes = OPEN_QUOTES.includes(text[i - 1] ?? '');
    if (firstBodyWord && !inQuotes && TIME_TAG.test(ctx.tagOf(firstBodyWord) || 'x') && !nounAfter(ctx, bodyStart + firstBodyWord.length)) continue;
    // An open-class measure word counts a noun (两户村民, 三幅图景), not an act (“四维协同”), and no other count.
    if (tagged && !(firstBodyWord && /^n[rstz]?$/.test(ctx.tagOf(firstBodyWord) || 'x'))) continue;
    if (ctx.lexicon.titles.some((title) => text.startsWith(title, bodyStart))) continue; // 二级巡视员 is a rank
    const quotedWhole = i > 0 && OPEN_QUOTES.includes(text[i - 1]);
    let end = bodyStart;
    let quoted = quotedWhole;
    if (quotedWhole) {
      // “两个维护”: the label runs to the closing quote.
      const close = text.slice(bodyStart, bodyStart + 16).search(/[”"’]/);
      if (close < 1 || /[、，,。；;]/.test(text.slice(bodyStart, bodyStart + close))) continue;
      end = bodyStart + close + 1;
    } else {
      if (OPEN_QUOTES.includes(text[end])) {
        // 三个“第一步”问题: a quoted body, then up to a few more characters.
        const close = text.slice(end + 1, end + 16).search(/[”"]/);
        if (close < 0) continue;
        end = end + 1 + close + 1;
        quoted = true;
      }
      end = extendBody(ctx, end, bodyStart + maxBody + (quoted ? 8 : 0));
      if (end === bodyStart && tagged) {
        // An open-class measure word needs its noun (2家, 两户 alone are quantities).
        NUMERAL_START.lastIndex = numEnd;
        continue;
      }
      if (end === bodyStart) {
        const nounFirst = countAfterNoun(ctx, i, bodyStart);
        // A count without a body names a set only as the end of a quoted or titled name (“稳企十条”,
        // 《…100条》) or right after the list it counts (换顶子、加柱子、打底子5项).
        const open = /[“《][^“”《》，。；、]{1,24}$/.exec(text.slice(Math.max(0, i - 25), i));
        if (open && /[”》]/.test(text[bodyStart] ?? '')) {
          phrases.push({ count, start: i - open[0].length, end: bodyStart + 1, bodyStart, measure, digits: isDigit, quoted: true, bare: true });
        } else if (/^[:：]/.test(text.slice(bodyStart, bodyStart + 1)) && /、/.test(text.slice(bodyStart, bodyStart + 40))) {
          // 品质优三方面：环境优、服务优、配套优 — the members follow the colon.
          phrases.push({ count, start: i, end: bodyStart, bodyStart, measure, digits: isDigit, quoted: false, bare: true });
        } else if (/[\u3400-\u9fff”]/.test(text[i - 1] ?? '') && /、[^，,。；;：:、]{1,24}$/.test(text.slice(Math.max(0, i - 60), i))) {
          phrases.push({ count, start: i, end: bodyStart, bodyStart, measure, digits: isDigit, quoted: false, bare: true });
        } else if (nounFirst !== null) {
          phrases.push({ count, start: nounFirst, end: bodyStart, bodyStart, measure, digits: isDigit, quoted: false, bare: true, nounFirst: true });
        }
        NUMERAL_START.lastIndex = numEnd;
        continue;
      }
    }
    if (/^[”"]?之一/.test(text.slice(end, end + 3))) continue; // 十大…之一: one of a set, not the set
    if (tagged && /[\d一二两三四五六七八九十]/.test(text.slice(bodyStart, end))) continue; // “两代人一件事三十年”: a phrase, not a label
    phrases.push({ count, start: quotedWhole ? i - 1 : i, end, bodyStart, measure, digits: isDigit, quoted, ...(tagged ? { tagged } : {}) });
    NUMERAL_START.lastIndex = numEnd;
  }
  return phrases;
}

/**
 * A measure word outside the list that jieba's tags show: the character after the numeral is a token of its own
 * tagged `q` (2/家/单位, 3/名/代表), or jieba reads numeral and character as one numeral token (两户, 三幅 → m;
 * an unknown 九杆 when 杆 alone is `q`). Inside a quoted name a function character between the count and a noun
 * counts too (“三对关系”, 对 tagged p). Units that measure time, money or size (count-units) never do.
 */
function taggedMeasure(ctx: Context, at: number, numEnd: number, isDigit: boolean): boolean {
  const { text } = ctx;
  const ch = text[numEnd];
  if (!ch || !/[\u3400-\u9fff]/.test(ch) || APPROXIMATE.test(ch) || ctx.lexicon.set('count-units').has(ch)) return false;
  const own = ctx.tokenStartingAt(numEnd);
  if (own && own.end === numEnd + 1) {
    const tag = ctx.tagOf(ch) || 'x';
    if (tag === 'q') return true;
    return !isDigit && OPEN_QUOTES.includes(text[at - 1] ?? '') && QUOTED_MEASURE_TAG.test(tag) && nounsUpToCloseQuote(ctx, numEnd + 1);
  }
  const fused = isDigit ? undefined : ctx.tokenStartingAt(at);
  if (!fused || fused.end !== numEnd + 1) return false;
  const tag = ctx.tagOf(fused.word) || 'x';
  // 两会, 两先, 四维: jieba also fuses a numeral with a verb or adverb into a numeric abbreviation.
  if (NOT_MEASURE_TAG.test(ctx.tagOf(ch) || 'x')) return false;
  return tag === 'm' || (tag === 'x' && ctx.tagOf(ch) === 'q');
}

/** Does a noun start at `at` (6个未来产业: the time word 未来 modifies it)? */
function nounAfter(ctx: Context, at: number): boolean {
  const token = ctx.tokenStartingAt(at);
  return !!token && /^[\u3400-\u9fff]+$/.test(token.word) && /^n/.test(ctx.tagOf(token.word) || 'x');
}

/** A one-character level word (省, 市, 县 …) from the levels list. */
function isLevelChar(ctx: Context, ch: string | undefined): boolean {
  return !!ch && ch.length === 1 && ctx.lexicon.set('levels').has(ch);
}

/**
 * 北京、上海、重庆6省（市）, 甲、乙等8市: a count in digits glued to a 、-list (or its 等), then a one-character level
 * word and maybe the other levels in brackets. The label is the count, the level word and the brackets; it is a set
 * only when the list gives its members (listed-measure-words).
 */
function placesCounted(ctx: Context, at: number, numEnd: number): CountedPhrase | null {
  const { text } = ctx;
  if (!/\d/.test(text[at]) || !isLevelChar(ctx, text[numEnd]) || !/[\u3400-\u9fff]/.test(text[at - 1] ?? '')) return null;
  // 4部门, 8市政府: the level character opens a longer word, which is the counted noun.
  const own = ctx.tokenStartingAt(numEnd);
  if (own && own.end > numEnd + 1) return null;
  if (!/、[^，,。；;：:、\n]{1,24}$/.test(text.slice(Math.max(0, at - 60), at))) return null;
  const count = Number(text.slice(at, numEnd));
  if (!(count >= 2 && count <= 100)) return null;
  let end = numEnd + 1;
  const brackets = /^[（(][\u3400-\u9fff、]{1,6}[）)]/.exec(text.slice(end, end + 10));
  if (brackets && [...brackets[0].slice(1, -1).replace(/、/g, '')].every((ch) => isLevelChar(ctx, ch))) end += brackets[0].length;
  return { count, start: at, end, bodyStart: numEnd + 1, measure: text[numEnd], digits: true, quoted: false, bare: true };
}

/** Do nominal tokens run from `from` to a closing quote (at most 8 characters)? */
function nounsUpToCloseQuote(ctx: Context, from: number): boolean {
  let at = from;
  while (at - from <= 8) {
    if (at > from && CLOSE_QUOTES.includes(ctx.text[at] ?? '')) return true;
    const token = ctx.tokenStartingAt(at);
    if (!token || !/^[\u3400-\u9fff]+$/.test(token.word) || !/^n/.test(ctx.tagOf(token.word) || 'x')) return false;
    at = token.end;
  }
  return false;
}

/** What introduces the members of a count written after its noun (签约项目164个，包括…; 政策26条。包括：…). */
const MEMBERS_INTRODUCED = /^[，,。]?(?:包括|分别是|分别为|主要有|主要包括|其中包括|即)/;

/**
 * 签约项目164个，包括甲、乙…: a count with no body right after a noun, its members introduced next. Returns the
 * start of the noun (the label runs from it to the measure word), or null.
 */
function countAfterNoun(ctx: Context, at: number, bodyStart: number): number | null {
  if (!MEMBERS_INTRODUCED.test(ctx.text.slice(bodyStart, bodyStart + 6))) return null;
  let start = at;
  for (let from = at - 1; from >= 0 && at - from <= 8; from--) {
    if (!ctx.isTokenStart(from)) continue;
    const token = ctx.tokenStartingAt(from);
    if (!token || token.end !== start || !/^[\u3400-\u9fff]+$/.test(token.word) || !/^(?:n|nz|vn|j|l)$/.test(ctx.tagOf(token.word) || 'x')) break;
    start = from;
  }
  return at - start >= 2 ? start : null;
}

/**
 * 3个5000亿元级产业集群: an amount in digits with its units (m/q tokens) inside a label, then the noun it grades.
 * Returns the offset after the units, or null when no noun follows.
 */
function gradedAmountEnd(ctx: Context, from: number, limit: number): number | null {
  let at = from;
  while (at < limit) {
    const token = ctx.tokenStartingAt(at);
    if (!token || !/^(?:m|q)$/.test(ctx.tagOf(token.word) || 'x')) break;
    at = token.end;
  }
  // A grade ends in 级 (5000亿元级); 146公里道路 is a second quantity, not part of the label.
  if (at === from || !ctx.text.slice(from, at).endsWith('级')) return null;
  const noun = ctx.tokenStartingAt(at);
  return noun && /^[\u3400-\u9fff]+$/.test(noun.word) && NOUN_LIKE.test(ctx.tagOf(noun.word) || 'x') ? at : null;
}

/** Extend a label body token by token until punctuation, a stop word, or the length limit. */
/** Tags a label may continue with after its first word: nouns and nominal verbs (两级部署模式, 七大短板). */
const NOUN_LIKE = /^(?:n|nr|ns|nt|nz|nrt|nrfg|ng|vn|an|j|eng|x)$/;

function extendBody(ctx: Context, from: number, limit: number): number {
  const { text } = ctx;
  const stops = ctx.lexicon.set('label-stops');
  let end = from;
  let previousStart = from;
  while (end < text.length && end < limit) {
    const token = ctx.tokenStartingAt(end);
    // Inside a token (五项原则: the body starts mid-word) the rest of that token is one word.
    let rest = end + 1;
    while (!token && rest < text.length && rest - end < 6 && !ctx.isTokenStart(rest)) rest++;
    const word = token ? token.word : text.slice(end, rest);
    if (token && /^\d+(?:\.\d+)?$/.test(word)) {
      const graded = gradedAmountEnd(ctx, token.end, limit + 8);
      if (graded === null) break;
      limit += graded - end;
      end = graded;
      continue;
    }
    if (!/^[\u3400-\u9fff]+$/.test(word)) break;
    // 7类突出问题: right after the measure word, a stop word that modifies the head noun ending the clause is inside
    // the label (a bare measure word needs its noun; 3个县开展试点 already has one).
    // Further in, a two-character verb among the stop words right after another verb modifies the noun too
    // (249条优化提升措施); after a noun it is the predicate (3个县开展试点).
    const afterVerb = end > from && word.length >= 2 && /^v/.test(ctx.tagOf(text.slice(previousStart, end)) || 'x');
    if (stops.has(word) && !((end === from || afterVerb) && headNounEndsClause(ctx, end + word.length, limit + 4))) break;
    if (OPENS_WITH_COUNT.test(word) && end > from) break;
    if (token && token.end > limit) break;
    // The label stops where the sentence's verb or adverb begins (五个维度构成…, 两条底线共守…); a verb or an
    // unknown word inside a noun compound (运营指挥中心, 管控智慧系统) is kept when a noun follows it.
    if (end > from && !NOUN_LIKE.test(ctx.tagOf(word) || 'x')) {
      const next = ctx.tokenStartingAt(end + word.length);
      const tag = (ctx.tagOf(word) || 'x');
      // A one-character predicate verb (作, 为, 居) is never inside a compound (2家单位作发言, 产量居全国); other
      // one-character verbs may be (三条文化带建设).
      let compound = /^(?:v|x|a|b|m|q)$/.test(tag) && !PREDICATE_CHAR.test(word) && next && next.end <= limit && /^[\u3400-\u9fff]+$/.test(next.word) && NOUN_LIKE.test((ctx.tagOf(next.word) || 'x'));
      // 3个千亿元级集群: a number and its measure inside the label, then a noun.
      if (!compound && /^(?:m|q)$/.test(tag) && next && /^(?:m|q)$/.test((ctx.tagOf(next.word) || 'x'))) {
        const third = ctx.tokenStartingAt(next.end);
        compound = !!third && third.end <= limit + 4 && NOUN_LIKE.test((ctx.tagOf(third.word) || 'x'));
        if (compound) limit += 4;
      }
      if (!compound) break;
    }
    previousStart = end;
    end += word.length;
  }
  return end;
}

/** Is the token at `at` a noun that ends its clause (punctuation or the text's end right after it)? */
function headNounEndsClause(ctx: Context, at: number, limit: number): boolean {
  const next = ctx.tokenStartingAt(at);
  if (!next || next.end > limit || !/^[\u3400-\u9fff]+$/.test(next.word) || !/^n/.test(ctx.tagOf(next.word) || 'x')) return false;
  return next.end >= ctx.text.length || /[，,。；;：:！？!?\n]/.test(ctx.text[next.end]);
}

/** A member of a list in working offsets. */
interface Member {
  start: number;
  end: number;
}

/** The token that ends exactly at `end` (looking back at most 8 characters), if any. */
function tokenEndingAt(ctx: Context, end: number): { word: string; start: number; end: number } | undefined {
  for (let at = end - 1; at >= 0 && end - at <= 8; at--) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    return token && token.end === end ? token : undefined;
  }
  return undefined;
}

/** Tags of a word that can name a level of its own before 级 (园区/n 企业/n 两级, 省厅/j). */
const LEVEL_WORD_TAG = /^(?:n|ns|nt|nz|j)$/;

/**
 * The levels a count names, written right before it: level words from the lexicon, each may be fused to the next
 * (县乡两级, 市区两级 → 市, 区, 街道社区两级) or set off by 、 (市、区两级); before 级, other short nouns as jieba
 * tags them (园区企业两级). Exactly `count` of them, and no level word right before the first.
 */
export function levelMembers(ctx: Context, phrase: CountedPhrase): Member[] | null {
  const { text } = ctx;
  if (phrase.quoted && text[phrase.start] === '“') return null;
  const levels = ctx.lexicon.list('levels');
  const read = (nouns: boolean): Member[] | null => {
    const members: Member[] = [];
    let at = phrase.start;
    while (members.length < phrase.count) {
      if (members.length && text[at - 1] === '、') at--;
      let start = -1;
      if (nouns) {
        const token = tokenEndingAt(ctx, at);
        if (token && token.word.length <= 2 && /^[\u3400-\u9fff]+$/.test(token.word) && LEVEL_WORD_TAG.test(ctx.tagOf(token.word) || 'x')) start = token.start;
      }
      const level = start < 0 ? levels.find((word) => text.startsWith(word, at - word.length)) : undefined;
      if (level) start = at - level.length;
      if (start < 0) break;
      members.unshift({ start, end: at });
      at = start;
    }
    if (members.length !== phrase.count) return null;
    if (text[at - 1] === '、') return null; // a longer list: the count is not of these
    const before = text.slice(at - 2, at);
    if (levels.some((word) => before.endsWith(word))) return null;
    if (nouns) {
      const previous = tokenEndingAt(ctx, at);
      if (previous && LEVEL_WORD_TAG.test(ctx.tagOf(previous.word) || 'x')) return null;
    }
    return members;
  };
  // Other nouns only for 两级 or a 、-list: 二级航道, 三级医院 are grades.
  const levelsNamed = phrase.measure === '级' && (text[phrase.start] === '两' || text[phrase.start - 2] === '、' || text[phrase.start - 3] === '、');
  return read(false) ?? (levelsNamed ? read(true) : null);
}

export function isCloseQuote(ch: string | undefined): boolean {
  return ch !== undefined && CLOSE_QUOTES.includes(ch);
}

/**
 * Is the Chinese numeral at `at` (not a token start) inside a word the segmenter knows (统一, 进一步, 万一)?
 * A numeral glued to a verb or adjective in an unknown token (做优三大, 品质优三方面) is a count.
 */
function insideWord(ctx: Context, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 8 && !ctx.isTokenStart(start)) start--;
  const token = ctx.tokenStartingAt(start);
  if (!token || token.end <= at) return true;
  return (ctx.tagOf(token.word) || 'x') !== 'x';
}
