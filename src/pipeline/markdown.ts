/**
 * Markdown input: YAML front matter parsed with `yaml` (its title becomes the headline when the body has none, its
 * date publication evidence), and the markup of the body (#, >, bullets, **, links, images, table bars) left out of
 * the text (an ordered list keeps its number: 1.), one output line per source line. Offsets in the view point into
 * the Markdown string as read.
 */
import type { Removed } from '../types';
import { TextViewBuilder, type TextView } from './text-view';

export interface MarkdownText {
  /** The article text, one line per source line (front matter replaced by the headline when the body lacks one). */
  view: TextView;
  /** Front-matter lines (the date line as `publication-line`), rules and image references, with source spans. */
  removed: Removed[];
  /** Front-matter `title` and `date`, when given as text. */
  title: string | null;
  date: string | null;
}

const FENCE = /^(?:---|\.\.\.)[ \t]*$/;

/** Does this text open with YAML front matter (a `---` line, `key:` lines, a closing `---`)? */
export function hasFrontMatter(text: string): boolean {
  const match = /^\ufeff?---[ \t]*\r?\n/.exec(text);
  if (!match) return false;
  const rest = text.slice(match[0].length, match[0].length + 8192);
  return /^[A-Za-z_][\w-]{0,40}[ \t]*:/.test(rest) && /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(rest);
}

/** Front matter, or a first line that is a Markdown heading (# 标题): the text is read as Markdown. */
export function looksLikeMarkdown(text: string): boolean {
  return hasFrontMatter(text) || /^\ufeff?\s{0,200}#{1,3}[ \t]+\S/.test(text.slice(0, 256));
}

interface Line {
  start: number;
  end: number;
}

function lines(source: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= source.length; i++) {
    if (i < source.length && source[i] !== '\n') continue;
    out.push({ start, end: i > start && source[i - 1] === '\r' ? i - 1 : i });
    start = i + 1;
  }
  return out;
}

interface FrontMatter {
  /** Line index of the first body line. */
  bodyLine: number;
  title: { text: string; start: number; end: number; exact: boolean } | null;
  date: { text: string; line: number } | null;
}

