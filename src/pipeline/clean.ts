import { perLexicon, wordList } from '../lexicon/word-lists';
import type { Lexicon } from '../lexicon';
import type { Removed, Warning } from '../types';
import { foldWidth } from './fold';
import { TextViewBuilder, type TextView } from './text-view';
import { DIGITS_1_9 } from '../util/numbers';

export interface Cleaned {
  view: TextView;
  removed: Removed[];
  /** `mostly-removed` when boilerplate removal took most of the text (the article may have been taken for it). */
  warnings?: Warning[];
}

interface Line {
  /** Trimmed content range in the source (white space and control sequences at either edge left out). */
  start: number;
  end: number;
  /** The line with only white space trimmed: what a removed line reports. */
  outerStart: number;
  outerEnd: number;
  /** Offset of the line terminator (or source end). */
  breakAt: number;
  breakEnd: number;
  /** A piece of a long line after a removed sentence: joined to the piece before it, no line break between. */
  sameLine?: boolean;
}

const TRIM = /[\s\u3000\u00a0\ufeff]/;
const SENTENCE_END = /[。！？!?；;：:…”’"』」）)】]$/;
const CLAUSE_MARK = /[，,、]/;
const LIST_HEADING = new RegExp(String.raw`^(?:[${DIGITS_1_9}十]+[、.]|[（(][${DIGITS_1_9}十\d]+[）)]|\d+[、.．]|第[${DIGITS_1_9}十]+[章节条部分])`);
/** A news lead opens with its date (3月6日，…): never the tail of the line before. */
const LEAD_DATE = /^(?:\d{4}年)?\d{1,2}月\d{1,2}日/;
const STARTS_LIKE_TEXT = /^[\u3400-\u9fff\d“"‘《（(+＋]/;
/**
 * Terminal escape sequences (CSI, OSC/DCS strings, other ESC sequences, 8-bit CSI), control or bidi-override
 * characters, and invisible format characters (soft hyphen, zero-width space/joiners, word joiner, a BOM inside the
 * text): they never carry meaning in an article and split the words around them (县委书\u200b记), so the working
 * text skips them (spans still cover them). Quantifiers are bounded: this runs on untrusted text.
 */
export const CONTROL_SEQUENCE =
  /\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]?|\u009b[0-?]{0,64}[ -/]{0,16}[@-~]?|\u001b[\]PX^_][^\u0007\u001b\u009c\n\r]{0,4096}(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Copy source[start, end) leaving out control sequences. */
function copyWithoutControls(builder: TextViewBuilder, source: string, start: number, end: number): void {
  const text = source.slice(start, end);
  if (!HAS_CONTROL.test(text)) {
    builder.copy(start, end);
    return;
  }
  let from = 0;
  CONTROL_SEQUENCE.lastIndex = 0;
  for (let match = CONTROL_SEQUENCE.exec(text); match; match = CONTROL_SEQUENCE.exec(text)) {
    builder.copy(start + from, start + match.index);
    from = match.index + match[0].length;
    if (match[0].length === 0) CONTROL_SEQUENCE.lastIndex++;
  }
  builder.copy(start + from, end);
}

/**
 * The range from the first to the last character that is neither white space nor inside a control sequence: spaces
 * next to a skipped sequence at a line's edge are trimmed like any others (`会议指出， \u202e` ends at the comma).
 */
function visibleRange(source: string, start: number, end: number): [number, number] {
  const text = source.slice(start, end);
  let first = -1;
  let last = -1;
  const see = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (TRIM.test(text[i])) continue;
      if (first < 0) first = i;
      last = i + 1;
    }
  };
  let from = 0;
  CONTROL_SEQUENCE.lastIndex = 0;
  for (let match = CONTROL_SEQUENCE.exec(text); match; match = CONTROL_SEQUENCE.exec(text)) {
    see(from, match.index);
    from = match.index + match[0].length;
    if (match[0].length === 0) CONTROL_SEQUENCE.lastIndex++;
  }
  see(from, text.length);
  return first < 0 ? [start, start] : [start + first, start + last];
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  for (let i = 0; i <= source.length; i++) {
    const ch = source[i];
    if (i < source.length && ch !== '\n' && ch !== '\r') continue;
    let start = lineStart;
    let end = i;
    while (start < end && TRIM.test(source[start])) start++;
    while (end > start && TRIM.test(source[end - 1])) end--;
    const [outerStart, outerEnd] = [start, end];
    if (HAS_CONTROL.test(source.slice(start, end))) [start, end] = visibleRange(source, start, end);
    const breakEnd = ch === '\r' && source[i + 1] === '\n' ? i + 2 : Math.min(i + 1, source.length);
    lines.push({ start, end, outerStart, outerEnd, breakAt: i, breakEnd });
    if (breakEnd === i + 2) i++;
    lineStart = breakEnd;
  }
  return lines;
}

