import { findDates, imageDate, isoDate, publicationDate, resolveDate, datelineDate, type DateEvidence, type DateMention } from '../grammar/dates';
import { alternation, escapeRegExp, wordList } from '../lexicon/word-lists';
import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import type { Meeting } from '../types';
import { DIGITS_0_9, DIGITS_1_9 } from '../util/numbers';

const LEADING_DATE = new RegExp(String.raw`^(?:(?:\d{4}|[${DIGITS_0_9}]{4})年)?(?:[\d${DIGITS_1_9}十]{1,3}月)?(?:[\d${DIGITS_1_9}十]{1,3}日)?(?:上午|下午|晚上|晚|早上)?[,，]?\s*`);
/** 2022年… in a headline names the year the meeting is about. */
const HEADLINE_YEAR = /(\d{4})年/;
const CLAUSE_STOP = /[,，。；;!！?？:：\n]/;
const SENTENCE_STOP = /[。；;!！?？\n]/;
const CJK = /[\u3400-\u9fff]/;

/** How far a meeting name is looked for after the verb (names are far shorter). */
const MAX_NAME_SCAN = 200;
const MAX_VERBS = 50;
/** Paragraphs after the headline searched for the lead sentence that reports the meeting. */
const LEAD_PARAGRAPHS = 6;
/** Sentences before the meeting's own sentence that may carry its date (2月8日，…。…召开…现场会). */
const DATE_LOOKBACK_SENTENCES = 2;

interface Found {
  name: [number, number];
  org: [number, number] | null;
  clause: [number, number];
  /** The org is the subject of 召开 (trusted over 由X主办) rather than a place leading the name. */
  subject?: boolean;
}

/** The meeting grammar's word lists, compiled once per lexicon. */
interface Grammar {
  noun: RegExp;
  notNouns: string[];
  verb: RegExp;
  notConveners: Set<string>;
  /** 近日, 日前 …: no day stated. */
  vague: RegExp;
  stops: RegExp;
  routine: RegExp;
  passive: RegExp;
  at: RegExp;
  hosted: RegExp;
  body: RegExp;
  /** A whole phrase that is a body: place words, then anything, then an organisation head (局, 办公室 …). */
  wholeBody: RegExp;
  /** Organisation heads (body-suffixes.txt), longest first. */
  heads: string[];
  /** Building heads (building-heads.txt): 中心 ends a body's name (融媒体中心) but a venue's mostly (市民中心). */
  buildings: string[];
}

const grammars = new WeakMap<Lexicon, Grammar>();

function grammar(lexicon: Lexicon): Grammar {
  const cached = grammars.get(lexicon);
  if (cached) return cached;
  const nouns = alternation(wordList(lexicon, 'meeting-nouns.txt'));
  // Any …会 is a meeting noun too (动员会, 恳谈会); not-meeting-nouns.txt takes back 灯会, 协会 …
  const noun = `(?:${nouns ? `${nouns}|` : ''}会)`;
  const verbs = alternation(wordList(lexicon, 'meeting-verbs.txt')) || '(?!)';
  const stops = alternation(wordList(lexicon, 'convener-stops.txt'));
  const suffixes = alternation(wordList(lexicon, 'body-suffixes.txt')) || '(?!)';
  const built: Grammar = {
    noun: new RegExp(noun, 'g'),
    notNouns: wordList(lexicon, 'not-meeting-nouns.txt'),
    verb: new RegExp(`(?:${verbs})`, 'g'),
    notConveners: new Set(wordList(lexicon, 'not-conveners.txt')),
    vague: new RegExp(alternation(wordList(lexicon, 'vague-dates.txt')) || '(?!)'),
    stops: new RegExp(`${stops ? `${stops}|` : ''}以“|以[^，,。]{0,20}为`),
    routine: new RegExp(`(?:${alternation(wordList(lexicon, 'routine-markers.txt')) || '(?!)'})[^，,。；;]{0,8}$`),
    // 广东省…工作会议(于3月6日)(在广州)(隆重)召开: the name comes first.
    passive: new RegExp(
      `([^，,。；;!！?？\\n]{2,40}?${noun})(?:(?:于|在)[^，,。；;!！?？\\n]{1,16}?){0,2}(?:隆重|正式|顺利|成功)?(?:召开|举行|举办|开幕)(?![地方])`,
    ),
    // 在…新闻发布会上, 从…举行的…通气会上获悉
    at: new RegExp(`(?:在|从)([^，,。；;!！?？\\n]{2,40}?${noun})上`),
    // 由X主办
    hosted: /由([^，,。；;!！?？\n由]{2,40}?)(?:联合|共同)?(?:主办|举办|召开|组织)/,
    body: new RegExp(`(?:[\\u3400-\\u9fff]{1,6}?(?:省|自治区|市|自治州|州|县|区|旗)){1,3}[\\u3400-\\u9fff]{0,14}?(?:${suffixes})`, 'g'),
    // 市政府新闻办: a level word alone may open a body (the place is the text's own).
    wholeBody: new RegExp(`^(?:(?:[\\u3400-\\u9fff]{1,6}?(?:省|自治区|市|自治州|州|县|区|旗)){1,3}|[省市县区镇乡])[\\u3400-\\u9fff]{0,14}?(?:${suffixes})$`),
    heads: wordList(lexicon, 'body-suffixes.txt').sort((a, b) => b.length - a.length),
    buildings: wordList(lexicon, 'building-heads.txt'),
  };
  grammars.set(lexicon, built);
  return built;
}

