/**
 * Name grammar: where a person's name starts and ends next to a title. Evidence, strongest first: the title right
 * before (or right after) the name, jieba's segmentation and tags (a name piece is tagged nr, nrfg, nrt or x; after a
 * title also n, ns or nz: 江平, 黄河, 高峰 are given names too), the words that can follow a name (function, time and
 * role words, punctuation, a title head, a photo credit). Word lists come from data/ files via `lexicon.list`.
 * All offsets are UTF-16 offsets in the working text (`ctx.text`).
 */
import type { Lexicon } from '../lexicon';
import type { Context } from '../pipeline/context';
import { isCommonWordTag } from '../segment/types';
import { escapeRegExp } from '../lexicon/word-lists';

/** Is this string one word jieba knows as something other than a name (强调 v, 关于 p, 信箱 n)? */
function isCommonWord(ctx: Context, word: string): boolean {
  return isCommonWordTag(ctx.tagOf(word));
}

/** One alternation, longest words first, anchored at the start. */
function startsWithAny(words: readonly string[]): RegExp {
  const sorted = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  return sorted.length ? new RegExp(`^(?:${sorted.map(escapeRegExp).join('|')})`) : /(?!)/;
}

/** The compiled name grammar of one lexicon. */
export interface NameGrammar {
  /** A title head starts the string. */
  titleAtStart: RegExp;
  /** A title head ends the string. */
  titleAtEnd: RegExp;
  /** All title heads, global, for scanning. */
  titleHead: RegExp;
  /** Something that may follow a name starts the string: boundary, function or time word, role verb. */
  follower: RegExp;
  /** A photo credit starts the string (摄, 摄影 …), spaces allowed before it. */
  credit: RegExp;
  /** Single characters that end a name rather than finish it (同, 等, 说 …). */
  functionChars: Set<string>;
  /** Characters of transliterated names. */
  transliteration: Set<string>;
  /** Lead-in words cut off the front of a title chain. */
  leadIns: Set<string>;
  /** Given-name parts that are really words (同志, 主持 …), at the start. */
  notGiven: RegExp;
  /** A boundary word of two or more characters (日前, 今天, 同时) starts the string. */
  boundaryWord: RegExp;
}

const grammarCache = new WeakMap<Lexicon, NameGrammar>();

/** Build (once per lexicon) the regexes and sets the name grammar uses. */
export function nameGrammar(lexicon: Lexicon): NameGrammar {
  let grammar = grammarCache.get(lexicon);
  if (grammar) return grammar;
  const titles = lexicon.titles.map(escapeRegExp).join('|');
  const boundaries = [...lexicon.roleBoundaries, ...lexicon.list('name-boundaries')];
  const roleWords = lexicon.roles.map((role) => role.regex.source);
  const followers = [...boundaries.sort((a, b) => b.length - a.length).map(escapeRegExp), ...roleWords].join('|');
  grammar = {
    titleAtStart: new RegExp(`^(?:${titles})`),
    titleAtEnd: new RegExp(`(?:${titles})$`),
    titleHead: new RegExp(`(?:${titles})`, 'g'),
    follower: new RegExp(`^(?:${followers})`),
    credit: new RegExp(`^[ \\u3000]?(?:${lexicon.list('photo-credits').map(escapeRegExp).join('|') || '(?!)'})(?![\\u3400-\\u9fff])`),
    functionChars: new Set(lexicon.list('name-boundaries').filter((word) => word.length === 1)),
    transliteration: new Set(lexicon.list('transliteration-chars').join('')),
    leadIns: new Set(lexicon.list('title-lead-ins')),
    notGiven: startsWithAny(lexicon.list('not-given-names')),
    boundaryWord: startsWithAny(lexicon.list('name-boundaries').filter((word) => word.length >= 2)),
  };
  grammarCache.set(lexicon, grammar);
  return grammar;
}

const CJK = /^[\u3400-\u9fff]$/;
const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);
/** Ideographs outside the BMP (extensions B–H, U+20000–U+3FFFF: 王𪚥) take two UTF-16 units. */
const ASTRAL_CJK = /^[\u{20000}-\u{3FFFF}]$/u;
/** A variation selector (U+FE00–FE0F, U+E0100–E01EF) belongs to the character before it. */
const VARIATION = /^(?:[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF])/;

