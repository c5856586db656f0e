import type { Context, Extractor } from '../pipeline/context';
import type { Meeting } from '../types';

const VERB = /(?:组织召开|召开了|召开|举行了|举行|举办了|举办)/g;
const MEETING_NOUN = /(?:会议|大会|会|论坛|峰会|培训|培训班)/;
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;
const VAGUE_DATE = /近日|日前|近期|前不久|最近/;
const LEADING_DATE = /^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚|早上)?[,，]?\s*/;
/** 2022年… in a headline names the year the meeting is about. */
const HEADLINE_YEAR = /(\d{4})年/;

/** How far a meeting name is looked for after the verb (names are far shorter). */
const MAX_NAME_SCAN = 200;
const MAX_VERBS = 50;

interface Found {
  name: [number, number];
  org: [number, number] | null;
  clause: [number, number];
}

/** ORG召开NAME inside [from, to): the meeting name runs to the clause end. */
function findConvened(ctx: Context, from: number, to: number): Found | null {
  const { text } = ctx;
  const slice = text.slice(from, to);
  VERB.lastIndex = 0;
  let tried = 0;
  for (let match = VERB.exec(slice); match; match = VERB.exec(slice)) {
    // A real lead names its meeting within a few verbs; giving up after MAX_VERBS keeps junk input linear.
    if (++tried > MAX_VERBS) break;
    const verbStart = from + match.index;
    let nameStart = verbStart + match[0].length;
    while (nameStart < to && /\s/.test(text[nameStart])) nameStart++;
    if (text[nameStart] === '的') continue; // 近日召开的…会议在某地召开: the passive form below
    let nameEnd = nameStart;
    // Bounded: a scan to the clause end for every verb was quadratic on long unpunctuated text.
    while (nameEnd < to && nameEnd - nameStart < MAX_NAME_SCAN && !/[,，。；;!！?？:：\n]/.test(text[nameEnd])) nameEnd++;
    const name = text.slice(nameStart, nameEnd);
    // The name stops at its last meeting noun (…动员大会 , 以习近平… is not part of it).
    const nouns = [...name.matchAll(new RegExp(MEETING_NOUN.source, 'g'))];
    if (!nouns.length) continue;
    const lastNoun = nouns[nouns.length - 1];
    const trailing = name.slice(lastNoun.index! + lastNoun[0].length);
    if (trailing.length > 12 || /[和与并]/.test(trailing.slice(0, 1))) nameEnd = nameStart + lastNoun.index! + lastNoun[0].length;
    let orgStart = verbStart;
    while (orgStart > from && !/[,，。；;!！?？\n]/.test(text[orgStart - 1])) orgStart--;
    const lead = LEADING_DATE.exec(text.slice(orgStart, verbStart));
    if (lead) orgStart += lead[0].length;
    const org = convener(text, orgStart, verbStart);
    let clauseStart = orgStart;
    while (clauseStart > 0 && !/[。；;!！?？\n]/.test(text[clauseStart - 1])) clauseStart--;
    return { name: [nameStart, nameEnd], org, clause: [clauseStart, nameEnd] };
  }
  return findPassive(ctx, from, to);
}

/** Words after which the subject of 召开 is no longer the convening body (…部在安徽省金寨县召开, …联合驻部纪检监察组召开). */
const CONVENER_CUT = /在|联合|会同|以“|以[^，,。]{0,20}为|围绕|就|按照|根据|结合|先后|分别|再次|专门|及时|近日|日前|于/;
const NOT_A_BODY = /^(?:近日|日前|近期|最近|今年|当天|目前|会议|上午|下午)$|主持$/;

/** The convening body: the subject before 召开, cut where adverbials or a co-organiser begin. */
function convener(text: string, start: number, end: number): [number, number] | null {
  const subject = text.slice(start, end);
  const cut = CONVENER_CUT.exec(subject);
  const stop = cut && cut.index >= 2 ? start + cut.index : end;
  const body = text.slice(start, stop).replace(/[、,，\s]+$/, '');
  if (body.length < 2 || body.length > 40 || NOT_A_BODY.test(body)) return null;
  return [start, start + body.length];
}

/** 广东省住房和城乡建设工作会议在广州召开: the name comes first; a leading place is the convening body. */
const PASSIVE = /([^，,。；;!！?？\n]{2,40}?(?:会议|大会|座谈会|推进会|现场会|论坛|峰会|会))(?:在[^，,。；;\n]{1,12}?)?(?:隆重|正式)?(?:召开|举行|开幕)/;
const LEADING_PLACE = /^((?:[\u3400-\u9fff]{1,5}?(?:省|自治区|市|自治州|州|县|区|旗)){1,3})(?=[\u3400-\u9fff]{4})/;