/** Cut a name at its last meeting noun; null when it has none or ends in a word that is no meeting (灯会, 协会). */
function nameEnd(g: Grammar, text: string, start: number, end: number): number | null {
  const name = text.slice(start, end);
  g.noun.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = g.noun.exec(name); m; m = g.noun.exec(name)) last = m;
  if (!last) return null;
  let cut = last.index + last[0].length;
  // 联席会 then 议: a longer noun starting inside the match (联席会议) ends the name.
  for (let at = last.index + 1; at < cut; at++) {
    g.noun.lastIndex = 0;
    const longer = g.noun.exec(name.slice(at));
    if (longer && longer.index === 0 && at + longer[0].length > cut) cut = at + longer[0].length;
  }
  // Keep a closing quote or bracket that belongs to the name: “…”专题会, 会议（扩大）.
  while (cut < name.length && /[”》）)]/.test(name[cut])) cut++;
  const named = name.slice(0, cut);
  if (g.notNouns.some((word) => named.endsWith(word))) return null;
  return start + cut;
}

/** ORG召开NAME inside [from, to): the meeting name runs to its last meeting noun. */
function findConvened(ctx: Context, g: Grammar, from: number, to: number): Found | null {
  const { text } = ctx;
  const slice = text.slice(from, to);
  g.verb.lastIndex = 0;
  let tried = 0;
  for (let match = g.verb.exec(slice); match; match = g.verb.exec(slice)) {
    // A real lead names its meeting within a few verbs; giving up after MAX_VERBS keeps junk input linear.
    if (++tried > MAX_VERBS) break;
    const verbStart = from + match.index;
    // 举办地, 主办方: a noun, not the verb.
    if (/[地方]/.test(text[verbStart + match[0].length] ?? '')) continue;
    if (g.routine.test(text.slice(Math.max(from, verbStart - 12), verbStart))) continue;
    let nameStart = verbStart + match[0].length;
    while (nameStart < to && /\s/.test(text[nameStart])) nameStart++;
    if (text[nameStart] === '的') continue; // 近日召开的…会议在某地召开: the passive form below
    let scanEnd = nameStart;
    // Bounded: a scan to the clause end for every verb was quadratic on long unpunctuated text.
    while (scanEnd < to && scanEnd - nameStart < MAX_NAME_SCAN && !CLAUSE_STOP.test(text[scanEnd])) scanEnd++;
    const end = nameEnd(g, text, nameStart, scanEnd);
    if (end === null) continue;
    let orgStart = verbStart;
    while (orgStart > from && !CLAUSE_STOP.test(text[orgStart - 1])) orgStart--;
    const lead = LEADING_DATE.exec(text.slice(orgStart, verbStart));
    if (lead) orgStart += lead[0].length;
    // 部长王某主持召开: a person chairs; the body is named in the meeting's name or elsewhere.
    const org = match[0].startsWith('主持') ? null : convener(ctx, g, orgStart, verbStart);
    let clauseStart = orgStart;
    while (clauseStart > 0 && !SENTENCE_STOP.test(text[clauseStart - 1])) clauseStart--;
    return { name: [nameStart, end], org, clause: [clauseStart, end], subject: org !== null };
  }
  return null;
}