function readFrontMatter(source: string, all: Line[]): FrontMatter | null {
  if (!hasFrontMatter(source)) return null;
  let close = -1;
  for (let i = 1; i < all.length; i++) {
    if (FENCE.test(source.slice(all[i].start, all[i].end))) {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const offset = all[1].start;
  const yamlText = source.slice(offset, all[close].start);
  const result: FrontMatter = { bodyLine: close + 1, title: null, date: null };
  // yaml costs ~25 ms to load: only when a document has front matter.
  const { parseDocument, isMap, isScalar } = require('yaml') as typeof import('yaml');
  let doc;
  try {
    doc = parseDocument(yamlText, { prettyErrors: false });
  } catch {
    return result;
  }
  if (!isMap(doc.contents)) return result;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
    const value = pair.value;
    if (!isScalar(value) || value.range === undefined || value.range === null) continue;
    const text = value.value instanceof Date ? value.value.toISOString().slice(0, 10) : String(value.value ?? '').trim();
    if (!text) continue;
    const [start, end] = [offset + value.range[0], offset + value.range[1]];
    if (key === 'title' && !result.title) {
      const written = source.slice(start, end);
      const quoted = /^["']/.test(written) ? 1 : 0;
      const exact = written.slice(quoted, written.length - quoted) === text;
      result.title = { text, start: exact ? start + quoted : start, end: exact ? end - quoted : end, exact };
    }
    if ((key === 'date' || key === 'published' || key === 'pubdate') && !result.date) {
      const line = all.findIndex((l) => l.start <= start && start <= l.end);
      result.date = { text, line };
    }
  }
  return result;
}

const RULE = /^(?:-{3,}|\*{3,}|_{3,}|={3,}|(?:-\s){2,}-|(?:\*\s){2,}\*)\s*$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/** Block markers at the start of a line: >, #, list bullets and numbers (nested ones too). */
const BLOCK_PREFIX = /^(?:[ \t]{0,8}(?:>[ \t]?|#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+))+/;
/** The number of an ordered-list item closing a line's block prefix (`> 2. `). */
const ORDERED_NUMBER = /(\d{1,3}[.)])[ \t]+$/;
/** Inline markup removed wherever it appears: emphasis, code, strike-through, link and image syntax. */
const INLINE = /!\[([^\]\n]{0,200})\]\(([^)\s]{0,500})(?:\s+"[^"\n]{0,200}")?\)|\[([^\]\n]{1,200})\]\(([^)\n]{0,500})\)|\*\*|__|~~|`/g;

/** Extract the article text of a Markdown document. */
export function extractMarkdown(source: string): MarkdownText {
  const all = lines(source);
  const builder = new TextViewBuilder(source);
  const removed: Removed[] = [];
  const front = readFrontMatter(source, all);
  let first = 0;
  if (front) {
    for (let i = 0; i < front.bodyLine; i++) {
      const { start, end } = all[i];
      if (end <= start) continue;
      removed.push({ text: source.slice(start, end), reason: i === front.date?.line ? 'publication-line' : 'front-matter', span: [start, end] });
    }
    first = front.bodyLine;
  }
  const out: Array<{ line: Line; from: number; number: [number, number] | null }> = [];
  let fenced = false;
  for (let i = first; i < all.length; i++) {
    const { start, end } = all[i];
    const text = source.slice(start, end);
    if (/^\s{0,3}(?:```|~~~)/.test(text)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced && (RULE.test(text) || TABLE_SEPARATOR.test(text))) {
      if (/\S/.test(text)) removed.push({ text, reason: 'markup', span: [start, end] });
      continue;
    }
    const prefix = fenced ? null : BLOCK_PREFIX.exec(text);
    // An ordered list's number stays (1.粮食稳产): it marks the members of a counted list; the spaces after it go.
    const ordered = prefix ? ORDERED_NUMBER.exec(prefix[0]) : null;
    const number: [number, number] | null = ordered ? [start + ordered.index, start + ordered.index + ordered[1].length] : null;
    out.push({ line: { start, end }, from: start + (prefix ? prefix[0].length : 0), number });
  }
  // The headline: the body's first line, or the front-matter title when the body does not open with it.
  const squeeze = (text: string) => text.replace(/[\s\u3000#*_>`]+/g, '');
  const firstText = out.find((o) => /\S/.test(source.slice(o.from, o.line.end)));
  const title = front?.title ?? null;
  if (title && (!firstText || squeeze(source.slice(firstText.from, firstText.line.end)) !== squeeze(title.text))) {
    if (title.exact) builder.copy(title.start, title.end);
    else builder.emit(title.text, title.start, title.end);
    builder.emit('\n\n', title.end, title.end);
  }
  for (const { line, from, number } of out) {
    if (number) builder.copy(number[0], number[1]);
    let at = from;
    const text = source.slice(from, line.end);
    INLINE.lastIndex = 0;
    for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
      const matchStart = from + m.index;
      copyCells(builder, source, at, matchStart);
      if (m[2] !== undefined) {
        // An image: its file name often carries the day the photo was taken.
        removed.push({ text: m[0], reason: 'image-file', span: [matchStart, matchStart + m[0].length] });
      } else if (m[3] !== undefined) {
        const textStart = matchStart + 1;
        copyCells(builder, source, textStart, textStart + m[3].length);
        // A link's address is not read, but it is listed: a page's own address often carries its publication day.
        const target = m[4].trim();
        if (/^(?:https?:\/\/|www\.)\S+$/i.test(target)) {
          const targetStart = matchStart + m[0].indexOf(target, m[3].length + 3);
          removed.push({ text: target, reason: 'link', span: [targetStart, targetStart + target.length] });
        }
      }
      at = matchStart + m[0].length;
    }
    copyCells(builder, source, at, line.end);
    builder.emit('\n', line.end, Math.min(line.end + 1, source.length));
  }
  return { view: builder.build(), removed, title: title?.text ?? null, date: front?.date?.text ?? null };
}

/** Copy text with table bars (| a | b |) turned into spaces, so cells stay apart. */
function copyCells(builder: TextViewBuilder, source: string, start: number, end: number): void {
  let from = start;
  for (let i = start; i < end; i++) {
    if (source[i] !== '|') continue;
    builder.copy(from, i);
    builder.emit(' ', i, i + 1);
    from = i + 1;
  }
  builder.copy(from, end);
}