const PAIRS: Array<[string, string]> = [['《', '》'], ['“', '”'], ['（', '）'], ['(', ')'], ['【', '】'], ['「', '」']];

/** A quote or bracket opened in the line and not closed: the line stops in the middle of a title or a quote. */
function leftOpen(line: string): boolean {
  return PAIRS.some(([open, close]) => line.split(open).length > line.split(close).length);
}

/** A hard wrap in the middle of a sentence or a name: the line runs on into the next one. */
function runsOn(line: string, next: string, isFirst: boolean): boolean {
  if (SENTENCE_END.test(line) || LIST_HEADING.test(line) || LIST_HEADING.test(next)) return false;
  if (!STARTS_LIKE_TEXT.test(next.replace(/^[》”）)】」]/, '')) || LEAD_DATE.test(next)) return false;
  return CLAUSE_MARK.test(line) || leftOpen(line) || (!isFirst && line.length >= 25);
}

/** 标题…视频 / 发布日期：… / 会议: a few characters left alone after a removed line end the headline above it. */
function headlineTail(line: string, tail: string): boolean {
  return line.length >= 12 && tail.length <= 4 && /^[\u3400-\u9fff]+$/.test(tail) && !SENTENCE_END.test(line);
}

/**
 * Where a first line holding the headline and the start of the body splits (标题　　2月13日，某区召开…): the last
 * run of spaces before the line's first comma or full stop, when the part before reads as a headline. -1 if none.
 */
function headlineSplit(line: string): number {
  const stop = line.search(/[，,。；;]/);
  if (stop < 0) return -1;
  const before = line.slice(0, stop);
  // Two spaces or an ideographic one: a single space also parts the words of a title chain (巡视员 孔某).
  // Or one space when a dated lead follows it (标题 3月6日，…).
  const gap =
    /(?:\u3000|[ \t\u00a0]{2})[\s\u3000]*(?=[^\s\u3000]*$)/.exec(before) ??
    /[ \t\u00a0](?=(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|本报讯)[^\s\u3000]*$)/.exec(before);
  if (!gap || gap.index < 6 || gap.index > 60 || line.length - gap.index < 16 || LEAD_DATE.test(line)) return -1;
  return gap.index;
}

/** A line made only of toolbar and share words (下载 打印 全屏, 【字号：大 中 小】). */
function chromeLine(text: string, words: string[]): boolean {
  // Counters (浏览次数：123) and font-size buttons (A A A, T|T) are chrome too. A toolbar is short: a long line
  // (a paragraph) is never one, and is not worth the replace below.
  if (text.length > 160) return false;
  let rest = text.replace(/[\s\u3000【】\[\]()（）|｜:：/·•>+\-]+|\d+/g, '');
  if (!rest || rest.length > 40) return false;
  while (rest) {
    const word = words.find((w) => rest.startsWith(w));
    if (!word) return false;
    rest = rest.slice(word.length);
  }
  return true;
}