/**
 * The convening body in [start, end): the subject before 召开, cut where adverbials or a co-organiser begin
 * (A、B召开 keeps A), markup and leading prepositions left out. Null for 全市 alone, time words, a person.
 */
function convener(ctx: Context, g: Grammar, start: number, end: number): [number, number] | null {
  const { text } = ctx;
  // Markup that leaked into the text (">县人大常委会) and leading prepositions (从…举行) are not part of a body.
  while (start < end && !CJK.test(text[start]) && !/[A-Za-z0-9]/.test(text[start])) start++;
  while (start < end && /[从由在经据]/.test(text[start]) && end - start > 3) start++;
  const subject = text.slice(start, end);
  // 部长王某主持召开: a person chairs, the body is named elsewhere.
  if (/主持$|同志$/.test(subject.trim())) return null;
  const cut = g.stops.exec(subject);
  let stop = cut && cut.index >= 2 ? start + cut.index : end;
  // 某县3月6日召开: a date after the body ends it.
  const date = findDates(text, start, stop)[0];
  if (date && date.start - start >= 2) stop = date.start;
  const co = text.slice(start, stop).search(/[、,，]/);
  if (co >= 2) stop = start + co;
  // 市委宣传部和市文旅局: 和/与 joins two bodies when a head ends the first and a level word opens the second;
  // inside a department's name (发展和改革局, 住房和城乡建设局) it does not.
  for (let at = start + 2; at < stop - 2; at++) {
    if (!/[和与及]/.test(text[at]) || !/[省市县区镇乡州旗]/.test(text[at + 1])) continue;
    if (g.heads.some((head) => text.endsWith(head, at))) {
      stop = at;
      break;
    }
  }
  let body = text.slice(start, stop).replace(/[、,，\s]+$/, '');
  body = body.replace(/^[^\u3400-\u9fffA-Za-z0-9]+/, '');
  // 该区/本市/我县: the place of that level the text named before.
  const relative = /^[该本我]([省市县区镇乡州旗])$/.exec(body);
  if (relative) return namedBefore(ctx, relative[1], start);
  // 全区各部门, 全市上下: the whole territory is no body (全国人大常委会 is one).
  if (body.length < 2 || body.length > 40 || g.notConveners.has(body) || /主持$|同志$/.test(body) || /^全[省市县区镇乡州旗]/.test(body)) return null;
  return [start, start + body.length];
}

/** The nearest place ending in `level` (XX区) written before `before`, as a whole token. */
function namedBefore(ctx: Context, level: string, before: number): [number, number] | null {
  const { text } = ctx;
  for (let at = text.lastIndexOf(level, before - 1); at > 0; at = text.lastIndexOf(level, at - 1)) {
    // The longest run of Chinese characters before the level word that starts a word (青溪区, 不是 “经济区”).
    for (let start = Math.max(0, at - 4); start < at - 1; start++) {
      if (!/^[\u3400-\u9fff]+$/.test(text.slice(start, at)) || !ctx.isTokenStart(start)) continue;
      if (start > 0 && /[\u3400-\u9fff]/.test(text[start - 1]) && !/[，。、；：“（\s在的于对]/.test(text[start - 1])) continue;
      if (!/^[全该本我各每城市地辖在于从由对和与]/.test(text[start])) return [start, at + 1];
    }
  }
  return null;
}

/** Words that open a venue or agent phrase (在某局举行的, 由某局主办): never the first word of a body. */
const OPENS_PHRASE = /^[在由]/;
/** Characters a body's name does not run on through: particles, clause verbs, conjunctions, list marks. */
const NOT_IN_HEAD_RUN = /[的在召举和与及、对为将向把被等]/;
/** What may follow a venue body (在某局举行的…, 在某局召开): a verb, 的, 上 or the clause's end. */
const AFTER_VENUE = /^(?:召开|举行|举办|的|上|[，,。；;\s]|$)/;
/** How far a body may run on past a head to a further one (人民政府 + 新闻办公室). */
const MAX_HEAD_RUN = 12;