function findPassive(ctx: Context, from: number, to: number): Found | null {
  const slice = ctx.text.slice(from, to);
  const match = PASSIVE.exec(slice);
  if (!match) return null;
  let start = from + match.index;
  const lead = LEADING_DATE.exec(match[1]);
  const vague = /^(?:近日|日前|近期|最近)[,，]?/.exec(match[1]);
  if (lead && lead[0]) start += lead[0].length;
  else if (vague) start += vague[0].length;
  const end = from + match.index + match[1].length;
  const of = ctx.text.slice(start, end).lastIndexOf('的'); // 近日召开的甘肃省…会议: the name follows 的
  if (of >= 0 && end - (start + of + 1) >= 4) start += of + 1;
  while (start < end && /\s/.test(ctx.text[start])) start++;
  const place = LEADING_PLACE.exec(ctx.text.slice(start, end));
  const org: [number, number] | null = place ? [start, start + place[1].length] : null;
  let clauseStart = start;
  while (clauseStart > 0 && !/[。；;!！?？\n]/.test(ctx.text[clauseStart - 1])) clauseStart--;
  return { name: [org ? org[1] : start, end], org, clause: [clauseStart, end] };
}

interface YearEvidence {
  year: number;
  month?: number;
  source: string;
}

/** Year evidence in order of trust: publication lines, image timestamps, datelines, then the headline. */
function yearEvidence(ctx: Context, headline: string | null): YearEvidence[] {
  const evidence: YearEvidence[] = [];
  for (const piece of ctx.removed) {
    if (piece.reason === 'publication-line') {
      const match = /(\d{4})[-年./](\d{1,2})/.exec(piece.text);
      if (match) evidence.push({ year: +match[1], month: +match[2], source: 'publication' });
    }
  }
  const stamps = [...ctx.removed.map((piece) => piece.text), ctx.text.slice(0, 4000)];
  for (const text of stamps) {
    const match = /(?:微信图片|IMG|DSC|图片)[_-]?(20\d{2})(\d{2})(\d{2})/i.exec(text);
    if (match && +match[2] >= 1 && +match[2] <= 12) {
      evidence.push({ year: +match[1], month: +match[2], source: 'image-timestamp' });
      break;
    }
  }
  const dateline = /[(（](\d{4})年(\d{1,2})月\d{1,2}日[)）]|^(\d{4})-(\d{2})-\d{2}$/m.exec(ctx.text);
  if (dateline) evidence.push({ year: +(dateline[1] ?? dateline[3]), month: +(dateline[2] ?? dateline[4]), source: 'dateline' });
  const inHeadline = headline ? HEADLINE_YEAR.exec(headline) : null;
  if (inHeadline) evidence.push({ year: +inHeadline[1], source: 'headline' });
  return evidence;
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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

export const meeting: Extractor = {
  id: 'meeting',
  needs: ['title'],
  provides: ['meeting'],
  run(ctx) {
    const head = ctx.found.title ?? null;
    const headStart = head ? ctx.paragraphs[0][0] : 0;
    const headEnd = head ? ctx.paragraphs[0][1] : 0;
    const lead = ctx.paragraphs.slice(head ? 1 : 0, head ? 3 : 2);
    let found = head ? findConvened(ctx, headStart, headEnd) : null;
    let bodyClause: Found | null = null;
    for (const [start, end] of lead) {
      bodyClause = findConvened(ctx, start, end);
      if (bodyClause) break;
    }
    if (!found) found = bodyClause;
    if (!found) return { meeting: null };
    const { text } = ctx;
    // Headlines shorten names; the lead sentence usually gives the full one (…改造工作部署会 vs …改造部署会).
    const fullerName = bodyClause && bodyClause.name[1] - bodyClause.name[0] > found.name[1] - found.name[0] ? bodyClause.name : found.name;
    const org = found.org ?? bodyClause?.org ?? null;
    const orgText = org ? ctx.surface(org[0], org[1]) : null;

    // The date sits in the lead sentence that reports the meeting.
    const dateWindow = bodyClause ? bodyClause.clause : found.clause;
    const window = text.slice(dateWindow[0], dateWindow[1]);
    const dateMatch = DATE.exec(window);
    let date: string | null = null;
    let dateSpan: [number, number] | null = null;
    let yearSource: string | null = null;
    if (dateMatch && !VAGUE_DATE.test(window.slice(0, dateMatch.index))) {
      const month = +dateMatch[2];
      const day = +dateMatch[3];
      dateSpan = [dateWindow[0] + dateMatch.index, dateWindow[0] + dateMatch.index + dateMatch[0].length];
      let year: number | null = null;
      if (dateMatch[1]) {
        year = +dateMatch[1];
        yearSource = 'explicit';
      } else {
        const evidence = yearEvidence(ctx, head ? head.text : null)[0];
        if (evidence) {
          year = evidence.month !== undefined && month > evidence.month ? evidence.year - 1 : evidence.year;
          yearSource = evidence.source;
        }
      }
      date = year ? iso(year, month, day) : null;
    }
    const result: Meeting = {
      name: ctx.surface(fullerName[0], fullerName[1]),
      nameSpan: ctx.span(fullerName[0], fullerName[1]),
      organization: orgText,
      organizationSpan: org ? ctx.span(org[0], org[1]) : null,
      aliases: orgText ? aliasesOf(ctx, orgText) : [],
      date,
      dateText: dateSpan ? ctx.surface(dateSpan[0], dateSpan[1]) : null,
      dateSpan: dateSpan ? ctx.span(dateSpan[0], dateSpan[1]) : null,
      yearSource: date ? yearSource : null,
      span: ctx.span(found.clause[0], found.clause[1]),
    };
    return { meeting: result };
  },
};
