/**
 * Dates as Chinese news writes them: 2023年2月10日, 二〇二三年二月十日, 十二月二十九日, 2023年二月十日, a day alone (7日),
 * 今天/昨天 relative to the publication day, and publication lines (发布时间：2023-01-04, 2023/1/4, （2023-01-04）).
 * Offsets are positions in the string passed in (UTF-16 code units).
 */
import type { Lexicon } from '../lexicon';
import { alternation, perLexicon, wordList } from '../lexicon/word-lists';
import { DIGITS_1_9 } from '../util/numbers';

/** A month or day in Chinese numerals: tens digit, 十, units digit. */
const SMALL_NUMERAL = new RegExp(String.raw`^([一二三])?(十)?([${DIGITS_1_9}])?$`);

/** A calendar day; `year` is missing when the text did not give it. */
export interface DayRef {
  year?: number;
  month: number;
  day: number;
}

/** A date written in running text. */
export interface DateMention {
  start: number;
  end: number;
  year?: number;
  /** Missing for a day alone (7日) or a relative day (昨天). */
  month?: number;
  day?: number;
  /** Days from the publication day for 今天/昨天…; the mention then has no month or day. */
  relative?: number;
  /** Years from the publication year for 今年/去年/前年 before the month. */
  yearOffset?: number;
}

const DIGIT_NUMERALS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `2023`, `二〇二三` (digit by digit). NaN when it is neither. */
export function parseYear(text: string): number {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (text.length !== 4) return NaN;
  let year = 0;
  for (const ch of text) {
    const digit = DIGIT_NUMERALS[ch];
    if (digit === undefined) return NaN;
    year = year * 10 + digit;
  }
  return year;
}

/** A month or day number: `12`, `十二`, `二十九`, `三十一`, `九`. NaN when it is neither. */
export function parseSmall(text: string): number {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const match = SMALL_NUMERAL.exec(text);
  if (!match || text === '') return NaN;
  const [, tens, ten, units] = match;
  // Without 十 a single digit is all there is (二, 九); 二九 is no numeral.
  if (!ten) return tens && units ? NaN : DIGIT_NUMERALS[tens ?? units];
  return (tens ? DIGIT_NUMERALS[tens] : 1) * 10 + (units ? DIGIT_NUMERALS[units] : 0);
}

const YEAR = `(\\d{4}|[〇零${DIGITS_1_9}OＯ]{4})\\s?年\\s?`;
const SMALL = `(\\d{1,2}|[一二三]?十[${DIGITS_1_9}]?|[${DIGITS_1_9}])`;
/** 2023年2月10日, 二月十日, 2023年二月十日; the year is optional. `号` as 日 in speech. */
const FULL_DATE = new RegExp(`(?:${YEAR}|(今年|去年|前年))?${SMALL}\\s?月\\s?${SMALL}\\s?[日号]`, 'g');
/** Years relative to the publication year. */
const YEAR_WORDS: Record<string, number> = { 今年: 0, 去年: -1, 前年: -2 };
/** 2023-01-04, 2023/1/4, 2023.01.04 */
const NUMERIC_DATE = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g;
/** A day alone at a clause start: 7日，… / 7日上午 (not 17日 of a longer date, not 7日内). */
const DAY_ONLY = new RegExp(String.raw`(?<![\d月年${DIGITS_1_9}十])(\d{1,2}|[一二三]?十[${DIGITS_1_9}]?|[${DIGITS_1_9}])日(?=[上中下晚早凌傍]|[，,、至\s]|在|召开|举行|举办)`, 'g');

