import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import { endsName, isNameAt, isPhotoCredit, nameGrammar, nameText, readName } from '../grammar/names';
import { isCommonWordTag } from '../segment/types';
import type { Official } from '../types';
import { bisect } from '../util/search';
import { anyOf, perLexicon } from '../lexicon/word-lists';

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
    // Cut lead-in words (会议由…, 受…委托) off the front, token by token.
    let cut = start;
    for (let at = start; at < from; at++) {
      const token = ctx.tokenStartingAt(at);
      if (token && token.end <= from && leadIns.has(token.word)) cut = token.end;
    }
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

/** Staff of a company (办公室主任 of 某某有限公司) hold no party, government or institution title. */
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

function findMentions(ctx: Context): Mention[] {
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
    let nameEnd = readName(ctx, nameStart);
    // 安徽省 + 长丰县: a head that straddles two words, followed by a word jieba knows (丰县), is a place, not a title.
    if (nameEnd > 0 && !ctx.isTokenStart(match.index) && !ctx.isTokenStart(headEnd) && isCommonWordTag(ctx.tagOf(text.slice(nameStart, nameEnd)))) continue;
    // 县长任双组长: a "name" run straight into another title is a verb and its object (任 = serve as).
    if (nameEnd > 0 && titleAtStart.test(text.slice(nameEnd, nameEnd + 8))) nameEnd = -1;
    if (nameEnd < 0 || isPhotoCredit(ctx, nameEnd)) {
      const before = nameEnd < 0 ? nameBefore(ctx, match.index, headEnd, floor) : undefined;
      if (before && !isCompanyStaff(ctx, before.titles)) {
        mentions.push(before);
        floor = headEnd;
      }
      continue;
    }
    const titles = readChain(ctx, match.index, headEnd, Math.min(floor, match.index));
    if (!titles.length || isCompanyStaff(ctx, titles)) continue;
    // 书记/主任信箱: titles paired by a slash name a post or a service, not one person.
    if (text[titles[0].start - 1] === '/' || text.slice(titles[0].start, headEnd).includes('/')) continue;
    mentions.push({ name: nameText(ctx, nameStart, nameEnd), start: titles[0].start, nameStart, nameEnd, titles, rule: 'official.title-before-name' });
    // 厅党组成员蔡某、陈某、郭某 (or 甲和乙): one title chain, several names. A name with its own title after it
    // (、韩正副区长) is someone else's mention.
    let end = nameEnd;
    while (text[end] === '、' || /[和与及]/.test(text[end] ?? '')) {
      const nextEnd = readName(ctx, end + 1);
      if (nextEnd < 0 || !endsName(ctx, nextEnd) || titleAtStart.test(text.slice(nextEnd, nextEnd + 8)) || isPhotoCredit(ctx, nextEnd)) break;
      mentions.push({ name: nameText(ctx, end + 1, nextEnd), start: end + 1, nameStart: end + 1, nameEnd: nextEnd, titles, rule: 'official.shared-title-chain' });
      end = nextEnd;
    }
    head.lastIndex = end;
    floor = end;
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
function rolesIn(ctx: Context, from: number, to: number): string[] {
  const { statement, interview } = patterns(ctx.lexicon);
  const window = ctx.text.slice(from, to).replace(/听取[^。；;]*?汇报/g, (heard) => ' '.repeat(heard.length));
  if (interview.test(window)) return [];
  const roles: string[] = [];
  for (const { role, regex } of ctx.lexicon.roles) {
    if (!roles.includes(role) && regex.test(window)) roles.push(role);
  }
  // Keep the order the roles are written in.
  roles.sort((a, b) => firstIndex(ctx, window, a) - firstIndex(ctx, window, b));
  if (statement.test(window)) roles.push(STATEMENT);
  return roles;
}

function firstIndex(ctx: Context, window: string, role: string): number {
  let best = Infinity;
  for (const pattern of ctx.lexicon.roles) {
    if (pattern.role !== role) continue;
    const match = pattern.regex.exec(window);
    if (match && match.index < best) best = match.index;
  }
  return best;
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

function rolesAfter(ctx: Context, nameEnd: number, titledByStart: Map<number, Mention>, starts: number[]): string[] {
  let from = nameEnd;
  for (let hops = 0; hops < 12; hops++) {
    const end = clauseEnd(ctx, from, starts);
    const next = titledByStart.get(end);
    if (!next || !(SHARED.test(ctx.text.slice(from, end)) || sharedAcrossLeadIn(ctx, from, end))) return rolesIn(ctx, from, end);
    from = next.nameEnd;
  }
  return [];
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
    const titled = findMentions(ctx);
    const titledAt = new Map(titled.map((mention) => [mention.nameStart, mention]));
    const titledByStart = new Map(titled.map((mention) => [mention.start, mention]));
    const starts = titled.map((mention) => mention.start).sort((a, b) => a - b);
    const byName = new Map<string, Official & { acts: boolean }>();
    for (const mention of titled) {
      const titles = mention.titles.map((title) => ctx.surface(title.start, title.end).trim());
      let official = byName.get(mention.name);
      if (!official) {
        official = { name: ctx.surface(mention.nameStart, mention.nameEnd).replace(/[ \u3000]/g, ''), titles: [], roles: [], span: ctx.span(mention.start, mention.nameEnd), spans: [], acts: false, rule: mention.rule, evidence: mention.titles.map((t) => ctx.span(t.start, t.end)) };
        byName.set(mention.name, official);
      }
      // One chain keeps every part as written (党组书记、局长，市综合执法局局长); a later mention adds only what an
      // earlier one did not already say (区长 after 区委副书记、区长).
      const earlier = official.titles.slice();
      for (const title of titles) {
        if (official.titles.includes(title) || earlier.some((known) => known.includes(title))) continue;
        official.titles = official.titles.filter((known) => !(earlier.includes(known) && title.includes(known)));
        official.titles.push(title);
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
        const roles = rolesAfter(ctx, end, titledByStart, starts);
        // A name standing before its title or alone is only cited unless it does something here.
        if ((own !== undefined && !own.before) || roles.some((role) => !EVENT_ONLY.has(role))) official.acts = true;
        const event = roles.some((role) => EVENT_ONLY.has(role)) && atEvent(ctx, at, clauseEnd(ctx, end, starts));
        const withMeeting = roles.includes(STATEMENT) && inMeetingParagraph(ctx, at, reported);
        for (const role of roles) {
          if (!EVENT_ONLY.has(role) || event || (role === STATEMENT && withMeeting)) addRole(official, role);
          else pending.set(official, [...(pending.get(official) ?? []), role]);
        }
      }
    }
    for (const [official, roles] of pending) {
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