/**
 * A body runs on to its head: from `end` (just after one organisation head) the longest run of characters, at most
 * MAX_HEAD_RUN and not past `limit`, that ends in another head at a word boundary (市人民政府 → 市人民政府新闻办公室).
 */
function toHead(ctx: Context, g: Grammar, end: number, limit: number): number {
  const { text } = ctx;
  let best = end;
  for (let k = end + 1; k <= Math.min(limit, end + MAX_HEAD_RUN); k++) {
    const ch = text[k - 1];
    if (!CJK.test(ch) || NOT_IN_HEAD_RUN.test(ch)) break;
    if (ctx.isTokenStart(k) && !g.buildings.some((word) => text.endsWith(word, k)) && g.heads.some((head) => text.endsWith(head, k))) best = k;
  }
  return best;
}

/** [start, end) when that phrase, a leading 在/由 aside, is a whole body (临沂市人民政府新闻办公室); 全区… is none. */
function wholeBodyAt(ctx: Context, g: Grammar, start: number, end: number): [number, number] | null {
  while (start < end && (OPENS_PHRASE.test(ctx.text[start]) || !CJK.test(ctx.text[start]))) start++;
  const phrase = ctx.text.slice(start, end);
  if (!g.wholeBody.test(phrase) || /^[全各本该我]/.test(phrase) || g.buildings.some((word) => phrase.endsWith(word)) || g.notConveners.has(phrase)) return null;
  return [start, end];
}

const LEADING_PLACE = /^((?:[\u3400-\u9fff]{1,5}?(?:省|自治区|市|自治州|州|县|区|旗)){1,3})(?=[\u3400-\u9fff\d]{4})/;

function clauseStartOf(text: string, at: number): number {
  while (at > 0 && !SENTENCE_STOP.test(text[at - 1])) at--;
  return at;
}

/** The name before the verb: 广东省住房和城乡建设工作会议在广州召开; a leading place is the convening body. */
function findPassive(ctx: Context, g: Grammar, from: number, to: number, pattern: RegExp, verbIncluded: boolean): Found | null {
  const slice = ctx.text.slice(from, to);
  const match = pattern.exec(slice);
  if (!match) return null;
  let start = from + match.index + match[0].indexOf(match[1]);
  const raw = match[1];
  const lead = LEADING_DATE.exec(raw);
  const vagueWord = g.vague.exec(raw);
  const vague = vagueWord && vagueWord.index === 0 ? /^[^,，]*[,，]?/.exec(raw.slice(0, vagueWord[0].length + 1)) : null;
  if (lead && lead[0]) start += lead[0].length;
  else if (vague) start += vague[0].length;
  const end = nameEnd(g, ctx.text, start, from + match.index + match[0].indexOf(match[1]) + raw.length);
  if (end === null) return null;
  // 近日召开的甘肃省…会议, 举行的…通气会: the name follows the last 的 or verb.
  const after = /^.*(?:的|召开|举行|举办)/.exec(ctx.text.slice(start, end));
  let venue: [number, number] | null = null;
  if (after && end - (start + after[0].length) >= 3) {
    // 在某市政府新闻办公室举行的新闻发布会上: the body holding the meeting at its premises organised it.
    const held = /^(.*?)(?:召开|举行|举办)的$/.exec(after[0]);
    if (held) venue = wholeBodyAt(ctx, g, start, start + held[1].length);
    start += after[0].length;
  }
  while (start < end && /\s/.test(ctx.text[start])) start++;
  // A leading body (南湖市政府新闻发布会) or place (广东省…工作会议) is the convener.
  g.body.lastIndex = 0;
  const body = g.body.exec(ctx.text.slice(start, end));
  const place = LEADING_PLACE.exec(ctx.text.slice(start, end));
  // 山东德州市: the lazy match stops at 德州; a level word right after belongs to the place.
  if (place) while (/[省市县区旗]/.test(ctx.text[start + place[1].length] ?? '') && end - start - place[1].length > 4) place[1] += ctx.text[start + place[1].length];
  // 中央城市工作会议: 城市 is no place.
  // 全区民营企业座谈会: 全区/全市 alone is no body, also when it opens the name.
  const placeText = place && !/(?:城市|都市)$/.test(place[1]) && !/^[全本该各我]/.test(place[1]) && !g.notConveners.has(place[1]) ? place[1] : '';
  const leadingBody = body && body.index === 0 && !/^[全本该各我]/.test(body[0]) && end - start - body[0].length >= 3 ? body[0] : '';
  let leadingEnd = leadingBody ? toHead(ctx, g, start + leadingBody.length, end - 3) : start + placeText.length;
  if (!leadingBody && (!placeText || placeText.endsWith('地区'))) leadingEnd = start;
  const org: [number, number] | null = venue ?? (leadingEnd > start ? [start, leadingEnd] : null);
  const shapeEnd = verbIncluded ? from + match.index + match[0].length : end;
  return { name: [org && org[0] === start ? org[1] : start, end], org, clause: [clauseStartOf(ctx.text, org ? Math.min(org[0], start) : start), shapeEnd] };
}

