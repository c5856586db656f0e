import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import { endsName, isNameAt, isPhotoCredit, nameGrammar, nameText, readName } from '../grammar/names';
import { isCommonWordTag } from '../segment/types';
import type { Official } from '../types';
import { bisect } from '../util/search';
import { anyOf, perLexicon } from '../lexicon/word-lists';
import { simplifiedKey } from '../pipeline/normalize';

interface Mention {
  name: string;
  /** Start of the title chain (or of the name for a bare mention). */
  start: number;
  nameStart: number;
  nameEnd: number;
  titles: Array<{ start: number; end: number }>;
  /** The name stands before its title (王蒙徽部长): a citation unless the person acts in the clause. */
  before?: boolean;
  /** How the mention was read (docs/rules.md). */
  rule: string;
}

const SEPARATOR = /[、，,\s]/;
const HARD_STOP = /[。；;：:!！?？\n()（）“”"《》【】\[\]]/;
const NAME_END = /^(?:[，,。、；;:：！!？?\s()（）“”"]|$)/;


function patterns(lexicon: Lexicon) {
  return perLexicon(lexicon, 'officials:patterns', () => ({
    statement: new RegExp(`(?:${anyOf(lexicon.list('statement-verbs'))})`),
    event: new RegExp(`(?:${anyOf(lexicon.list('event-markers'))})`),
    interview: new RegExp(`(?:${anyOf(lexicon.list('interview-markers'))})`),
    continues: new RegExp(`^[,，](?:${anyOf(lexicon.list('clause-continuers'))})`),
  }));
}

/** A short bracketed part of an organisation name inside a title: 开发建设（集团）股份有限公司. */
const BRACKETED = /^[\u3400-\u9fff]{1,6}$/;

/** Walk back from a title head to the start of its title and of the chain before it. */
function readChain(ctx: Context, headStart: number, headEnd: number, floor: number): Array<{ start: number; end: number }> {
  const { text } = ctx;
  const { titleAtEnd, leadIns } = nameGrammar(ctx.lexicon);
  const titles: Array<{ start: number; end: number }> = [];
  let end = headEnd;
  let from = headStart;
  for (;;) {
    let start = from;
    while (start > floor && !SEPARATOR.test(text[start - 1]) && end - start < 40) {
      if (HARD_STOP.test(text[start - 1])) {
        // Step over a bracket inside the organisation name (…（集团）…), not over a bracket before the title.
        const close = text[start - 1];
        if (close !== '）' && close !== ')') break;
        const open = text.lastIndexOf(close === '）' ? '（' : '(', start - 1);
        if (open <= floor || !BRACKETED.test(text.slice(open + 1, start - 1)) || !/[\u3400-\u9fff]/.test(text[open - 1] ?? '')) break;
        start = open;
        continue;
      }
      if (end - start >= 24 && !text.slice(start, from).includes('）')) break;
      start--;
    }
    // 甲和乙书记: the chain starts after the conjunction that follows the previous person.
    if (start === floor && /[和与及]/.test(text[start] ?? '') && start < from) start++;
    const cut = titleStart(ctx, start, from);
    titles.unshift({ start: cut, end });
    // A chain never runs on across a line break (a page's <title> 区长 above a paragraph opening with 县长李明远).
    if (cut !== start || start <= floor || !SEPARATOR.test(text[start - 1]) || HARD_STOP.test(text[start - 1])) break;
    // The previous part of the chain must itself end with a title head.
    let prevEnd = start - 1;
    while (prevEnd > 0 && /\s/.test(text[prevEnd - 1]) && text[start - 1] !== '、') prevEnd--;
    const before = text.slice(Math.max(0, prevEnd - 24), prevEnd);
    const head = titleAtEnd.exec(before);
    if (!head) break;
    end = prevEnd;
    from = prevEnd - head[0].length;
  }
  return titles.filter((title) => title.end - title.start >= 2);
}

/** Tags of words that end the sentence part before a title: verbs, time words, conjunctions (或). */
const PREFIX_STOP_TAG = /^(?:v|t|c)$/;
/** Tags of a place or body that opens a title of its own (欢迎 + 哥伦比亚共和国总统). */
const BODY_TAG = /^(?:ns|nt|nrt)$/;
/** A list number or a date before a title (7.国际奥委会主席, 8日同…主席): the title starts after it. */
const NUMBERED = /[0-9０-９]+(?:[.．、]|[日号月年](?:[同与和在对向给])?)|[*#＊]+/g;

/**
 * Where the title part [start, from) really starts: after lead-in words (会议由…, 受…委托), after a list number or a
 * date, and after the verb, time word or conjunction of the sentence it stands in (杂志发表 + 中共中央总书记,
 * 今晚播出 + 格林纳达总理, 或致函 + 中共中央总书记). A modifier of the post (前, 原, 时任) stays with the title (美国前总统) unless a
 * time word makes it "before" (三天前).
 */
function titleStart(ctx: Context, start: number, from: number): number {
  const { leadIns } = nameGrammar(ctx.lexicon);
  const modifiers = modifierSet(ctx.lexicon);
  let cut = start;
  NUMBERED.lastIndex = 0;
  const part = ctx.text.slice(start, from);
  for (let match = NUMBERED.exec(part); match; match = NUMBERED.exec(part)) cut = Math.max(cut, start + match.index + match[0].length);
  let previousTag = '';
  for (let at = cut; at < from; at++) {
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > from) continue;
    const tag = token.word.length >= 2 ? ctx.tagOf(token.word) : 'single';
    if (modifiers.has(token.word) && !/^(?:t|m|q|f)$/.test(previousTag)) {
      previousTag = tag;
      continue;
    }
    if (leadIns.has(token.word)) cut = token.end;
    else if (PREFIX_STOP_TAG.test(tag) && !GRAMMAR_IN_TITLE.test(token.word)) {
      // A verb inside an organisation's name (投资促进局, 建设部支持新疆工作领导小组) is followed by more of the name
      // or comes after a body; one before a new place or body ends the sentence part (欢迎 + 哥伦比亚共和国总统).
      // Single characters are left alone: jieba's tags for them (通 v, 冬 t, 也 d) are guesses inside names.
      const next = ctx.tokenStartingAt(token.end);
      const inBody = BODY_TAG.test(previousTag) || previousTag === 'single';
      if (tag !== 'v' || (!inBody && next !== undefined && BODY_TAG.test(ctx.tagOf(next.word)))) cut = token.end;
    }
    previousTag = tag;
  }
  return cut;
}

/** Words that join parts of one title (国务委员兼国务院秘书长, 住房和城乡建设厅). */
const GRAMMAR_IN_TITLE = /^(?:兼|和|与|及|暨)$/;

/**
 * Does the title at [start, end) say the post is no longer held (原市委书记, 美国前总统, 时任县长)? A modifier counts
 * where jieba reads it as a word of its own (原平市 is a place).
 */
function isFormer(ctx: Context, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const token = ctx.tokenStartingAt(at);
    if (token && token.end < end && FORMER.has(token.word)) return true;
  }
  return false;
}

/** The modifiers that mark a former post (the rest, 新任 or 代, mark a current one). */
const FORMER = new Set(['前', '原', '前任', '原任', '时任', '卸任', '已故']);

function modifierSet(lexicon: Lexicon): Set<string> {
  return perLexicon(lexicon, 'officials:modifiers', () => new Set(lexicon.list('title-modifiers')));
}

/**
 * Staff of a company (办公室主任 of 某某有限公司) or of a research institute or think tank (研究所所长) hold no party,
 * government or institution title; a title with 党 (公司党委书记) still is one.
 */
function isCompanyStaff(ctx: Context, titles: Array<{ start: number; end: number }>): boolean {
  const written = titles.map((title) => ctx.text.slice(title.start, title.end));
  const company = ctx.lexicon.list('company-words');
  return written.some((title) => company.some((word) => title.includes(word))) && !written.some((title) => title.includes('党'));
}

/**
 * A name written before its title (刘建华书记, 会议由韩正副区长主持): two to six characters right before the head,
 * opened by a separator, a sentence start or a lead-in word (由). Returns the mention or undefined.
 */
function nameBefore(ctx: Context, headStart: number, headEnd: number, floor: number): Mention | undefined {
  const { text } = ctx;
  const { leadIns } = nameGrammar(ctx.lexicon);
  // Only the few characters before the head: a walk along the whole chain per head would be quadratic.
  for (let length = 2; length <= 6; length++) {
    const from = headStart - length;
    if (from < floor || from < 0) break;
    let opens = from === 0 || SEPARATOR.test(text[from - 1]) || HARD_STOP.test(text[from - 1]);
    for (let k = 1; k <= 4 && !opens && k <= from; k++) opens = leadIns.has(text.slice(from - k, from)) && ctx.isTokenStart(from - k);
    // The title follows the name directly (韩正副区长); a place before a party committee (明光市委副书记) is no name.
    if (!opens || !isNameAt(ctx, from, headStart)) continue;
    return { name: nameText(ctx, from, headStart), start: from, nameStart: from, nameEnd: headStart, titles: [{ start: headStart, end: headEnd }], before: true, rule: 'official.name-before-title' };
  }
  return undefined;
}

/** Does one token that jieba knows as a common word hold the whole head and run past it (主席国)? */
function insideWord(ctx: Context, start: number, end: number): boolean {
  if (ctx.isTokenStart(end)) return false;
  for (let at = start; at >= 0 && start - at <= 4; at--) {
    const token = ctx.tokenStartingAt(at);
    if (token) return token.end > end && isCommonWordTag(ctx.tagOf(token.word));
  }
  return false;
}

/** A token that ends exactly at `end`, if any (looked for over the few characters before it). */
function tokenEndingAt(ctx: Context, end: number) {
  for (let at = end - 1; at >= 0 && end - at <= 4; at--) {
    const token = ctx.tokenStartingAt(at);
    if (token) return token.end === end ? token : undefined;
  }
  return undefined;
}

/**
 * Is the head at [headStart, headEnd) already held by a name written right before it? 毛主席, 周总理: jieba reads a
 * surname and the head as one word. 习近平主席: a name jieba knows as a person's full name (nrfg). A name it merely
 * tags nr is no such evidence: places and foreign names get that tag too (白宫, 马拉维).
 */
function heldByNameBefore(ctx: Context, headStart: number, headEnd: number): boolean {
  const { text, lexicon } = ctx;
  const surnameAt = (at: number) => lexicon.compoundSurnames.has(text.slice(at, at + 2)) || lexicon.surnames.has(text[at]);
  for (let at = headStart - 1; at >= 0 && headStart - at <= 2; at--) {
    const token = ctx.tokenStartingAt(at);
    const surname = lexicon.compoundSurnames.has(text.slice(at, at + 2)) ? 2 : lexicon.surnames.has(text[at]) ? 1 : 0;
    if (token && token.end === headEnd && surname > 0 && at + surname === headStart) return true;
  }
  const before = tokenEndingAt(ctx, headStart);
  if (!before || before.word.length < 2 || before.word.length > 3 || !surnameAt(before.start)) return false;
  const tag = ctx.tagOf(before.word);
  return tag === 'nrfg';
}

/**
 * Does the head at `headStart` stand alone in a list of nouns (…、保密、参事文史、…)? Its part starts right after 、 and
 * the part before 、 is no title.
 */
function inNounList(ctx: Context, headStart: number): boolean {
  const { text } = ctx;
  if (text[headStart - 1] !== '、') return false;
  const before = text.slice(Math.max(0, headStart - 25), headStart - 1);
  return !nameGrammar(ctx.lexicon).titleAtEnd.test(before);
}

/** Length of the list item at `at`: up to the next 、 or other punctuation, at most 6 characters (else 0). */
function listItemLength(text: string, at: number): number {
  const match = /^[^、，,。；;：:！!？?\s()（）“”"《》]{2,6}(?=、)/.exec(text.slice(at, at + 7));
  return match ? match[0].length : 0;
}

/**
 * Can [start, end), a whole item of a list after a title, be a name? A surname and one or two more characters,
 * no title head inside, not a word jieba knows as something other than a name, not a listed non-name.
 */
function plausibleName(ctx: Context, start: number, end: number): boolean {
  const { text, lexicon } = ctx;
  const written = text.slice(start, end);
  const surname = lexicon.compoundSurnames.has(written.slice(0, 2)) ? 2 : lexicon.surnames.has(written[0]) ? 1 : 0;
  const length = [...written].length;
  if (!surname || length <= surname || length > surname + 2 || !/^[\u3400-\u9fff\u{20000}-\u{3FFFF}\uFE00-\uFE0F]+$/u.test(written)) return false;
  const grammar = nameGrammar(lexicon);
  for (let i = 0; i < written.length; i++) if (grammar.titleAtStart.test(written.slice(i))) return false;
  // Between two list marks a function character inside (曹和家) ends nothing; a word such as 同志 or 主持 still does.
  const notGiven = grammar.notGiven.exec(written.slice(surname));
  if (notGiven && notGiven[0].length >= 2) return false;
  if (lexicon.notNames.some((word) => written.startsWith(word) || word.startsWith(written))) return false;
  if (isCommonWordTag(ctx.tagOf(written))) return false;
  // 高贵成: a word at the start is fine, but not one that covers the whole given name (张家、李村 are places).
  return !(surname === 1 && length === 2 && isCommonWordTag(ctx.tagOf(written)));
}

/**
 * 副市长高贵成、李佳宏、王昈、孙增宽出席: the names of a list after one title, read item by item where the first
 * cannot be read alone. Every item between list marks must look like a name; the last is read as a name. Empty when
 * it is no such list.
 */
function listedNames(ctx: Context, at: number): Array<[number, number]> {
  const { text } = ctx;
  const names: Array<[number, number]> = [];
  let start = at;
  for (let n = 0; n < 40; n++) {
    const length = listItemLength(text, start);
    if (length && plausibleName(ctx, start, start + length)) {
      names.push([start, start + length]);
      start += length + 1;
      continue;
    }
    let end = readName(ctx, start);
    if (end < 0) {
      // The last item before 等 or a role: the longest reading that can end a name.
      for (const length of [3, 2]) if (end < 0 && plausibleName(ctx, start, start + length) && endsName(ctx, start + length)) end = start + length;
    }
    if (end > 0 && endsName(ctx, end)) names.push([start, end]);
    break;
  }
  return names.length >= 2 ? names : [];
}

/** Titled mentions of the document, once: officials and people both read them. */
function mentionsOf(ctx: Context): { mentions: Mention[]; staff: Mention[] } {
  return ctx.shared('officials:mentions', () => {
    const staff: Mention[] = [];
    return { mentions: findMentions(ctx, staff), staff };
  });
}

/**
 * Named people whose title is no party, government or institution post (a company's 董事长, a research institute's
 * 所长, data/company-words.txt) or who are described by a word for a person (院士, 村民, 网格员:
 * data/person-descriptors.txt): for `people`, with what the text calls them. Working offsets.
 */
export function describedPeople(ctx: Context): Array<{ name: string; role: string; start: number; end: number; rule: string; evidence: Array<[number, number]> }> {
  const found = mentionsOf(ctx).staff.map((mention) => ({
    name: mention.name,
    role: mention.titles.map((title) => ctx.surface(title.start, title.end).trim()).join('、'),
    start: mention.nameStart,
    end: mention.nameEnd,
    rule: 'person.non-official-post',
    evidence: mention.titles.map((title): [number, number] => [title.start, title.end]),
  }));
  const { text } = ctx;
  const pattern = perLexicon(ctx.lexicon, 'officials:descriptors', () => new RegExp(`(?:${anyOf(ctx.lexicon.list('person-descriptors'))})`, 'g'));
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const headEnd = match.index + match[0].length;
    if (!ctx.isTokenStart(match.index) || !ctx.isTokenStart(headEnd) || insideWord(ctx, match.index, headEnd)) continue;
    // A description is weaker evidence than a title: no word jieba knows (村民支持, 农民富起来) reads as a name.
    const end = readName(ctx, headEnd, false);
    if (end < 0 || !endsName(ctx, end) || isPhotoCredit(ctx, end)) continue;
    const titles = readChain(ctx, match.index, headEnd, Math.max(0, match.index - 24));
    const role = titles.length ? ctx.surface(titles[0].start, headEnd).trim() : match[0];
    found.push({ name: nameText(ctx, headEnd, end), role, start: headEnd, end, rule: 'person.described', evidence: [[match.index, headEnd]] });
  }
  return found;
}

function findMentions(ctx: Context, staff: Mention[]): Mention[] {
  const { text } = ctx;
  const { titleHead: head, titleAtStart } = nameGrammar(ctx.lexicon);
  const mentions: Mention[] = [];
  let floor = 0;
  head.lastIndex = 0;
  for (let match = head.exec(text); match; match = head.exec(text)) {
    const headEnd = match.index + match[0].length;
    // 轮值主席国: jieba reads the head as part of a longer common word, so it is no title here.
    if (insideWord(ctx, match.index, headEnd)) continue;
    let nameStart = headEnd;
    while ((text[nameStart] === ' ' || text[nameStart] === '\u3000') && nameStart - headEnd < 2) nameStart++;
    // 毛主席英明, 习近平总书记殷殷嘱托: the head belongs to the name before it; what follows is no name.
    const heldBefore = heldByNameBefore(ctx, match.index, headEnd);
    let nameEnd = heldBefore ? -1 : readName(ctx, nameStart);
    // 保密、参事、史志: a head standing alone in a list of nouns is a noun, not a post.
    if (nameEnd > 0 && isCommonWordTag(ctx.tagOf(text.slice(nameStart, nameEnd))) && inNounList(ctx, match.index)) continue;
    // 安徽省 + 长丰县: a head that straddles two words, followed by a word jieba knows (丰县), is a place, not a title.
    if (nameEnd > 0 && !ctx.isTokenStart(match.index) && !ctx.isTokenStart(headEnd) && isCommonWordTag(ctx.tagOf(text.slice(nameStart, nameEnd)))) continue;
    // 县长任双组长: a "name" run straight into another title is a verb and its object (任 = serve as).
    if (nameEnd > 0 && titleAtStart.test(text.slice(nameEnd, nameEnd + 8))) nameEnd = -1;
    // 副市长高贵成、李佳宏、王昈出席: a list after one title whose first name opens with a word jieba knows.
    const listed = nameEnd < 0 && !heldBefore ? listedNames(ctx, nameStart) : [];
    if (listed.length >= 2) nameEnd = listed[0][1];
    if (nameEnd < 0 || isPhotoCredit(ctx, nameEnd)) {
      const before = nameEnd < 0 ? nameBefore(ctx, match.index, headEnd, floor) : undefined;
      if (before && isCompanyStaff(ctx, before.titles)) staff.push(before);
      else if (before) {
        mentions.push(before);
        floor = headEnd;
      }
      continue;
    }
    const titles = readChain(ctx, match.index, headEnd, Math.min(floor, match.index));
    if (!titles.length) continue;
    if (isCompanyStaff(ctx, titles)) {
      staff.push({ name: nameText(ctx, nameStart, nameEnd), start: titles[0].start, nameStart, nameEnd, titles, rule: 'person.non-official-post' });
      continue;
    }
    // 书记/主任信箱: titles paired by a slash name a post or a service, not one person.
    if (text[titles[0].start - 1] === '/' || text.slice(titles[0].start, headEnd).includes('/')) continue;
    mentions.push({ name: nameText(ctx, nameStart, nameEnd), start: titles[0].start, nameStart, nameEnd, titles, rule: listed.length >= 2 ? 'official.title-before-list' : 'official.title-before-name' });
    // 厅党组成员蔡某、陈某、郭某: one title chain, several names. A name with its own title after it
    // (、韩正副区长) is someone else's mention.
    // A name joined by 与 or leading a delegation (书记甲与乙一行座谈) is not given the title: it belongs to the name
    // it touches.
    let end = nameEnd;
    // 和/及 join names that share the title (易军和倪虹); 与/同 (with) brings in a partner who does not.
    while (text[end] === '、' || ((text[end] === '和' || text[end] === '及') && !/^[\u3400-\u9fff]{2,4}一行/.test(text.slice(end + 1, end + 8)))) {
      let nextEnd = readName(ctx, end + 1);
      // 曹和家: an item between two list marks is read whole when it looks like a name.
      if ((nextEnd < 0 || text[nextEnd] !== '、') && text[end + 1 + listItemLength(text, end + 1)] === '、' && plausibleName(ctx, end + 1, end + 1 + listItemLength(text, end + 1))) {
        nextEnd = end + 1 + listItemLength(text, end + 1);
      }
      if (nextEnd < 0 || !endsName(ctx, nextEnd) || titleAtStart.test(text.slice(nextEnd, nextEnd + 8)) || isPhotoCredit(ctx, nextEnd)) break;
      mentions.push({ name: nameText(ctx, end + 1, nextEnd), start: end + 1, nameStart: end + 1, nameEnd: nextEnd, titles, rule: 'official.shared-title-chain' });
      end = nextEnd;
    }
    head.lastIndex = end;
    floor = end;
  }
  return mergeByStart(mentions, groupMentions(ctx));
}

/**
 * A name read one character short everywhere it is titled (林郑月 + 娥) is completed from the document itself: when
 * every occurrence of the name is followed by the same character, which opens no following word (no boundary, role
 * or title), and the longer reading ends as a name does somewhere, the longer reading is the name.
 */
function completeNames(ctx: Context, mentions: Mention[]): Mention[] {
  const { text } = ctx;
  const longer = new Map<string, string>();
  for (const name of new Set(mentions.map((mention) => mention.name))) {
    if (name.length > 5 || /[\s·•・‧．.\-?？]/.test(name)) continue;
    let next = '';
    let ok = true;
    let ends = false;
    let count = 0;
    for (let at = text.indexOf(name); at >= 0 && ok; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      const ch = text[end] ?? '';
      ok = /[\u3400-\u9fff]/.test(ch) && (next === '' || ch === next) && !endsName(ctx, end);
      next = ch;
      count++;
      if (ok && endsName(ctx, end + 1)) ends = true;
    }
    if (ok && ends && count >= 2 && next) longer.set(name, name + next);
  }
  if (!longer.size) return mentions;
  return mentions.map((mention) => {
    const name = longer.get(mention.name);
    return name ? { ...mention, name, nameEnd: mention.nameEnd + 1 } : mention;
  });
}

/** Two mention lists, each in text order, as one in text order. */
function mergeByStart(a: Mention[], b: Mention[]): Mention[] {
  if (!b.length) return a;
  return [...a, ...b].sort((x, y) => x.start - y.start);
}

function groupPattern(lexicon: Lexicon): RegExp {
  return perLexicon(lexicon, 'officials:group', () => new RegExp(`(?:${anyOf(lexicon.list('group-titles'))})`, 'g'));
}

/**
 * 市县领导甲、乙、丙等出席: a word naming a group of officials (data/group-titles.txt) gives its title to a list of two
 * or more names right after it; never to one name (索加瓦雷领导的…, 领导包镇 are verbs).
 */
function groupMentions(ctx: Context): Mention[] {
  const { text } = ctx;
  const pattern = groupPattern(ctx.lexicon);
  const mentions: Mention[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const headEnd = match.index + match[0].length;
    if (!ctx.isTokenStart(headEnd) || insideWord(ctx, match.index, headEnd)) continue;
    const names = listedNames(ctx, headEnd);
    if (names.length < 2) continue;
    const titles = readChain(ctx, match.index, headEnd, Math.max(0, match.index - 24));
    if (!titles.length) continue;
    for (const [start, end] of names) mentions.push({ name: nameText(ctx, start, end), start: start === headEnd ? titles[0].start : start, nameStart: start, nameEnd: end, titles, rule: 'official.group-title-list' });
    pattern.lastIndex = names[names.length - 1][1];
  }
  return mentions;
}

/** Roles that need a reported event around them: said at a meeting, not told to a reporter. */
const STATEMENT = '@statement';
const EVENT_ONLY = new Set(['介绍', STATEMENT]);

/**
 * Roles written in [from, to). The one who 听取…汇报 does not 汇报; a clause told to a reporter gives nothing; a
 * statement (指出, 强调, 表示 …) gives the marker {@link STATEMENT}, turned into 讲话 only at a reported event.
 */
function rolesIn(ctx: Context, from: number, to: number, cited = false): string[] {
  const { statement, interview } = patterns(ctx.lexicon);
  let window = ctx.text.slice(from, to).replace(/听取[^。；;]*?汇报/g, (heard) => ' '.repeat(heard.length));
  if (interview.test(window)) return [];
  // What a statement or a quotation reports is what was said, not what the speaker did: 李强强调，要积极参加… gives
  // 讲话, not 参加.
  const said = statement.exec(window);
  // A colon, or a quotation mark opening a clause, starts quoted words; a quoted term (向“七一勋章”获得者) does not.
  const quoted = /[:：]|(?:^|[，,])\s*[“"「『]/.exec(window);
  const reportedAt = Math.min(said ? said.index + said[0].length : Infinity, quoted ? quoted.index : Infinity);
  const hasStatement = said !== null && (!quoted || said.index < quoted.index);
  if (reportedAt < window.length) window = window.slice(0, reportedAt);
  const attributes = attributePattern(ctx.lexicon);
  const roles: string[] = [];
  const firstAt = new Map<string, number>();
  for (const { role, regex } of ctx.lexicon.roles) {
    const at = actAt(window, globalOf(regex), attributes, cited);
    if (at >= 0 && at < (firstAt.get(role) ?? Infinity)) firstAt.set(role, at);
  }
  for (const role of firstAt.keys()) roles.push(role);
  // Keep the order the roles are written in.
  roles.sort((a, b) => (firstAt.get(a) ?? 0) - (firstAt.get(b) ?? 0));
  if (hasStatement) roles.push(STATEMENT);
  return roles;
}

const globals = new WeakMap<RegExp, RegExp>();
/** The global form of a role pattern, compiled once. */
function globalOf(regex: RegExp): RegExp {
  let global = globals.get(regex);
  if (!global) {
    global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
    globals.set(regex, global);
  }
  return global;
}

/**
 * Where the first act of `pattern` is written in `window`, or -1. A role word that modifies a noun (参会企业, 讲话精神,
 * data/role-attributes.txt) is no act; for a leader only cited (`cited`), neither is one that sets the time of the
 * quoted words (考察时强调).
 */
function actAt(window: string, pattern: RegExp, attributes: RegExp, cited: boolean): number {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
    const end = match.index + match[0].length;
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    // 习近平总书记在云南考察时强调: for a leader only cited, the act before 时 is the setting of the quoted words.
    if (cited && /^(?:了)?[时之际期间]/.test(window.slice(end, end + 3))) continue;
    if (!attributes.test(window.slice(end, end + 6))) return match.index;
  }
  return -1;
}

function attributePattern(lexicon: Lexicon): RegExp {
  return perLexicon(lexicon, 'officials:attributes', () => new RegExp(`^(?:${anyOf(lexicon.list('role-attributes'))})`));
}

/**
 * Does the paragraph holding working offset `at` report the article's meeting by name (召开…会议。区长X说，…)? A
 * statement there was made at the meeting; one in another paragraph may have been told to a reporter. `memo` keeps
 * one answer per paragraph so many statements in one long paragraph stay linear.
 */
function inMeetingParagraph(ctx: Context, at: number, memo: Map<number, boolean>): boolean {
  const name = ctx.found.meeting?.name;
  if (!name) return false;
  const low = ctx.paragraphIndex(at);
  const paragraph = ctx.paragraphs[low];
  if (!paragraph || paragraph[0] > at || at >= paragraph[1]) return false;
  let answer = memo.get(low);
  if (answer === undefined) {
    answer = ctx.text.slice(paragraph[0], paragraph[1]).includes(name);
    memo.set(low, answer);
  }
  return answer;
}

/** Is the sentence around [from, to) about a reported event (会上, 仪式上, 新闻发布会 …)? */
function atEvent(ctx: Context, from: number, to: number): boolean {
  let start = from;
  while (start > 0 && !/[。！!？?\n]/.test(ctx.text[start - 1]) && from - start < 200) start--;
  return patterns(ctx.lexicon).event.test(ctx.text.slice(start, to));
}

/**
 * Where the clause about a mention ends: the first comma, unless the next clause goes on with the same subject
 * (…出席会议，并讲话), the sentence end, or where the next person's mention starts.
 */
function clauseEnd(ctx: Context, from: number, nextStarts: number[]): number {
  const { text } = ctx;
  let end = from;
  for (;;) {
    while (end < text.length && !/[。；;!！?？\n,，]/.test(text[end]) && end - from < 120) end++;
    const continues = patterns(ctx.lexicon).continues.test(text.slice(end, end + 6));
    // A comma right after the name (胡春华，乔保平…) separates people, not clauses: keep going.
    const listComma = /[,，]/.test(text[end] ?? '') && end === from;
    if (!(continues || listComma) || end - from >= 120) break;
    end++;
  }
  // nextStarts is sorted: the first start at or after `from` is the only one that can cut the clause (a scan of
  // all of them per mention was quadratic).
  const low = bisect(nextStarts.length, (i) => nextStarts[i] < from);
  if (low < nextStarts.length && nextStarts[low] < end) end = nextStarts[low];
  return end;
}

/** Only a conjunction before the next person (甲和乙出席并讲话, 甲，乙，丙出席…): the roles are shared. */
const SHARED = /^[，,、和与及以及\s]*$/;

/**
 * 甲、泰国前副总理乙参加: a list separator, then the words the next chain's lead-in cut off (泰国前) with no role of
 * their own: still one list sharing the verb after its last name.
 */
function sharedAcrossLeadIn(ctx: Context, from: number, end: number): boolean {
  const match = /^、([^，,。；;:：、\s]{1,10})$/.exec(ctx.text.slice(from, end));
  return match !== null && rolesIn(ctx, from + 1, end).length === 0;
}

function rolesAfter(ctx: Context, nameEnd: number, titledByStart: Map<number, Mention>, starts: number[], cited = false): string[] {
  let from = nameEnd;
  // 甲，乙主持会议: across a comma a verb phrase is shared only when it holds what a group does together (出席, 参加
  // …); 主持 alone is the last name's.
  let acrossComma = false;
  for (let hops = 0; hops < 12; hops++) {
    const end = clauseEnd(ctx, from, starts);
    const next = titledByStart.get(end);
    const between = ctx.text.slice(from, end);
    if (!next || !(SHARED.test(between) || sharedAcrossLeadIn(ctx, from, end))) {
      const roles = rolesIn(ctx, from, end, cited);
      // 甲，乙，丙出席会议并讲话: a group act makes the whole verb phrase everyone's.
      const shareable = ctx.lexicon.set('shared-roles');
      return !acrossComma || roles.some((role) => shareable.has(role)) ? roles : [];
    }
    if (/[，,]/.test(between)) acrossComma = true;
    from = next.nameEnd;
  }
  return [];
}

/**
 * Is the clause of the person at working offset `at` about another event than the article's meeting? Opened (in its
 * sentence, before the name) by a side-time word (会议期间, 会后: data/side-times.txt), or naming in its own clause a
 * side event (会见, 座谈: data/side-events.txt) that the meeting's name does not hold.
 */
function sideEvent(ctx: Context, at: number, to: number): boolean {
  const meeting = ctx.found.meeting?.name ?? '';
  let sentence = at;
  while (sentence > 0 && !/[。！!？?\n]/.test(ctx.text[sentence - 1]) && at - sentence < 200) sentence--;
  const opening = ctx.text.slice(sentence, at);
  if (ctx.lexicon.list('side-times').some((word) => opening.includes(word) && !meeting.includes(word))) return true;
  let clause = at;
  while (clause > sentence && !/[，,；;]/.test(ctx.text[clause - 1])) clause--;
  const own = ctx.text.slice(clause, to);
  return ctx.lexicon.list('side-events').some((word) => own.includes(word) && !meeting.includes(word));
}

/**
 * A leader named only as the source of a doctrine or instruction (习近平新时代…思想, 总书记关于…的重要指示, 部长在…会议上
 * 的部署要求), matched right after the name; `title` is the lexicon's title alternation.
 */
function doctrinePattern(lexicon: Lexicon): RegExp {
  return perLexicon(lexicon, 'officials:doctrine', () => {
    const title = nameGrammar(lexicon).titleAtStart.source.slice(1);
    const nouns = anyOf(lexicon.list('doctrine-words'));
    return new RegExp(
      `^(?:${title})?(?:同志)?(?:(?:新时代|重要|关于|系列|总书记)[^。；;，,]{0,16}(?:${nouns})` +
        `|[^。；;，,]{0,30}?的(?:重要|系列)?(?:${nouns})?(?:精神|要求|思想)` +
        `|[^。；;，,]{0,30}?(?:作|发表|提出)的(?:重要|系列)?(?:${nouns}))`,
    );
  });
}

export const officials: Extractor = {
  id: 'officials',
  // The meeting tells whether statements outside a 会上 sentence were made at the reported event.
  needs: ['meeting'],
  provides: ['officials'],
  run(ctx) {
    const titled = completeNames(ctx, mentionsOf(ctx).mentions);
    const titledAt = new Map(titled.map((mention) => [mention.nameStart, mention]));
    const titledByStart = new Map(titled.map((mention) => [mention.start, mention]));
    const starts = titled.map((mention) => mention.start).sort((a, b) => a - b);
    const byName = new Map<string, Official & { acts: boolean }>();
    // Titles are compared in the working text (simplified script: 管委會主任 = 管委会主任) and kept as written.
    const compared = new Map<Official, string[]>();
    const formerTitles = new Set<string>();
    for (const mention of titled) {
      let official = byName.get(mention.name);
      if (!official) {
        official = { name: ctx.surface(mention.nameStart, mention.nameEnd).replace(/[ \u3000]/g, ''), titles: [], roles: [], span: ctx.span(mention.start, mention.nameEnd), spans: [], acts: false, rule: mention.rule, evidence: mention.titles.map((t) => ctx.span(t.start, t.end)) };
        byName.set(mention.name, official);
        compared.set(official, []);
      }
      const known = compared.get(official)!;
      // One chain keeps every part as written (党组书记、局长，市综合执法局局长); a later mention adds only what an
      // earlier one did not already say (区长 after 区委副书记、区长). A former post (原市委书记) never stands for a
      // current one (市委书记) nor the reverse.
      const earlier = known.slice();
      for (const title of mention.titles) {
        const written = ctx.surface(title.start, title.end).trim();
        // Keyed by the simplified form: a mixed text may write one title both ways (管委會主任, 管委会主任).
        const working = simplifiedKey(ctx.text.slice(title.start, title.end).trim(), ctx.lexicon);
        const former = isFormer(ctx, title.start, title.end);
        if (former) formerTitles.add(working);
        const same = (other: string) => formerTitles.has(other) === former;
        if (known.includes(working) || earlier.some((other) => other.includes(working) && same(other))) continue;
        for (let i = known.length - 1; i >= 0; i--) {
          if (earlier.includes(known[i]) && working.includes(known[i]) && same(known[i])) {
            known.splice(i, 1);
            official.titles.splice(i, 1);
          }
        }
        known.push(working);
        official.titles.push(written);
      }
    }
    const DOCTRINE = doctrinePattern(ctx.lexicon);
    const reported = new Map<number, boolean>();
    const titledStartsByName = new Map<string, number[]>();
    for (const mention of titled) {
      const list = titledStartsByName.get(mention.name) ?? [];
      list.push(mention.nameStart);
      titledStartsByName.set(mention.name, list);
    }
    // Names whose every titled mention stands before its title (习近平总书记, 王蒙徽部长).
    const citedOnly = new Set(titled.filter((mention) => mention.before).map((mention) => mention.name));
    for (const mention of titled) if (!mention.before) citedOnly.delete(mention.name);
    // Every mention of each name, titled or not, contributes roles. Roles that need an event (statements, 介绍) wait
    // when the sentence names none: they count if the person acts at the article's meeting elsewhere.
    const pending = new Map<Official, string[]>();
    const addRole = (official: Official, role: string) => {
      const canonical = role === STATEMENT ? '讲话' : role;
      if (!official.roles.includes(canonical)) official.roles.push(canonical);
    };
    for (const [name, official] of byName) {
      // Where the name is written plainly, plus titled mentions written otherwise (龚 正): a set, so a long input with
      // one name everywhere stays linear.
      const mentions = new Set<number>();
      for (let at = ctx.text.indexOf(name); at >= 0; at = ctx.text.indexOf(name, at + name.length)) mentions.add(at);
      for (const start of titledStartsByName.get(name) ?? []) mentions.add(start);
      for (const at of mentions) {
        // This name's own titled mention here (李明 inside 李明远's mention is not one).
        const own = titledAt.get(at)?.name === name ? titledAt.get(at) : undefined;
        const end = own ? own.nameEnd : at + name.length;
        const doctrine = DOCTRINE.test(ctx.text.slice(end, end + 48));
        const bounded = own !== undefined || NAME_END.test(ctx.text.slice(end, end + 1)) || endsName(ctx, end);
        if (!doctrine && !bounded) continue;
        official.spans.push(ctx.span(at, end));
        if (doctrine) continue;
        const cited = citedOnly.has(name);
        let roles = rolesAfter(ctx, end, titledByStart, starts, cited);
        // In an article that reports a meeting, a visit (考察, 调研) or a sentence about a side event (会议期间…座谈,
        // 会后…) is no act at the meeting.
        if (ctx.found.meeting && roles.length) {
          const visits = ctx.lexicon.set('visit-roles');
          roles = sideEvent(ctx, at, clauseEnd(ctx, end, starts)) ? [] : roles.filter((role) => !visits.has(role));
        }
        // A name standing before its title or alone is only cited unless it does something here.
        if ((own !== undefined && !own.before) || roles.some((role) => !EVENT_ONLY.has(role))) official.acts = true;
        // A leader only ever named in the cited form (习近平总书记在…上要求) speaks at the article's meeting only where
        // its paragraph names it; a 会上 of another event is the setting of a quoted speech.
        const event = !cited && roles.some((role) => EVENT_ONLY.has(role)) && atEvent(ctx, at, clauseEnd(ctx, end, starts));
        const withMeeting = !cited && roles.includes(STATEMENT) && inMeetingParagraph(ctx, at, reported);
        for (const role of roles) {
          if (!EVENT_ONLY.has(role) || event || (role === STATEMENT && withMeeting)) addRole(official, role);
          else pending.set(official, [...(pending.get(official) ?? []), role]);
        }
      }
    }
    for (const [official, roles] of pending) {
      if (citedOnly.has(official.name)) continue;
      const acts = official.roles.some((role) => !EVENT_ONLY.has(role) && role !== '汇报');
      if (acts && ctx.found.meeting) for (const role of roles) addRole(official, role);
    }
    // 厅党组成员逐一作对照检查发言: a title without a name, as the subject, speaks for everyone who holds it.
    const holders = new Map<string, Array<Official & { acts: boolean }>>();
    for (const official of byName.values()) {
      for (const title of official.titles) {
        if (title.length < 4) continue;
        const group = holders.get(title) ?? [];
        group.push(official);
        holders.set(title, group);
      }
    }
    for (const [title, group] of holders) {
      if (group.length < 2) continue;
      for (let at = ctx.text.indexOf(title); at >= 0; at = ctx.text.indexOf(title, at + title.length)) {
        const end = at + title.length;
        if (!(at === 0 || /[，,。；;\n]/.test(ctx.text[at - 1])) || readName(ctx, end) >= 0 || ctx.text[end] === '、') continue;
        const roles = rolesIn(ctx, end, clauseEnd(ctx, end, starts)).filter((role) => !EVENT_ONLY.has(role));
        for (const official of group) for (const role of roles) addRole(official, role);
      }
    }
    const list = [...byName.values()]
      .filter((official) => official.acts || official.roles.length > 0)
      .map(({ acts: _acts, ...official }): Official => official);
    return { officials: list };
  },
};