function valid(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function relativePattern(lexicon: Lexicon): { regex: RegExp; offsets: Map<string, number> } {
  return perLexicon(lexicon, 'relative-days', () => buildRelative(lexicon));
}

function buildRelative(lexicon: Lexicon): { regex: RegExp; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  for (const line of wordList(lexicon, 'relative-days.txt')) {
    const [word, offset] = line.split('=');
    if (word && offset !== undefined && Number.isFinite(+offset)) offsets.set(word, +offset);
  }
  const source = offsets.size ? alternation([...offsets.keys()]) : '(?!)';
  return { regex: new RegExp(`(?:${source})`, 'g'), offsets };
}

/**
 * Every date written in `text` between `from` and `to`, in order. Relative days (今天, 昨天) are included only when
 * `lexicon` is given. A day alone (7日) is included only where it opens a clause.
 */
export function findDates(text: string, from = 0, to = text.length, lexicon?: Lexicon): DateMention[] {
  const slice = text.slice(from, to);
  const found: DateMention[] = [];
  const taken = (start: number, end: number) => found.some((m) => start < m.end && m.start < end);
  FULL_DATE.lastIndex = 0;
  for (let m = FULL_DATE.exec(slice); m; m = FULL_DATE.exec(slice)) {
    const month = parseSmall(m[3]);
    const day = parseSmall(m[4]);
    if (!valid(month, day)) continue;
    const year = m[1] ? parseYear(m[1]) : undefined;
    const yearOffset = m[2] ? YEAR_WORDS[m[2]] : undefined;
    found.push({
      start: from + m.index,
      end: from + m.index + m[0].length,
      ...(year && year > 1900 ? { year } : {}),
      ...(yearOffset !== undefined ? { yearOffset } : {}),
      month,
      day,
    });
  }
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(slice); m; m = NUMERIC_DATE.exec(slice)) {
    const [year, month, day] = [+m[1], +m[3], +m[4]];
    const start = from + m.index;
    if (valid(month, day) && year > 1900 && !taken(start, start + m[0].length)) found.push({ start, end: start + m[0].length, year, month, day });
  }
  DAY_ONLY.lastIndex = 0;
  for (let m = DAY_ONLY.exec(slice); m; m = DAY_ONLY.exec(slice)) {
    const day = parseSmall(m[1]);
    const start = from + m.index;
    // Only where a clause opens: the lead's first word, after a comma, or after 于/在.
    if (start > 0 && !/[，,。；;：:\n\s（(）)】于在]/.test(text[start - 1])) continue;
    if (day >= 1 && day <= 31 && !taken(start, start + m[0].length)) found.push({ start, end: start + m[0].length, day });
  }
  if (lexicon) {
    const { regex, offsets } = relativePattern(lexicon);
    regex.lastIndex = 0;
    for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
      const start = from + m.index;
      if (!taken(start, start + m[0].length)) found.push({ start, end: start + m[0].length, relative: offsets.get(m[0]) ?? 0 });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A reference day the text was published (or datelined) on; `month`/`day` missing when only the year is known. */
export interface DateEvidence {
  year: number;
  month?: number;
  day?: number;
  /** `publication`, `dateline`, `image-timestamp`, `headline`, `front-matter` … */
  source: string;
}

/** A dated piece of text: the day and the `[start, end)` offsets of the date as written (and the label before it). */
export type DatedAt = Required<DayRef> & { start: number; end: number; label?: string };

const withoutOffsets = (found: DatedAt | null): Required<DayRef> | null => (found ? { year: found.year, month: found.month, day: found.day } : null);

/**
 * The publication date a line states: a label (发布时间, 日期 … from data/publication-labels.txt) followed by a date
 * anywhere in the line (来源：某网  发布时间：2023-01-04), or a line that is only a date (2023/1/4, （2023-01-04）,
 * with an optional time). Null when the line states none.
 */
export function publicationDate(line: string, lexicon: Lexicon): Required<DayRef> | null {
  return withoutOffsets(publicationDateAt(line, lexicon));
}

/** An opening date before page details: 2023-02-14 10:30 来源：区政府办. Groups: lead, year, month, day. */
const OPENING_DATE = /^(\s*[(（【[]?\s?)((\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?)[\s\d:：]*(?:来源|作者|编辑|发布|浏览|点击|字号|阅读|【)/;
/** A line that is only a date, with an optional time. */
const BARE_DATE = /^(\s*[(（[【]?\s?)((\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?)\s?(?:\d{1,2}:\d{2}(?::\d{2})?)?\s?[)）\]】]?\s*$/;

/** `publicationDate` with the offsets of the date inside the line. */
export function publicationDateAt(line: string, lexicon: Lexicon): DatedAt | null {
  const labelled = perLexicon(lexicon, 'publication-labels', () => {
    const labels = wordList(lexicon, 'publication-labels.txt');
    return labels.length ? new RegExp(`(?:${alternation(labels)})\\s?[:：]?\\s?`, 'g') : null;
  });
  if (labelled) {
    labelled.lastIndex = 0;
    for (let m = labelled.exec(line); m; m = labelled.exec(line)) {
      const after = m.index + m[0].length;
      const date = findDates(line, after, Math.min(line.length, after + 24)).find((d) => d.start === after && d.year && d.month);
      if (date) return { year: date.year!, month: date.month!, day: date.day!, start: date.start, end: date.end, label: m[0].replace(/[\s:：]+$/, '') };
    }
  }
  for (const shape of [OPENING_DATE, BARE_DATE]) {
    const m = shape.exec(line);
    if (m && valid(+m[4], +m[5])) return { year: +m[3], month: +m[4], day: +m[5], start: m[1].length, end: m[1].length + m[2].length };
  }
  return null;
}

/** 本报讯（2023年2月10日）, 《人民日报》（2025年03月12日第 08 版）, 新华社北京2月10日电: a dateline in the article text. */
const DATELINE = /[(（](\d{4})年(\d{1,2})月(\d{1,2})日/;
/**
 * A photo's timestamp in its file name or path: 微信图片_20230209083257.jpg, /2023/02/09/…jpg, IMG_20230209…, a
 * compact stamp before an image extension.
 */
const IMAGE_STAMP = /(?:微信图片|IMG|DSC|图片|mmexport|wx_camera_|Screenshot)[_-]?(20\d{2})(\d{2})(\d{2})|\/(20\d{2})[/-]?(\d{2})[/-]?(\d{2})\/[^\s"')]{0,80}\.(?:jpe?g|png|gif|webp|bmp)|(?:^|[/_\-A-Za-z]|[A-Za-z]0)(20[0-4]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[^\s"'/)]{0,40}\.(?:jpe?g|png|gif|webp|bmp)/i;

/** The date in an image file name or path, or null. */
export function imageDate(text: string): Required<DayRef> | null {
  return withoutOffsets(imageDateAt(text));
}

/** `imageDate` with the offsets of the matched stamp. */
export function imageDateAt(text: string): DatedAt | null {
  const m = IMAGE_STAMP.exec(text);
  if (!m) return null;
  const year = +(m[1] ?? m[4] ?? m[7]);
  const month = +(m[2] ?? m[5] ?? m[8]);
  const day = +(m[3] ?? m[6] ?? m[9]);
  return valid(month, day) ? { year, month, day, start: m.index, end: m.index + m[0].length } : null;
}

/** The dateline date in a piece of article text, or null. */
export function datelineDate(text: string): Required<DayRef> | null {
  return withoutOffsets(datelineAt(text));
}

/** `datelineDate` with the offsets of the date (without the opening bracket). */
export function datelineAt(text: string): DatedAt | null {
  const m = DATELINE.exec(text);
  return m && valid(+m[2], +m[3]) ? { year: +m[1], month: +m[2], day: +m[3], start: m.index + 1, end: m.index + m[0].length } : null;
}

/** Pieces of a web address that carry its publication day. */
const URL_HOST_PATH = String.raw`(?:https?:\/\/|www\.)[^\s"'<>()（）]{0,200}?`;
/** /2023/03/08/, /2023-03/08/, /202303/08/, /20230308/, t20230308_123.html, _20230308.html */
const URL_STAMP = new RegExp(
  String.raw`${URL_HOST_PATH}(?:\/(20\d{2})[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?=[/_.\-]|$)|[/_t](20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[_.\-\d]))`,
  'i',
);

/** The publication day a web address states in its path (gov.cn /2023-03/08/, t20230308_…), or null. */
export function urlDateAt(text: string): DatedAt | null {
  const m = URL_STAMP.exec(text);
  if (!m) return null;
  const year = +(m[1] ?? m[4]);
  const month = +(m[2] ?? m[5]);
  const day = +(m[3] ?? m[6]);
  if (!valid(month, day)) return null;
  // The evidence is the address up to the end of its date.
  let end = m.index + m[0].length;
  while (end < text.length && !/[\s"'<>()（）]/.test(text[end])) end++;
  return { year, month, day, start: m.index, end };
}

/** An ISO-like timestamp as page metadata writes it: 2023-03-08T10:00:00+08:00, 2023/3/8 10:00, 2023年3月8日. */
export function metadataDateAt(text: string): DatedAt | null {
  const date = findDates(text).find((d) => d.year && d.month && d.day);
  return date ? { year: date.year!, month: date.month!, day: date.day!, start: date.start, end: date.end } : null;
}

const compare = (a: DayRef, b: DayRef) => a.month - b.month || a.day - b.day;

function shiftDays(ref: Required<DayRef>, days: number): Required<DayRef> {
  const date = new Date(Date.UTC(ref.year, ref.month - 1, ref.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The full day a mention stands for, given the reference (publication) day: the year comes from the mention or the
 * reference, a day alone takes the reference's month, and a date is never after the reference (12月29日 published
 * 2023-01-04 is 2022-12-29; 7日 published on the 5th is last month's). Null when it cannot be known.
 */
export function resolveDate(mention: DateMention, reference: DateEvidence | null): Required<DayRef> | null {
  if (mention.relative !== undefined) {
    if (!reference?.month || !reference.day) return null;
    return shiftDays({ year: reference.year, month: reference.month, day: reference.day }, mention.relative);
  }
  if (mention.month === undefined) {
    if (!reference?.month || !reference.day || mention.day === undefined) return null;
    let { year, month } = reference;
    if (mention.day > reference.day) {
      month -= 1;
      if (month === 0) {
        month = 12;
        year -= 1;
      }
    }
    return { year, month, day: mention.day };
  }
  const day = { month: mention.month, day: mention.day! };
  if (mention.year) return { year: mention.year, ...day };
  if (!reference) return null;
  if (mention.yearOffset !== undefined) return { year: reference.year + mention.yearOffset, ...day };
  const later = reference.month !== undefined && compare(day, { month: reference.month, day: reference.day ?? 31 }) > 0;
  return { year: later ? reference.year - 1 : reference.year, ...day };
}

/** YYYY-MM-DD, or null for an impossible day (2月30日). */
export function isoDate(ref: Required<DayRef>): string | null {
  const date = new Date(Date.UTC(ref.year, ref.month - 1, ref.day));
  if (date.getUTCMonth() !== ref.month - 1) return null;
  return `${ref.year}-${String(ref.month).padStart(2, '0')}-${String(ref.day).padStart(2, '0')}`;
}