/** The meeting a stretch of text reports, in whichever shape comes first. */
function findMeeting(ctx: Context, g: Grammar, from: number, to: number): Found | null {
  const active = findConvened(ctx, g, from, to);
  const candidates = [findPassive(ctx, g, from, to, g.passive, true), findPassive(ctx, g, from, to, g.at, false)];
  let best: Found | null = active;
  for (const found of candidates) {
    // 县人大常委会召开第十次会议: a passive "name" that is the subject of the active form is not the meeting.
    if (!found || (active && found.clause[1] <= active.name[0])) continue;
    if (!best || found.name[0] < best.name[0]) best = found;
  }
  return best;
}

/** A body named in a headline or lead sentence: a place followed by an institution (安徽省住房和城乡建设系统). */
function firstBody(ctx: Context, g: Grammar, from: number, to: number): [number, number] | null {
  const slice = ctx.text.slice(from, to);
  g.body.lastIndex = 0;
  for (let m = g.body.exec(slice); m; m = g.body.exec(slice)) {
    // 在某市人民政府…: a leading 在 opens the venue phrase, not the body.
    const opens = OPENS_PHRASE.test(m[0]) ? 1 : 0;
    if (/^[全各本该我]/.test(m[0].slice(opens)) || !ctx.isTokenStart(from + m.index)) continue;
    const start = from + m.index + opens;
    if (!g.wholeBody.test(slice.slice(m.index + opens, m.index + m[0].length))) continue;
    const end = toHead(ctx, g, from + m.index + m[0].length, to);
    // 在县委党校举行: after 在 the whole venue must be the body, not a body word opening it.
    if (opens && (!AFTER_VENUE.test(ctx.text.slice(end, to)) || g.buildings.some((word) => ctx.text.endsWith(word, end)))) continue;
    return [start, end];
  }
  return null;
}

/** 由X主办 in [from, to): X is the organiser (the first of several). */
function hostedBy(ctx: Context, g: Grammar, from: number, to: number): [number, number] | null {
  const m = g.hosted.exec(ctx.text.slice(from, to));
  if (!m) return null;
  const start = from + m.index + 1;
  return convener(ctx, g, start, start + m[1].length);
}

/** A meeting named after its body (部扶贫攻坚领导小组2018年第二次会议): the body is the convener. */
const NUMBERED_SESSION = new RegExp(String.raw`^(.{2,30}?(?:小组|委员会|常委会|党组|党委|政府|办公会|人大))((?:\d{4}年)?(?:第[${DIGITS_1_9}十\d]+次)?(?:全体|常务|扩大)?(?:会议|全会))$`);

/** Level words a relative body starts with (部扶贫攻坚领导小组, 市政府): the text names the full body elsewhere. */
const LEVEL = /^[部省市区县镇厅局委]/;