/**
 * End of the name character starting at `at`: one unit, or a surrogate pair, plus any variation selectors after it.
 * Names are measured in these characters, so a rare ideograph or a selected glyph neither lengthens nor cuts a name.
 */
export function charEnd(text: string, at: number): number {
  let end = at + 1;
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff && /[\uDC00-\uDFFF]/.test(text[at + 1] ?? '')) end = at + 2;
  for (let vs = VARIATION.exec(text.slice(end, end + 2)); vs; vs = VARIATION.exec(text.slice(end, end + 2))) end += vs[0].length;
  return end;
}

/** Is the character starting at `at` an ideograph that can be part of a name (BMP or astral)? */
function isNameCharAt(text: string, at: number): boolean {
  if (isCjk(text[at])) return true;
  const point = text.codePointAt(at);
  return point !== undefined && point > 0xffff && ASTRAL_CJK.test(String.fromCodePoint(point));
}
/** Punctuation, digits, Latin letters and line ends close a name. */
const CLOSER = /^(?:[，,。、；;:：！!？?\s()（）“”"‘’《》【】\[\]<>〈〉0-9０-９A-Za-z—…]|[〇一二三四五六七八九十廿卅]{1,3}[日号]|$)/;
const SEPARATORS = '·•・‧．.-';
/**
 * Stand-ins a lost middle dot was garbled into by a wrong encoding (谢尔盖?拉夫罗夫, the replacement character): a
 * separator only between transliterated parts, the first of two or more characters (阿卜杜拉?本?扎耶德).
 */
const GARBLED = '?？\uFFFD';
const NAME_TAG = /^(?:x|nr|nrfg|nrt)$/;
/** After a title a two-character word jieba knows as a noun or place is still a name (江平, 黄河, 高峰). */
const NOUN_TAG = /^(?:n|ns|nz|nt|ng)$/;
/** After a title and before a list separator or boundary word, an adjective or other content word is a given name too (严明、). */
const WORD_NAME_TAG = /^(?:a|ad|an|i|l|v|vn)$/;
/** Tags of single characters that open the next clause word, never finish a given name (互, 因, 将). */
const CLAUSE_TAG = /^(?:d|p|c|u|ud|uj|ul|uz|ug|uv)$/;
/** Last characters of a body's name (宣讲团, 工作组, 突击队): after a known word they end a body, not a name. */
const BODY_END = /^[团组队会部局委办处科室站所院校厂社]$/;
/** Particles that follow words, not names: 商量过 is a verb and its particle. */
const PARTICLE = /^[过着了地的得]$/;

function surnameLength(lexicon: Lexicon, text: string, at: number): number {
  if (lexicon.compoundSurnames.has(text.slice(at, at + 2))) return 2;
  return lexicon.surnames.has(text[at]) ? 1 : 0;
}

/** Does the text at `end` close a name: punctuation, a following word, a title head or a photo credit? */
export function endsName(ctx: Context, end: number): boolean {
  const { text } = ctx;
  const grammar = nameGrammar(ctx.lexicon);
  const after = text.slice(end, end + 8);
  return CLOSER.test(after) || grammar.follower.test(after) || grammar.titleAtStart.test(after) || grammar.credit.test(after);
}

/** Is the name at [start, end) a photographer's credit (张三摄)? */
export function isPhotoCredit(ctx: Context, end: number): boolean {
  return nameGrammar(ctx.lexicon).credit.test(ctx.text.slice(end, end + 4));
}

/** Every character an ideograph (variation selectors allowed after one). */
function allCjk(text: string): boolean {
  for (let at = 0; at < text.length; at = charEnd(text, at)) if (!isNameCharAt(text, at)) return false;
  return text.length > 0;
}

/** Number of name characters (see {@link charEnd}) in text. */
function charCount(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at = charEnd(text, at)) count++;
  return count;
}

/** A transliterated name: characters of the set, joined by separators or not (克林顿, 彼得·皮奥). End or -1. */
function readTransliterated(ctx: Context, at: number): number {
  const { text } = ctx;
  const grammar = nameGrammar(ctx.lexicon);
  const { transliteration } = grammar;
  let end = at;
  let letters = 0;
  // 阿不都热合曼·吐尔逊: before a separator the first part may hold characters outside the set (不, 都) when most of
  // it is transliteration and the part after the separator opens with it too.
  let sep = at;
  while (sep - at < 10 && isCjk(text[sep])) sep++;
  if (sep - at >= 2 && SEPARATORS.includes(text[sep] ?? '') && transliteration.has(text[sep + 1] ?? '')) {
    let inSet = 0;
    for (let i = at; i < sep; i++) if (transliteration.has(text[i])) inSet++;
    // Not across a title (…斯特拉斯堡市市长罗朗·雷斯 is a place, a title and a name).
    let titled = false;
    for (let i = at; i < sep && !titled; i++) titled = grammar.titleAtStart.test(text.slice(i, sep));
    if (inSet * 2 >= sep - at && transliteration.has(text[at]) && !titled) {
      end = sep;
      letters = inSet;
    }
  }
  // Letters since the last separator: a garbled stand-in (?) separates only parts of two or more letters.
  let part = letters;
  while (end < text.length && end - at < 24) {
    const ch = text[end];
    if (transliteration.has(ch)) {
      letters++;
      part++;
      end++;
    } else if (SEPARATORS.includes(ch) && letters > 0 && transliteration.has(text[end + 1] ?? '')) {
      end++;
      part = 0;
    } else if (GARBLED.includes(ch) && (part >= 2 || (part >= 1 && letters > part)) && transliteration.has(text[end + 1] ?? '') && (transliteration.has(text[end + 2] ?? '') || GARBLED.includes(text[end + 2] ?? ''))) {
      end++;
      part = 0;
    } else break;
  }
  if (letters < 2) return -1;
  const isSeparator = (ch: string) => SEPARATORS.includes(ch) || GARBLED.includes(ch);
  // 参加, 克服: a run that opens with a common word jieba knows is that word, not a name; a separator inside says
  // it is a name (买买提江·吐尔地).
  const separated = [...text.slice(at, end)].some(isSeparator);
  const first = ctx.tokenStartingAt(at);
  // A foreign name jieba files as a place (普京 ns) is still a name when a name can end right after it.
  const placeName = first !== undefined && first.end <= end && ctx.tagOf(first.word) === 'ns' && endsName(ctx, first.end);
  if (!separated && first && first.word.length >= 2 && isCommonWord(ctx, first.word) && !placeName) return -1;
  // The run may swallow the first character of the next word (…尔科夫及): back off to where a name can end, then
  // to where jieba starts a word; never back into the part before a separator.
  let floor = at + 2;
  for (let i = end - 1; i > at; i--) if (isSeparator(text[i])) { floor = Math.max(floor, i + 2); break; }
  // 泽连斯基 + 参与: a verb jieba knows starts inside the run and goes on past it: the run ends where that verb starts.
  for (let start = end - 1; start >= floor; start--) {
    const token = ctx.tokenStartingAt(start);
    if (token && token.end > end && token.word.length >= 2 && /^vn?$/.test(ctx.tagOf(token.word))) end = start;
  }
  for (let cut = end; cut >= floor; cut--) if (endsName(ctx, cut)) return cut;
  // 拉赫蒙 + 互致: an adverb, preposition, conjunction or particle after the run opens the next clause.
  if (end >= floor && isCjk(text[end]) && CLAUSE_TAG.test(ctx.tagOf(text[end]))) return end;
  for (let cut = end; cut >= floor; cut--) if (ctx.isTokenStart(cut)) return cut;
  return -1;
}

/** `龚 正`, `龚  正`: a name written with spaces between its characters. End or -1. */
function readSpaced(ctx: Context, at: number): number {
  const match = /^([\u3400-\u9fff])[ \u3000]{1,2}([\u3400-\u9fff])(?:[ \u3000]{1,2}([\u3400-\u9fff]))?/.exec(ctx.text.slice(at, at + 8));
  if (!match || !surnameLength(ctx.lexicon, ctx.text, at)) return -1;
  for (const end of match[3] ? [at + match[0].length, at + match[0].length - match[3].length] : [at + match[0].length]) {
    let close = end;
    while (ctx.text[close] === ' ' || ctx.text[close] === '\u3000') close++;
    if (close > end || endsName(ctx, end)) {
      const given = ctx.text.slice(at + 1, end).replace(/[ \u3000]/g, '');
      if (!nameGrammar(ctx.lexicon).notGiven.test(given) && !nameGrammar(ctx.lexicon).titleAtStart.test(given)) return end;
    }
  }
  return -1;
}

/**
 * Read a Chinese name (surname + one or two characters) at `at`; end or -1. `titled`: a title stands right before
 * it, so a two-character noun or place word (高峰, 黄河) may be a name.
 */
function readChinese(ctx: Context, at: number, titled: boolean): number {
  const { text, lexicon } = ctx;
  const grammar = nameGrammar(lexicon);
  const surname = surnameLength(lexicon, text, at);
  if (!surname) return -1;
  // Ends of the one- and two-character given names, in name characters (王𪚥 is three UTF-16 units, two characters).
  const given1 = charEnd(text, at + surname);
  const given2 = charEnd(text, given1);
  // 县长任总顾问: the "given name" opens a title, so this is a verb (任 = serve as), not a surname.
  if (grammar.titleAtStart.test(text.slice(at + surname, at + surname + 8)) || text[at + surname] === '总') return -1;
  const token = ctx.tokenStartingAt(at);
  // A word that is also a name (高峰, 黄河) needs a clear end: a comma, a role or boundary word, not a quote (信箱”).
  const strongEnd = (end: number) => {
    if (/^[，,、。；;]/.test(text.slice(end, end + 1))) return true;
    const follower = grammar.follower.exec(text.slice(end, end + 8));
    return follower !== null && !PARTICLE.test(follower[0]);
  };
  // The character at `at` is a function word or starts a boundary word (日前, 今天, 同时).
  const opensBoundary = (pos: number) => grammar.functionChars.has(text[pos]) || grammar.boundaryWord.test(text.slice(pos, pos + 4));
  // A list separator or a boundary word (not a role verb) after the name: 严明、, 严明日前.
  const listEnd = (end: number) => (text[end] === '、' && nextIsPerson(ctx, end + 1)) || (opensBoundary(end) && !PARTICLE.test(text[end]));
  // A word jieba knows (文史, 严明) ended by 、 is a name only when the next list item is a person too: 参事文史、决策咨询.
  const wordEnd = (end: number) => (text[end] === '、' ? nextIsPerson(ctx, end + 1) : strongEnd(end));
  const valid = (end: number): boolean => {
    const name = text.slice(at, end);
    if ((end !== given1 && end !== given2) || !allCjk(name)) return false;
    const given = name.slice(surname);
    if (grammar.notGiven.test(given) || grammar.titleAtStart.test(given)) return false;
    // 宣讲 + 团, 调研 + 组: a word jieba knows followed by the suffix of a body names the body, not a person.
    if (end === given2 && BODY_END.test(name.slice(-1)) && isCommonWord(ctx, text.slice(at, given1))) return false;
    // 殷殷, 常常: a surname character doubled is a reduplicated word, not a surname and a given name.
    if (surname === 1 && given === name[0]) return false;
    if (lexicon.notNames.some((word) => name.startsWith(word) || word.startsWith(name))) return false;
    // Without a title before it, a given name that is a verb, adverb or particle jieba knows (农民富起来) is that word.
    if (!titled && given.length >= 2 && /^(?:v|vd|d|u[a-z]?|p|c|f)$/.test(ctx.tagOf(given))) return false;
    if (!isCommonWord(ctx, name)) return true;
    // After a title a word that is also a name stays a name (江平, 高峰; 严义埙 is in jieba's dictionary as a noun).
    const tag = ctx.tagOf(name) || 'x';
    if (titled && end === given1 && WORD_NAME_TAG.test(tag) && listEnd(end)) return true;
    return titled && (end === given1 ? NOUN_TAG.test(tag) : tag === 'n') && wordEnd(end);
  };
  // jieba read the surname as the start of a verb, adverb or time word (商量过, 满意地, 周二晚): not a name. A noun or
  // place (罗海 + 平, 黄河) may still be a name: the checks below decide.
  let nounToken = false;
  if (token && token.end > at + surname && token.end <= given2) {
    const tag = ctx.tagOf(token.word) || 'x';
    // A numeral reading (许 + 宗 read as 许多-like m) is jieba's guess at an unknown string, not evidence.
    const wordName = titled && token.end === given1 && WORD_NAME_TAG.test(tag) && listEnd(token.end);
    if (isCommonWordTag(tag) && !NOUN_TAG.test(tag) && tag !== 'm' && !wordName) return -1;
    nounToken = NOUN_TAG.test(tag);
  }
  if (token && token.end > given2 && isCommonWord(ctx, token.word)) return -1;
  // Where jieba's pieces say the name ends: its own token, or the surname plus the next short token.
  let guess = -1;
  if (token && token.end > at + surname && token.end <= given2) guess = token.end;
  else if (token && token.word.length === surname) {
    const next = ctx.tokenStartingAt(token.end);
    if (next && next.end <= given2 && allCjk(next.word)) guess = next.end;
  }
  if (guess > 0) {
    // 原洪说, 顾浩等, 郭明 + 日前: a function character or the start of a boundary word closing a three-character guess
    // is the next word.
    if (guess === given2 && opensBoundary(given1) && valid(given1)) return given1;
    // 汪明 + 新 + 经常, 贾高 + 建到会: a character that is no function word, no title and no credit finishes the
    // name when it stands alone or the name can end right after it.
    if (guess === given1) {
      const next = ctx.tokenStartingAt(guess);
      const ch = text.slice(given1, given2);
      const chTag = ctx.tagOf(ch);
      // Not an adverb, preposition, conjunction or pronoun (阿里 + 互致), not after a transliterated name (巴赫 + 来).
      const notClause = !CLAUSE_TAG.test(chTag);
      // 周汎 + 之 + 主持: a particle character no name ends with finishes the name when a role or punctuation follows.
      const particleName = /^u/.test(chTag) && strongEnd(given2);
      const free = allCjk(ch) && !grammar.functionChars.has(ch) && !endsName(ctx, guess) && (notClause || particleName);
      // 洪森 + 邀请: jieba reads the character as the start of a word it knows.
      const opensWord = next !== undefined && next.word.length >= 2 && next.end > given2 && isCommonWordTag(ctx.tagOf(next.word));
      const foreign = ctx.tagOf(text.slice(at, guess)) === 'nrt' || opensWord;
      const lone = next !== undefined && next.end === given2 && ctx.isTokenStart(given2);
      // 庞斌 + 包 + 抓: a lone verb character before another lone verb character is a two-verb word (包抓), not a name.
      const after = ctx.tokenStartingAt(given2);
      const verbPair = chTag === 'v' && after !== undefined && charCount(after.word) === 1 && ctx.tagOf(after.word) === 'v';
      // From a noun jieba knows (任期 + 中, 宫本 + 水说) only when the name can end right after, and not before a
      // particle (蔡奇 + 通过).
      const endsAfter = strongEnd(given2) || CLOSER.test(text.slice(given2, given2 + 1));
      if (free && !foreign && !verbPair && ((lone && !nounToken) || endsAfter) && valid(given2)) return given2;
    }
    if (valid(guess) && (endsName(ctx, guess) || ctx.isTokenStart(guess))) return guess;
  }
  // No usable token: the longest reading that ends where a name can end; a function character ends it early.
  // 信箱 + 写的: past a common word jieba read at the surname, no reading longer than that word.
  const wordAtSurname = token !== undefined && token.end > at + surname && isCommonWordTag(ctx.tagOf(token.word));
  for (const end of [given2, given1]) {
    if (end === given2 && opensBoundary(given1)) continue;
    if (wordAtSurname && token && end > token.end) continue;
    if (valid(end) && endsName(ctx, end)) return end;
  }
  return -1;
}

/**
 * Does a person's name or title open the list item at `at` (after 、)? A cheap look, not a full reading: a surname
 * whose two characters are no word jieba knows, or a title head before the next separator (、县政协主席华夏).
 */
function nextIsPerson(ctx: Context, at: number): boolean {
  const { text, lexicon } = ctx;
  const grammar = nameGrammar(lexicon);
  const item = /^[^、，,。；;：:！!？?\s]{1,16}/.exec(text.slice(at, at + 16))?.[0] ?? '';
  for (let i = 0; i < item.length; i++) if (grammar.titleAtStart.test(item.slice(i))) return true;
  const surname = surnameLength(lexicon, text, at);
  if (!surname || item.length <= surname) return false;
  return !isCommonWord(ctx, text.slice(at, at + surname + 1)) && !isCommonWord(ctx, text.slice(at, at + surname + 2));
}

/**
 * Read a person's name starting at working offset `at`; returns its end, or -1. A transliterated name longer than
 * any Chinese reading wins (贾斯蒂卡 over 贾斯); a separator (·) always means transliteration.
 */
export function readName(ctx: Context, at: number, titled = true): number {
  const { text } = ctx;
  if (!isCjk(text[at])) return -1;
  const known = knownNameAt(ctx, at);
  if (known > 0) return known;
  if (text[at + 1] === ' ' || text[at + 1] === '\u3000') return readSpaced(ctx, at);
  const chinese = readChinese(ctx, at, titled);
  const foreign = titled || chinese < 0 ? readTransliterated(ctx, at) : -1;
  if (foreign > 0) {
    const written = text.slice(at, foreign);
    const separated = [...SEPARATORS, ...GARBLED].some((sep) => written.includes(sep));
    if (separated || chinese < 0 || (foreign > chinese && foreign - at > 3)) return foreign;
  }
  return chinese;
}

/**
 * End of a name from data/names.txt (and --lexicon names.txt) starting at `at`, longest first, or -1. A reviewer's
 * correction: the name is read whole whatever its surname, and a longer run stops at it (李明 in 李明亮相).
 */
function knownNameAt(ctx: Context, at: number): number {
  const known = ctx.lexicon.set('names');
  if (!known.size) return -1;
  for (let length = 6; length >= 2; length--) if (known.has(ctx.text.slice(at, at + length))) return at + length;
  return -1;
}

/**
 * Is [start, end) exactly a name (not merely a name's start)? Used where the end is known: a title follows
 * (韩正副区长). Never lenient with words jieba knows (党委书记 is no 党委 + 书记).
 */
export function isNameAt(ctx: Context, start: number, end: number): boolean {
  const { text, lexicon } = ctx;
  const written = text.slice(start, end);
  const count = charCount(written);
  if (!allCjk(written) || count < 2 || count > 6) return false;
  if (readTransliterated(ctx, start) === end && written.length >= 3) return true;
  const surname = surnameLength(lexicon, text, start);
  if (!surname || count > surname + 2 || count <= surname) return false;
  const grammar = nameGrammar(lexicon);
  const given = written.slice(surname);
  if (grammar.notGiven.test(given) || grammar.titleAtStart.test(given) || grammar.functionChars.has(given.slice(-1))) return false;
  if (lexicon.notNames.some((word) => written.startsWith(word) || word.startsWith(written))) return false;
  // jieba must not have read a word across the name's edges (市委 + 书记 is fine, 韩 + 正副 + 区长 is not a word).
  const token = ctx.tokenStartingAt(start);
  if (token && token.end > end) {
    const inside = ctx.tokenStartingAt(end);
    if (!inside && token.word.length > 2) return false;
  }
  return !isCommonWord(ctx, written) && !(token && token.end === end && isCommonWord(ctx, token.word));
}

/** The name read at `at` as it should be reported: spaces inside it removed (龚 正 → 龚正). */
export function nameText(ctx: Context, start: number, end: number): string {
  return ctx.text.slice(start, end).replace(/[ \u3000]/g, '');
}
