import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import { isCommonWordTag, isNameTag } from '../segment/types';
import type { Official } from '../types';

interface Mention {
  name: string;
  /** Start of the title chain (or of the name for a bare mention). */
  start: number;
  nameStart: number;
  nameEnd: number;
  titles: Array<{ start: number; end: number }>;
}

const CJK = /^[\u3400-\u9fff]$/;
const SEPARATOR = /[、，,\s]/;
const HARD_STOP = /[。；;：:!！?？\n()（）“”"《》【】\[\]]/;
const NAME_END = /^(?:[，,。、；;:：！!？?\s()（）“”"]|$)/;
/** Tokens after which the words before a title are lead-in, not organisation. */
const CHAIN_CUT = new Set('专访 召见 会见 会晤 接见 选举 投票 致电 致信 会谈 通话 任命 告诉 随后 由 在 受 请 让 使 邀请 对 向 与 及 的 了 是 为 被 经 据 同 陪同 会议 会上 听取 参加 出席 主持 讲话 并 等 以及 加强 委托 带领 率领 看望 会见 今天 日 时 上 中 后 前 有 各 对于 由于 作为 担任 任 原 前任 新任 现任 分别 也 还 都'.split(' '));
/** Words that are never given names: 同志们, 主持会议 … */
const NOT_GIVEN = /^(?:同志|主持|出席|讲话|参加|指出|强调|表示|要求|会议|领导|一行|等|和|在|对|与)/;

const regexCache = new WeakMap<Lexicon, { head: RegExp; atStart: RegExp; atEnd: RegExp; boundary: RegExp }>();

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patterns(lexicon: Lexicon) {
  let cached = regexCache.get(lexicon);
  if (!cached) {
    const titles = lexicon.titles.map(escape).join('|');
    const roleWords = lexicon.roles.map((role) => role.regex.source);
    const boundaries = [...lexicon.roleBoundaries.map(escape), ...roleWords].join('|');
    cached = {
      head: new RegExp(`(?:${titles})`, 'g'),
      atStart: new RegExp(`^(?:${titles})`),
      atEnd: new RegExp(`(?:${titles})$`),
      boundary: new RegExp(`^(?:${boundaries})`),
    };
    regexCache.set(lexicon, cached);
  }
  return cached;
}

function surnameLength(lexicon: Lexicon, text: string, at: number): number {
  if (lexicon.compoundSurnames.has(text.slice(at, at + 2))) return 2;
  return lexicon.surnames.has(text[at]) ? 1 : 0;
}

function allCjk(text: string): boolean {
  for (const ch of text) if (!CJK.test(ch)) return false;
  return text.length > 0;
}

/** Characters that end a clause word, never a given name (宋平将 = 宋平 + 将). */
const FUNCTION_CHAR = /[将在对和与及的了是为把被向从以就也都还又说称]/;

/** A transliterated foreign name: 阿卜杜拉·阿齐兹 (with the middle dot). */
const FOREIGN = /^[\u3400-\u9fff]{1,6}[·•・][\u3400-\u9fff]{1,8}(?:[·•・][\u3400-\u9fff]{1,8})?/;

/** Read a person's name starting at `at`; returns its end, or -1. */
export function readName(ctx: Context, at: number): number {
  const { text, lexicon } = ctx;
  const { boundary } = patterns(lexicon);
  const endsWell = (end: number) => NAME_END.test(text.slice(end, end + 1)) || boundary.test(text.slice(end, end + 6));
  const foreign = FOREIGN.exec(text.slice(at, at + 24));
  if (foreign) {
    // The regex runs on into the verb (帕森斯表示): take the shortest last part that ends well.
    const lastDot = Math.max(foreign[0].lastIndexOf('·'), foreign[0].lastIndexOf('•'), foreign[0].lastIndexOf('・'));
    for (let end = at + lastDot + 2; end <= at + foreign[0].length; end++) if (endsWell(end)) return end;
    for (let end = at + lastDot + 3; end <= at + foreign[0].length; end++) if (ctx.isTokenStart(end)) return end;
  }
  const surname = surnameLength(lexicon, text, at);
  if (!surname) return -1;
  // 县长任总顾问: the "given name" opens a title, so this is a verb (任 = serve as), not a surname.
  const { atStart } = patterns(lexicon);
  if (atStart.test(text.slice(at + surname, at + surname + 8)) || text[at + surname] === '总') return -1;
  const candidates: number[] = [];
  const token = ctx.tokenStartingAt(at);
  if (token && token.word.length >= surname + 1 && token.word.length <= 4) candidates.push(token.word.length);
  if (token && token.word.length === surname) {
    const next = ctx.tokenStartingAt(token.end);
    if (next && next.word.length <= 2) candidates.push(surname + next.word.length);
  }
  for (const length of [surname + 2, surname + 1]) if (!candidates.includes(length)) candidates.push(length);
  for (const length of candidates) {
    const name = text.slice(at, at + length);
    if (!allCjk(name) || NOT_GIVEN.test(name.slice(surname))) continue;
    if (ctx.lexicon.notNames.some((word) => name.startsWith(word) || word.startsWith(name))) continue;
    if (endsWell(at + length) && !isCommonWordTag(ctx.tagOf(name))) return at + length;
  }
  // No boundary word follows (赵航感慨地说): accept jieba's whole token when jieba does not know it as a common word.
  const plausible = token && token.word.length <= surname + 2 && !FUNCTION_CHAR.test(token.word.slice(-1));
  if (token && plausible && candidates[0] === token.word.length && allCjk(token.word) && !NOT_GIVEN.test(token.word.slice(surname))) {
    if (isNameTag(ctx.tagOf(token.word))) return token.end;
  }
  // jieba split the surname off a given name it knows as a word (蒯 + 明远): surname token + one short token.
  if (token && token.word.length === surname) {
    const given = ctx.tokenStartingAt(token.end);
    if (given && given.word.length <= 2 && allCjk(given.word) && !NOT_GIVEN.test(given.word) && ctx.isTokenStart(given.end)) return given.end;
  }
  return -1;
}

/** Walk back from a title head to the start of its title and of the chain before it. */
function readChain(ctx: Context, headStart: number, headEnd: number, floor: number): Array<{ start: number; end: number }> {
  const { text } = ctx;
  const { atEnd } = patterns(ctx.lexicon);
  const titles: Array<{ start: number; end: number }> = [];
  let end = headEnd;
  let from = headStart;
  for (;;) {
    let start = from;
    while (start > floor && !SEPARATOR.test(text[start - 1]) && !HARD_STOP.test(text[start - 1]) && end - start < 24) start--;
    // 甲和乙书记: the chain starts after the conjunction that follows the previous person.
    if (start === floor && /[和与及]/.test(text[start] ?? '') && start < from) start++;
    // Cut lead-in words (会议由…, 受…委托) off the front, token by token.
    let cut = start;
    for (let at = start; at < from; at++) {
      const token = ctx.tokenStartingAt(at);
      if (token && token.end <= from && CHAIN_CUT.has(token.word)) cut = token.end;
    }
    titles.unshift({ start: cut, end });
    // A chain never runs on across a line break (a page's <title> 区长 above a paragraph opening with 县长李明远).
    if (cut !== start || start <= floor || !SEPARATOR.test(text[start - 1]) || HARD_STOP.test(text[start - 1])) break;
    // The previous part of the chain must itself end with a title head.
    let prevEnd = start - 1;
    while (prevEnd > 0 && /\s/.test(text[prevEnd - 1]) && text[start - 1] !== '、') prevEnd--;
    const before = text.slice(Math.max(0, prevEnd - 24), prevEnd);
    const head = atEnd.exec(before);
    if (!head) break;
    end = prevEnd;
    from = prevEnd - head[0].length;
  }
  return titles.filter((title) => title.end - title.start >= 2);
}

/** Staff of a company (办公室主任 of 某某有限公司) hold no party, government or institution title. */
function isCompanyStaff(text: string, titles: Array<{ start: number; end: number }>): boolean {
  const written = titles.map((title) => text.slice(title.start, title.end));
  return written.some((title) => /公司|集团|企业|厂/.test(title)) && !written.some((title) => /党/.test(title));
}

function findMentions(ctx: Context): Mention[] {
  const { text } = ctx;
  const { head } = patterns(ctx.lexicon);
  const mentions: Mention[] = [];
  let floor = 0;
  head.lastIndex = 0;
  for (let match = head.exec(text); match; match = head.exec(text)) {
    const headEnd = match.index + match[0].length;
    let nameStart = headEnd;
    while (text[nameStart] === ' ' && nameStart - headEnd < 2) nameStart++;
    const nameEnd = readName(ctx, nameStart);
    if (nameEnd < 0) continue;
    const titles = readChain(ctx, match.index, headEnd, Math.min(floor, match.index));
    if (!titles.length || isCompanyStaff(text, titles)) continue;
    mentions.push({ name: text.slice(nameStart, nameEnd), start: titles[0].start, nameStart, nameEnd, titles });
    // 厅党组成员蔡某、陈某、郭某: one title chain, several names.
    let end = nameEnd;
    while (text[end] === '、') {
      const nextEnd = readName(ctx, end + 1);
      if (nextEnd < 0) break;
      mentions.push({ name: text.slice(end + 1, nextEnd), start: end + 1, nameStart: end + 1, nameEnd: nextEnd, titles });
      end = nextEnd;
    }
    head.lastIndex = end;
    floor = end;
  }
  return mentions;
}

function rolesIn(ctx: Context, from: number, to: number): string[] {
  const window = ctx.text.slice(from, to);
  const roles: string[] = [];
  for (const { role, regex } of ctx.lexicon.roles) {
    if (!roles.includes(role) && regex.test(window)) roles.push(role);
  }
  // Keep the order the roles are written in.
  return roles.sort((a, b) => firstIndex(ctx, window, a) - firstIndex(ctx, window, b));
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

/** Where the clause about a mention ends: the sentence end, or where the next person's mention starts. */
/**
 * Where the clause about a mention ends: the first comma, unless the next clause goes on with the same subject
 * (…出席会议，并讲话), the sentence end, or where the next person's mention starts.
 */
function clauseEnd(ctx: Context, from: number, nextStarts: number[]): number {
  const { text } = ctx;
  let end = from;
  for (;;) {
    while (end < text.length && !/[。；;!！?？\n,，]/.test(text[end]) && end - from < 60) end++;
    const continues = /^[,，](?:并|还|同时|随后|并且|又|也)/.test(text.slice(end, end + 3));
    // A comma right after the name (胡春华，乔保平…) separates people, not clauses: keep going.
    const listComma = /[,，]/.test(text[end] ?? '') && end === from;
    if (!(continues || listComma) || end - from >= 60) break;
    end++;
  }
  // nextStarts is sorted: the first start at or after `from` is the only one that can cut the clause (a scan of
  // all of them per mention was quadratic).
  let low = 0;
  let high = nextStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (nextStarts[mid] < from) low = mid + 1;
    else high = mid;
  }
  if (low < nextStarts.length && nextStarts[low] < end) end = nextStarts[low];
  return end;
}

/** Only a conjunction before the next person (甲和乙出席并讲话, 甲，乙，丙出席…): the roles are shared. */
const SHARED = /^[，,、和与及以及\s]*$/;

function rolesAfter(ctx: Context, nameEnd: number, titledByStart: Map<number, Mention>, starts: number[]): string[] {
  let from = nameEnd;
  for (let hops = 0; hops < 12; hops++) {
    const end = clauseEnd(ctx, from, starts);
    const next = titledByStart.get(end);
    if (!next || !SHARED.test(ctx.text.slice(from, end))) return rolesIn(ctx, from, end);
    from = next.nameEnd;
  }
  return [];
}

/** A leader named only as the source of a doctrine or instruction (习近平新时代…思想, 重要指示精神). */
const DOCTRINE = /^(?:同志)?(?:新时代|重要|关于|对|在|系列|总书记)[^。；;，,]{0,16}(?:思想|讲话|指示|批示|论述|精神|要求)/;

export const officials: Extractor = {
  id: 'officials',
  needs: [],
  provides: ['officials'],
  run(ctx) {
    const titled = findMentions(ctx);
    const titledAt = new Set(titled.map((mention) => mention.nameStart));
    const titledByStart = new Map(titled.map((mention) => [mention.start, mention]));
    const starts = titled.map((mention) => mention.start).sort((a, b) => a - b);
    const byName = new Map<string, Official & { acts: boolean }>();
    for (const mention of titled) {
      const titles = mention.titles.map((title) => ctx.surface(title.start, title.end).trim());
      let official = byName.get(mention.name);
      if (!official) {
        official = { name: ctx.surface(mention.nameStart, mention.nameEnd), titles: [], roles: [], span: ctx.span(mention.start, mention.nameEnd), spans: [], acts: false };
        byName.set(mention.name, official);
      }
      for (const title of titles) {
        if (!official.titles.some((known) => known.includes(title))) {
          official.titles = official.titles.filter((known) => !title.includes(known));
          official.titles.push(title);
        }
      }
    }
    // Every mention of each name, titled or not, contributes roles.
    const { boundary } = patterns(ctx.lexicon);
    for (const [name, official] of byName) {
      for (let at = ctx.text.indexOf(name); at >= 0; at = ctx.text.indexOf(name, at + name.length)) {
        const end = at + name.length;
        const doctrine = DOCTRINE.test(ctx.text.slice(end, end + 24));
        const bounded = titledAt.has(at) || NAME_END.test(ctx.text.slice(end, end + 1)) || boundary.test(ctx.text.slice(end, end + 6));
        if (!doctrine && !bounded) continue;
        official.spans.push(ctx.span(at, end));
        if (doctrine) continue;
        official.acts = true;
        for (const role of rolesAfter(ctx, end, titledByStart, starts)) {
          if (!official.roles.includes(role)) official.roles.push(role);
        }
      }
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
        const roles = rolesIn(ctx, end, clauseEnd(ctx, end, starts));
        for (const official of group) for (const role of roles) if (!official.roles.includes(role)) official.roles.push(role);
      }
    }
    const list = [...byName.values()]
      .filter((official) => official.acts || official.roles.length > 0)
      .map(({ acts: _acts, ...official }): Official => official);
    return { officials: list };
  },
};