/** The fullest form of a body the text gives, where it writes it out (部扶贫攻坚领导小组 → 住房城乡建设部扶贫攻坚领导小组). */
function fullerBody(ctx: Context, g: Grammar, org: string): [number, number] | null {
  if (!LEVEL.test(org)) return null;
  const { text } = ctx;
  const pattern = new RegExp(`([\\u3400-\\u9fff]{2,12}?${escapeRegExp(org[0])})${escapeRegExp(org.slice(1))}`, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const prefixEnd = m.index + m[1].length - 1;
    let start = m.index;
    // The longest prefix that starts a word and is no time word or 全/各/本/该.
    while (start < prefixEnd && (!ctx.isTokenStart(start) || /^[全各本该]/.test(text.slice(start, start + 1)) || [...g.notConveners].some((w) => text.startsWith(w, start)))) start++;
    const prefix = text.slice(start, prefixEnd + 1);
    // A body's name holds no verb and no title (某某部部长王某主持召开部… is no longer form of 部…).
    g.verb.lastIndex = 0;
    const clean = !g.verb.test(prefix) && !/主持|[、，,]/.test(prefix) && !ctx.lexicon.titles.some((t) => t.length >= 2 && prefix.includes(t));
    if (clean && prefixEnd - start >= 2) return [start, m.index + m[0].length];
    pattern.lastIndex = m.index + 1;
  }
  return null;
}

/** `longer` writes out `body` and runs on to an organisation head of its own (镇海区 → 镇海区发展和改革局). */
function runsOn(ctx: Context, g: Grammar, body: [number, number], longer: [number, number]): boolean {
  const short = ctx.text.slice(body[0], body[1]);
  const long = ctx.text.slice(longer[0], longer[1]);
  return long.length > short.length && long.startsWith(short) && g.heads.some((head) => long.endsWith(head));
}

/** yearSource of each publication-date source (see `Published.source`). */
const PUBLISHED_AS: Record<string, string> = { dateline: 'dateline', 'image-path': 'image-timestamp' };

/** Year evidence in order of trust: the publication date, publication lines, datelines, image timestamps, then the headline. */
function dateEvidence(ctx: Context, headline: string | null): DateEvidence[] {
  const evidence: DateEvidence[] = [];
  const add = (ref: { year: number; month?: number; day?: number } | null, source: string) => {
    if (ref) evidence.push({ ...ref, source });
  };
  const published = ctx.found.published;
  if (published) {
    const [year, month, day] = published.date.split('-').map(Number);
    add({ year, month, day }, PUBLISHED_AS[published.source] ?? 'publication');
  }
  for (const piece of ctx.removed) add(publicationDate(piece.text, ctx.lexicon), 'publication');
  const top = ctx.paragraphs.slice(0, LEAD_PARAGRAPHS + 1);
  for (const [start, end] of top) if (end - start <= 60) add(publicationDate(ctx.text.slice(start, end), ctx.lexicon), 'publication');
  for (const [start, end] of top) add(datelineDate(ctx.text.slice(start, Math.min(end, start + 200))), 'dateline');
  for (const text of [...ctx.removed.map((piece) => piece.text), ctx.text.slice(0, 8000)]) {
    const stamp = imageDate(text);
    if (stamp) {
      add(stamp, 'image-timestamp');
      break;
    }
  }
  const inHeadline = headline ? HEADLINE_YEAR.exec(headline) : null;
  if (inHeadline) evidence.push({ year: +inHeadline[1], source: 'headline' });
  return evidence;
}

/** The date mention of the meeting: in its clause, else opening one of the sentences just before it. */
function meetingDate(ctx: Context, clause: [number, number]): DateMention | null {
  const { text } = ctx;
  const inClause = findDates(text, clause[0], clause[1], ctx.lexicon)[0];
  if (inClause) return grammar(ctx.lexicon).vague.test(text.slice(clause[0], inClause.start)) ? null : inClause;
  if (grammar(ctx.lexicon).vague.test(text.slice(clause[0], clause[1]))) return null;
  const [paraStart] = ctx.paragraphOf(clause[0]);
  let end = clause[0];
  for (let back = 0; back < DATE_LOOKBACK_SENTENCES && end > paraStart; back++) {
    const start = clauseStartOf(text, end - 1);
    const opening = findDates(text, start, Math.min(end, start + 12), ctx.lexicon)[0];
    if (opening && opening.start === start) return opening;
    end = start;
  }
  return null;
}