/** Separators of a breadcrumb trail (after width folding: ＞ is >; -> too). */
const TRAIL_SEPARATOR = /\s*(?:-{0,2}>>?|»|›|→|\/)\s*/;
/** A breadcrumb segment is a short menu label: no sentence punctuation, at least one letter or Chinese character. */
const TRAIL_SEGMENT = /^[^，,。；;！!？?、“”"]{1,12}$/;
const MAX_TRAIL_LINE = 80;

/**
 * A breadcrumb trail (首页 > 新闻中心 > 政务动态, 当前位置：首页 » 工作动态): segments apart by > » › → or /, each a short
 * label, with a trail word (首页, 当前位置 …) among them, or at least three segments of at most eight characters.
 */
function breadcrumbLine(text: string, words: string[]): boolean {
  if (text.length > MAX_TRAIL_LINE || !TRAIL_SEPARATOR.test(text)) return false;
  // 当前位置：首页 > …: the label before a colon is a trail word.
  const colon = text.search(/[:：]/);
  const label = colon > 0 ? text.slice(0, colon).trim() : '';
  if (label && !words.includes(label)) return false;
  const segments = text.slice(colon > 0 ? colon + 1 : 0).split(TRAIL_SEPARATOR).map((part) => part.trim());
  if (segments.length < 2 || !segments.every((part) => TRAIL_SEGMENT.test(part) && /[\u3400-\u9fffA-Za-z]/.test(part))) return false;
  return label !== '' || segments.some((part) => words.includes(part)) || (segments.length >= 3 && segments.every((part) => part.length <= 8));
}

/** A long first line whose short rest stands alone before a gap or a removed line: a headline wrapped in two. */
function wrappedHeadline(line: string, next: string, after: { afterGap: boolean } | undefined): boolean {
  return line.length >= 20 && next.length <= 30 && !/[，,。；;:：]/.test(line + next) && (after === undefined || after.afterGap);
}

/**
 * Sentences without a boilerplate phrase that make a paragraph: a line holding at least this many characters of
 * them (an article written on one line, a paragraph ending with a copyright notice) loses only the sentences with
 * the phrase, never the line. Fewer (本文来源：某网。转载请注明出处。) and the whole line is the notice.
 */
const PARAGRAPH_CHARS = 40;
/** A sentence ends after 。！？!?； and any closing quotes or brackets right after. */
const SENTENCE = /[^。！？!?；;]*(?:[。！？!?；;]+[”’"』」）)】]*|$)/g;

/** [start, end) of each sentence of source[start, end), white space at their edges left out, empty ones dropped. */
function sentences(source: string, start: number, end: number): Array<[number, number]> {
  const text = source.slice(start, end);
  const out: Array<[number, number]> = [];
  SENTENCE.lastIndex = 0;
  for (let match = SENTENCE.exec(text); match && match.index < text.length; match = SENTENCE.exec(text)) {
    let from = start + match.index;
    let to = from + match[0].length;
    while (from < to && TRIM.test(source[from])) from++;
    while (to > from && TRIM.test(source[to - 1])) to--;
    if (to > from) out.push([from, to]);
    if (match[0].length === 0) SENTENCE.lastIndex++;
  }
  return out;
}

/** Removed characters, against all visible ones, above which cleaning warns (and only past MOSTLY_MIN of them). */
const MOSTLY = 0.5;
const MOSTLY_MIN = 200;

/**
 * The lexicon's boilerplate patterns joined into one alternation per set of flags: a line matches one of these
 * exactly when it matches one of the patterns (each alternative is a non-capturing group, so the patterns' own
 * groups and anchors keep their meaning). Patterns whose flags make `test` stateful (g, y) or that refer to groups by
 * number stay on their own.
 */
function boilerplateFilter(lexicon: Lexicon): RegExp[] {
  return perLexicon(lexicon, 'boilerplate-joined', () => {
    const byFlags = new Map<string, string[]>();
    const alone: RegExp[] = [];
    for (const { regex } of lexicon.boilerplate) {
      if (/[gy]/.test(regex.flags) || /\\[1-9]|\\k<|\(\?<[^=!]/.test(regex.source)) {
        alone.push(regex);
        continue;
      }
      const list = byFlags.get(regex.flags) ?? [];
      list.push(`(?:${regex.source})`);
      byFlags.set(regex.flags, list);
    }
    return [...[...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags)), ...alone];
  });
}

/**
 * Drop boilerplate lines (reporting each with its reason) and join hard-wrapped lines, keeping a
 * map from every kept character back to the source.
 */
export function clean(source: string, lexicon: Lexicon): Cleaned {
  const lines = splitLines(source);
  // Folded once for the whole text: each line's tests read a slice of it, and the view's working text is built
  // from it (normalize finds that text already folded).
  const foldedSource = foldWidth(source);
  const boilerplate = boilerplateFilter(lexicon);
  const removed: Removed[] = [];
  const kept: Array<Line & { afterGap: boolean; afterRemoved: boolean }> = [];
  const chromeWords = perLexicon(lexicon, 'chrome-words', () => wordList(lexicon, 'chrome-words.txt').sort((a, b) => b.length - a.length));
  const trailWords = perLexicon(lexicon, 'breadcrumb-words', () => wordList(lexicon, 'breadcrumb-words.txt'));
  let gap = false;
  let afterRemoved = false;
  for (const line of lines) {
    if (line.end === line.start) {
      gap = true;
      afterRemoved = false;
      continue;
    }
    const text = source.slice(line.outerStart, line.outerEnd);
    const folded = foldedSource.slice(line.outerStart, line.outerEnd);
    // One test of the joined patterns; only a line that matches one of them looks for which (the first listed).
    const match = boilerplate.some((joined) => joined.test(folded)) ? lexicon.boilerplate.find((pattern) => pattern.regex.test(folded)) : undefined;
    const pieces = match && line.outerEnd - line.outerStart > PARAGRAPH_CHARS ? sentences(source, line.outerStart, line.outerEnd) : [];
    const hits = pieces.map(([from, to]) => lexicon.boilerplate.find((pattern) => pattern.regex.test(foldedSource.slice(from, to))));
    const body = pieces.reduce((sum, [from, to], i) => sum + (hits[i] ? 0 : to - from), 0);
    if (body >= PARAGRAPH_CHARS) {
      // A paragraph with a boilerplate phrase in it: only the sentences holding one go; the rest is the article.
      let first = true;
      for (let i = 0; i < pieces.length; i++) {
        const [from, to] = pieces[i];
        const sentence = source.slice(from, to);
        const hit = hits[i];
        if (hit) {
          removed.push({ text: sentence, reason: hit.reason, span: [from, to] });
          continue;
        }
        const [start, end] = HAS_CONTROL.test(sentence) ? visibleRange(source, from, to) : [from, to];
        if (end === start) continue;
        kept.push({ start, end, outerStart: from, outerEnd: to, breakAt: to, breakEnd: to, sameLine: !first, afterGap: first && gap, afterRemoved: first && afterRemoved });
        first = false;
      }
      if (!first) {
        // The line's own break follows its last kept piece.
        const last = kept[kept.length - 1];
        last.breakAt = line.breakAt;
        last.breakEnd = line.breakEnd;
        gap = afterRemoved = false;
      } else {
        gap = true;
        afterRemoved = true;
      }
      continue;
    }
    const trail = !match && breadcrumbLine(folded, trailWords);
    if (match || trail || chromeLine(folded, chromeWords)) {
      removed.push({ text, reason: match ? match.reason : trail ? 'breadcrumb' : 'share-widget', span: [line.outerStart, line.outerEnd] });
      gap = true;
      afterRemoved = true;
      continue;
    }
    if (kept.length === 0) {
      // Headline and body written on one line, apart by spaces only: two paragraphs.
      const inner = source.slice(line.start, line.end);
      const split = headlineSplit(inner);
      if (split > 0) {
        const gapEnd = line.start + split + (/^[\s\u3000]+/.exec(inner.slice(split))?.[0].length ?? 0);
        kept.push({ ...line, end: line.start + split, outerEnd: line.start + split, breakAt: line.start + split, breakEnd: gapEnd, afterGap: gap, afterRemoved });
        kept.push({ ...line, start: gapEnd, outerStart: gapEnd, afterGap: true, afterRemoved: false });
        gap = afterRemoved = false;
        continue;
      }
    }
    kept.push({ ...line, afterGap: gap, afterRemoved });
    gap = false;
    afterRemoved = false;
  }
  const builder = new TextViewBuilder(source, foldedSource);
  for (let k = 0; k < kept.length; k++) {
    const line = kept[k];
    copyWithoutControls(builder, source, line.start, line.end);
    const next = kept[k + 1];
    if (!next) break;
    const text = source.slice(line.start, line.end);
    const nextText = source.slice(next.start, next.end);
    const joined =
      next.sameLine ||
      (!next.afterGap && (runsOn(text, nextText, k === 0) || (k === 0 && wrappedHeadline(text, nextText, kept[k + 2])))) ||
      (k === 0 && next.afterRemoved && kept[k + 2] !== undefined && headlineTail(text, nextText));
    if (!joined) builder.emit('\n', line.end, Math.max(line.end, Math.min(line.breakEnd, next.start)));
  }
  return { view: builder.build(), removed, ...mostlyRemoved(source, lines, removed) };
}

/** A warning when removal took most of the visible text: the article may have been taken for boilerplate. */
function mostlyRemoved(source: string, lines: Line[], removed: Removed[]): { warnings?: Warning[] } {
  const gone = removed.reduce((sum, piece) => sum + piece.span[1] - piece.span[0], 0);
  if (gone < MOSTLY_MIN) return {};
  const total = lines.reduce((sum, line) => sum + line.outerEnd - line.outerStart, 0);
  if (!total || gone / total <= MOSTLY) return {};
  const share = Math.round((100 * gone) / total);
  return { warnings: [{ code: 'mostly-removed', message: `boilerplate removal took ${share} % of the text (${gone} of ${total} characters): check "removed" in case the article itself was taken for boilerplate` }] };
}