/** Shorter forms of the organisation that the text uses on their own. */
function aliasesOf(ctx: Context, org: string): string[] {
  const forms = new Set<string>([org]);
  for (const [long, short] of ctx.lexicon.aliases) {
    for (const form of [...forms]) if (form.includes(long)) forms.add(form.replace(long, short));
  }
  const { text } = ctx;
  const found: string[] = [];
  for (const form of forms) {
    for (let start = 0; start <= form.length - 3; start++) {
      const alias = form.slice(start);
      if (alias === org || found.includes(alias) || !ctx.isTokenStart(text.indexOf(alias))) continue;
      // Count uses that are not part of a longer form already known.
      let alone = 0;
      for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
        const inLonger = [...forms, ...found].some((longer) => longer.length > alias.length && longer.endsWith(alias) && text.slice(at - (longer.length - alias.length), at + alias.length) === longer);
        if (!inLonger) alone++;
      }
      if (alone > 0) found.push(alias);
    }
  }
  return found;
}

function sameMeeting(ctx: Context, a: Found, b: Found): boolean {
  const x = ctx.text.slice(a.name[0], a.name[1]);
  const y = ctx.text.slice(b.name[0], b.name[1]);
  return x.includes(y) || y.includes(x);
}

function dated(ctx: Context, clause: [number, number]): boolean {
  return findDates(ctx.text, clause[0], clause[1], ctx.lexicon).length > 0 || grammar(ctx.lexicon).vague.test(ctx.text.slice(clause[0], clause[1]));
}

/** Start of the clause before the comma at `comma` (not before `floor`). */
function clauseStartBefore(text: string, comma: number, floor: number): number {
  let at = comma;
  while (at > floor && !CLAUSE_STOP.test(text[at - 1])) at--;
  return at;
}

/** A dated report deeper in a feature: a sentence opening with its date whose main verb is 召开. */
function findDeep(ctx: Context, g: Grammar, from: number): Found | null {
  let tried = 0;
  for (const [start, end] of ctx.paragraphs) {
    if (end <= from) continue;
    const paragraph = ctx.text.slice(start, end);
    for (let at = paragraph.indexOf('召开'); at >= 0; at = paragraph.indexOf('召开', at + 2)) {
      // Bounded like the lead search: junk input full of 召开 stays linear.
      if (++tried > MAX_VERBS) return null;
      const sentence = clauseStartOf(ctx.text, start + at);
      // The date opens the clause of 召开 or the one before it (今年1月3日，市政府又召开…).
      let own = start + at;
      while (own > sentence && !CLAUSE_STOP.test(ctx.text[own - 1])) own--;
      const before = own > sentence ? clauseStartBefore(ctx.text, own - 1, sentence) : own;
      const opens = (clause: number) => /^(?:今年|去年)?(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?/.test(ctx.text.slice(clause, start + at));
      if (!opens(own) && !opens(before)) continue;
      let sentenceEnd = start + at;
      while (sentenceEnd < end && !SENTENCE_STOP.test(ctx.text[sentenceEnd])) sentenceEnd++;
      const found = findMeeting(ctx, g, sentence, sentenceEnd);
      if (found) return found;
    }
  }
  return null;
}

export const meeting: Extractor = {
  id: 'meeting',
  needs: ['title', 'published'],
  provides: ['meeting'],
  run(ctx) {
    const g = grammar(ctx.lexicon);
    const head = ctx.found.title ?? null;
    // Spans are working offsets: the headline's paragraph is the one holding its start.
    const headIndex = head ? ctx.paragraphIndex(head.span[0]) : -1;
    const headRange = head ? ctx.paragraphs[headIndex] : null;
    const squeeze = (range: [number, number]) => ctx.text.slice(range[0], range[1]).replace(/\s+/g, '');
    // A page that repeats its headline as the first body paragraph (table layouts): the lead comes after it.
    const lead = ctx.paragraphs
      .slice(headIndex + 1, headIndex + 1 + LEAD_PARAGRAPHS + 1)
      .filter((range) => !headRange || squeeze(range) !== squeeze(headRange))
      .slice(0, LEAD_PARAGRAPHS);
    let found = headRange ? findMeeting(ctx, g, headRange[0], headRange[1]) : null;
    let bodyClause: Found | null = null;
    for (let i = 0; i < lead.length; i++) {
      const candidate = findMeeting(ctx, g, lead[i][0], lead[i][1]);
      // Past the first two paragraphs a meeting is the reported one only when its sentence says when.
      if (!candidate || (i >= 2 && !dated(ctx, candidate.clause))) continue;
      if (!bodyClause) {
        bodyClause = candidate;
        if (dated(ctx, candidate.clause)) break;
      } else if (dated(ctx, candidate.clause) && sameMeeting(ctx, bodyClause, candidate)) {
        // The same meeting told again with its date (a headline-like first line, then the dated lead).
        bodyClause = candidate;
        break;
      }
      if (i >= 2) break;
    }
    if (!found) found = bodyClause;
    if (!found) found = bodyClause = findDeep(ctx, g, lead.length ? lead[lead.length - 1][1] : 0);
    if (!found) return { meeting: null };
    const { text } = ctx;
    // Headlines shorten names; the lead sentence usually gives the full one (…改造工作部署会 vs …改造部署会).
    let name = bodyClause && bodyClause.name[1] - bodyClause.name[0] > found.name[1] - found.name[0] ? bodyClause.name : found.name;
    const meetingParagraph = ctx.paragraphOf((bodyClause ?? found).clause[0]);
    // The subject of 召开 first, then 由X主办, then a place leading the name.
    const hostParagraphs = [meetingParagraph, ...lead.filter((range) => range[0] > meetingParagraph[0]).slice(0, 3)];
    const host = hostParagraphs.map((range) => hostedBy(ctx, g, range[0], range[1])).find((range) => range !== null) ?? null;
    let org = [found, bodyClause].find((f) => f?.subject)?.org ?? host ?? found.org ?? bodyClause?.org ?? null;
    // The fullest form the text gives: a headline's 镇海区召开 gives way to the lead's 镇海区发展和改革局召开.
    for (const other of [bodyClause?.org, host, found.org]) if (org && other && runsOn(ctx, g, org, other)) org = other;
    if (!org) {
      const session = NUMBERED_SESSION.exec(text.slice(name[0], name[1]));
      if (session) {
        org = [name[0], name[0] + session[1].length];
        name = [org[1], name[1]];
      }
    }
    if (!org && bodyClause) {
      // The lead names the body before the sentence that reports the meeting (2月8日，某省某系统…。…召开…现场会).
      const sentenceStart = Math.max(meetingParagraph[0], bodyClause.clause[0] - 200);
      const body = firstBody(ctx, g, sentenceStart, bodyClause.clause[1]);
      if (body && body[1] <= bodyClause.name[0]) org = body;
    }
    // 市长主持召开市政府第10次常务会议: the name without the body that convened it.
    if (org) {
      const body = text.slice(org[0], org[1]);
      const named = text.slice(name[0], name[1]);
      if (named.startsWith(body) && named.length - body.length >= 3) name = [name[0] + body.length, name[1]];
    }
    if (org) org = fullerBody(ctx, g, ctx.surface(org[0], org[1])) ?? org;
    const orgText = org ? ctx.surface(org[0], org[1]) : null;

    const evidence = dateEvidence(ctx, head ? head.text : null);
    const mention = meetingDate(ctx, bodyClause ? bodyClause.clause : found.clause);
    let date: string | null = null;
    let yearSource: string | null = null;
    if (mention) {
      const reference = mention.year ? null : evidence.find((e) => mention.month !== undefined || (e.month !== undefined && e.day !== undefined)) ?? null;
      const day = resolveDate(mention, reference);
      date = day ? isoDate(day) : null;
      yearSource = mention.year ? 'explicit' : reference?.source ?? null;
    }
    const result: Meeting = {
      name: ctx.surface(name[0], name[1]),
      nameSpan: ctx.span(name[0], name[1]),
      organization: orgText,
      organizationSpan: org ? ctx.span(org[0], org[1]) : null,
      aliases: orgText ? aliasesOf(ctx, orgText) : [],
      date,
      dateText: mention && date ? ctx.surface(mention.start, mention.end) : null,
      dateSpan: mention && date ? ctx.span(mention.start, mention.end) : null,
      yearSource: date ? yearSource : null,
      span: ctx.span(found.clause[0], found.clause[1]),
      rule: found === bodyClause ? 'meeting.lead-sentence' : 'meeting.headline',
      evidence: [found, bodyClause].filter((f): f is Found => !!f).map((f) => ctx.span(f.clause[0], f.clause[1])),
    };
    return { meeting: result };
  },
};
