/**
 * HTML input: the page's <title> and article text as a TextView whose offsets point into the decoded HTML string.
 * Parsing is done by htmlparser2 (a tolerant, maintained tokenizer that reports the source offsets of every tag,
 * text run and entity), never by regular expressions over markup.
 */
import { Parser } from 'htmlparser2';
import { TextViewBuilder, type TextView } from './text-view';

export interface HtmlText {
  /** Title line, blank line, then the article text with one paragraph per block; maps into the HTML string. */
  view: TextView;
  /** The headline taken from <title> (site suffix cut off), or null when the page has none. */
  title: string | null;
  /** Where reading stopped when the page was nested more than MAX_DEPTH deep, else null. */
  truncatedAt: number | null;
  /** `src` of each article image as written, with its offsets in the HTML string (file names often carry a date). */
  images: Array<{ text: string; span: [number, number] }>;
  /**
   * Publication metadata of the page: `<meta>` contents whose name says publication date (`article:published_time`,
   * `PubDate` …, reason `publication-meta`), `<time datetime>` (`publication-time`) and the page's own address
   * (`<link rel=canonical>`, `og:url`; `page-url`), with their offsets in the HTML string.
   */
  metadata: Array<{ text: string; reason: string; span: [number, number] }>;
}

const CHUNK = 65536;
const MAX_DEPTH = 1024;
/** Nesting depth past which a page is read no further (its error and warning messages name it). */
export const MAX_HTML_DEPTH = MAX_DEPTH;
/** Image sources kept per page (year evidence needs the first few). */
const MAX_IMAGES = 50;
/** Metadata values kept per page. */
const MAX_METADATA = 20;
/** `<meta>` names of a publication date (pubdate, PubDate, article:published_time, dc.date, publishdate, og:release_date …). */
const META_DATE_NAME = /(?:^|[.:_-])(?:pub(?:lish(?:ed)?)?[_-]?(?:date|time)|(?:published|release|created?)[_-]?(?:date|time)?|date(?:\.created|\.issued)?|firstpublishedtime|publishdate|pubdate|dc\.date)$/i;
/** `<meta>` names of the page's own address. */
const META_URL_NAME = /^(?:og:url|url)$/i;

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'svg',
  'math', 'template', 'nav', 'aside', 'form', 'button', 'select', 'option', 'textarea', 'input', 'audio', 'video', 'map',
]);
/** Page chrome, except inside <article>/<main> where <header> holds the headline. */
const CHROME_TAGS = new Set(['header', 'footer']);
/** Elements that start a new paragraph. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const WRAPPERS = new Set(['html', 'body', 'main', 'article']);
const HEADINGS = new Set(['h1', 'h2', 'h3']);
/** class/id of a headline element on pages without headings (class="title", id="biaoti", class="art_tit"). */
const TITLE_CLASS = /(?:^|[\s_-])(?:title|tit|biaoti|bt|headline)(?:$|[\s_-])/i;
/** class/id words of navigation, share widgets, footers and sidebars (matched at the start of each word). */
const CHROME_WORD = /^(?:nav|menu|breadcrumb|crumb|share|bdshare|bshare|jiathis|footer|header|sidebar|toolbar|copyright|comment|login|search|banner|pagination|pager|related|topbar|advert)/i;
const CHROME_EXACT = new Set(['foot', 'head', 'top', 'ad', 'ads', 'side', 'tool', 'links']);

function isChrome(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  if (/display\s{0,3}:\s{0,3}none/i.test(attribs.style ?? '')) return true;
  const words = `${attribs.class ?? ''} ${attribs.id ?? ''}`.split(/[\s_-]+/);
  // camelCase ids (navCurrent, shareBox) start with the chrome word; exact short words (foot, ad) only whole.
  return words.some((word) => word !== '' && (CHROME_WORD.test(word) || CHROME_EXACT.has(word.toLowerCase())));
}

interface Element {
  name: string;
  skip: boolean;
  /** Innermost block element at or above this one (its own index for blocks), -1 at top level. */
  block: number;
  inLink: boolean;
  inArticle: boolean;
  /** Inside <pre>: whitespace and line breaks are kept as written. */
  pre: boolean;
  /** Inside <b>/<strong> or an element whose class or id says title (a table-layout page's headline cell). */
  bold: boolean;
  /** Non-space characters of text whose innermost block is this element, and how many of them are link text. */
  chars: number;
  linkChars: number;
}

type Piece =
  | { kind: 'text'; start: number; end: number; data: string; literal: boolean; block: number; pre?: boolean; bold?: boolean }
  | { kind: 'break'; at: number; lines: number };

const SPACE = /[ \t\n\r\f]/;
const isCjk = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch);

function skipSpace(source: string, from: number, end: number): number {
  while (from < end && SPACE.test(source[from])) from++;
  return from;
}

/** Writes text pieces into a builder, collapsing HTML whitespace the way a browser shows it. */
class Writer {
  private pendingSpace: [number, number] | null = null;
  private pendingLines = 0;
  private breakAt = 0;

  constructor(readonly builder: TextViewBuilder, private readonly source: string) {}

  lineBreak(at: number, lines: number): void {
    if (lines > this.pendingLines) {
      this.pendingLines = lines;
      this.breakAt = at;
    }
    this.pendingSpace = null;
  }

  private flush(next: string): void {
    if (this.builder.length === 0) {
      this.pendingLines = 0;
      this.pendingSpace = null;
      return;
    }
    if (this.pendingLines) {
      // The break stands for the tag that made it: an empty range at the tag start.
      this.builder.emit('\n'.repeat(this.pendingLines), this.breakAt, this.breakAt);
      this.pendingLines = 0;
      this.pendingSpace = null;
      return;
    }
    if (this.pendingSpace) {
      const last = this.builder.lastChar();
      // Source line breaks between two Chinese characters are not spaces in the rendered text.
      if (last !== '\n' && !(isCjk(last) && isCjk(next))) this.builder.emit(' ', this.pendingSpace[0], this.pendingSpace[1]);
      this.pendingSpace = null;
    }
  }

  text(piece: Extract<Piece, { kind: 'text' }>): void {
    if (piece.pre && piece.literal) {
      // Plain text pasted into <pre>: its line breaks are the article's, left to clean() like a text file's.
      const from = this.builder.length === 0 ? skipSpace(this.source, piece.start, piece.end) : piece.start;
      if (from === piece.end) return;
      this.flush(this.source[from]);
      this.builder.copy(from, piece.end);
      return;
    }
    if (!piece.literal) {
      this.flush(piece.data[0] ?? '');
      this.builder.emit(piece.data, piece.start, piece.end);
      return;
    }
    let i = piece.start;
    while (i < piece.end) {
      if (SPACE.test(this.source[i])) {
        const from = i;
        while (i < piece.end && SPACE.test(this.source[i])) i++;
        this.pendingSpace = this.pendingSpace ? [this.pendingSpace[0], i] : [from, i];
        continue;
      }
      const from = i;
      while (i < piece.end && !SPACE.test(this.source[i])) i++;
      this.flush(this.source[from]);
      this.builder.copy(from, i);
    }
  }
}

/** Remove JSP/ASP directives (<%@ page … %>), which HTML parsers pass through as text. */
function splitServerDirectives(pieces: Piece[], source: string): Piece[] {
  const out: Piece[] = [];
  let inside = false;
  // The next %> at or after an offset, found once and reused while still ahead (a search per <% is quadratic).
  let nextClose = -2;
  const closesSoon = (at: number) => {
    if (nextClose !== -1 && nextClose < at + 2) nextClose = source.indexOf('%>', at + 2);
    return nextClose !== -1 && nextClose - at <= 4096;
  };
  for (const piece of pieces) {
    if (piece.kind !== 'text' || !piece.literal) {
      if (!inside) out.push(piece);
      continue;
    }
    let from = piece.start;
    let i = piece.start;
    while (i < piece.end) {
      // Only a <% that closes within 4 KiB is a directive: 比例<%5 in running text is not.
      if (!inside && source.startsWith('<%', i) && closesSoon(i)) {
        if (i > from) out.push({ ...piece, start: from, end: i, data: source.slice(from, i) });
        inside = true;
        i += 2;
      } else if (inside && source.startsWith('%>', i)) {
        inside = false;
        i += 2;
        from = i;
      } else i++;
    }
    if (!inside && from < piece.end) out.push({ ...piece, start: from, end: piece.end, data: source.slice(from, piece.end) });
  }
  return out;
}

function plain(pieces: Piece[]): string {
  return pieces.map((piece) => (piece.kind === 'text' ? piece.data : ' ')).join('').replace(/\s+/g, '');
}

/** Cut a site name off a page title: 标题 - 【某网】, 标题_某某网, 标题 | 某网. */
function titleLength(title: string): number {
  const cut = /\s[-–—|]\s|_|\||-\s?【/.exec(title);
  return cut && cut.index >= 4 ? cut.index : title.length;
}

/** The publication metadata one tag carries, if any: a dated `<meta>`, `<time datetime>`, or the page's address. */
function metadataOf(name: string, attribs: Record<string, string>): { text: string; reason: string } | null {
  if (name === 'time') return attribs.datetime ? { text: attribs.datetime, reason: 'publication-time' } : null;
  if (name === 'link') return /(?:^|\s)canonical(?:\s|$)/i.test(attribs.rel ?? '') && attribs.href ? { text: attribs.href, reason: 'page-url' } : null;
  const key = attribs.name ?? attribs.property ?? attribs.itemprop ?? '';
  if (!attribs.content) return null;
  if (META_DATE_NAME.test(key) && !/modif|updat|expir/i.test(key)) return { text: attribs.content, reason: 'publication-meta' };
  if (META_URL_NAME.test(key)) return { text: attribs.content, reason: 'page-url' };
  return null;
}

/** Extract the title and article text of an HTML page. */
export function extractHtml(source: string): HtmlText {
  const result = extract(source, true);
  // A page whose every block was taken for chrome by its class names (id="top" on a wrapper): keep them after all.
  return /\S/.test(result.view.raw.slice(result.titleLength)) ? result : extract(source, false);
}

function extract(source: string, classChrome: boolean): HtmlText & { titleLength: number } {
  const elements: Element[] = [];
  const stack: number[] = [];
  const images: HtmlText['images'] = [];
  const metadata: HtmlText['metadata'] = [];
  let pieces: Piece[] = [];
  const titlePieces: Piece[] = [];
  let titleState: 'before' | 'in' | 'done' = 'before';
  const top = (): Element | undefined => elements[stack[stack.length - 1]];

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = top();
        if (name === 'img' && attribs.src && !(parent?.skip ?? false) && images.length < MAX_IMAGES) {
          const tag = source.slice(parser.startIndex, parser.endIndex + 1);
          const at = tag.indexOf(attribs.src);
          if (at >= 0) images.push({ text: attribs.src, span: [parser.startIndex + at, parser.startIndex + at + attribs.src.length] });
        }
        if ((name === 'meta' || name === 'time' || name === 'link') && metadata.length < MAX_METADATA) {
          const kept = metadataOf(name, attribs);
          if (kept) {
            const tag = source.slice(parser.startIndex, parser.endIndex + 1);
            const at = tag.indexOf(kept.text);
            if (at >= 0 && kept.text.length <= 300) metadata.push({ ...kept, span: [parser.startIndex + at, parser.startIndex + at + kept.text.length] });
          }
        }
        const block = BLOCK_TAGS.has(name);
        const inArticle = (parent?.inArticle ?? false) || name === 'article' || name === 'main';
        const chrome =
          SKIP_TAGS.has(name) || (CHROME_TAGS.has(name) && !parent?.inArticle) || (classChrome && !WRAPPERS.has(name) && isChrome(attribs));
        const index = elements.length;
        elements.push({
          name,
          skip: (parent?.skip ?? false) || chrome,
          block: block ? index : parent?.block ?? -1,
          inLink: (parent?.inLink ?? false) || name === 'a',
          pre: (parent?.pre ?? false) || name === 'pre',
          bold: (parent?.bold ?? false) || name === 'b' || name === 'strong' || TITLE_CLASS.test(`${attribs.class ?? ''} ${attribs.id ?? ''}`),
          inArticle,
          chars: 0,
          linkChars: 0,
        });
        stack.push(index);
        if (name === 'title' && titleState === 'before' && !stack.some((i) => elements[i].name === 'svg')) titleState = 'in';
        if (name === 'br') pieces.push({ kind: 'break', at: parser.startIndex, lines: 1 });
        else if (block) pieces.push({ kind: 'break', at: parser.startIndex, lines: 2 });
      },
      onclosetag(name) {
        if (name === 'title' && titleState === 'in') titleState = 'done';
        const index = stack.pop();
        if (index !== undefined && BLOCK_TAGS.has(elements[index].name)) pieces.push({ kind: 'break', at: parser.startIndex, lines: 2 });
      },
      ontext(data) {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const literal = source.slice(start, end) === data;
        const element = top();
        if (titleState === 'in') {
          titlePieces.push({ kind: 'text', start, end, data, literal, block: -1 });
          return;
        }
        if (element?.skip) return;
        const block = element?.block ?? -1;
        pieces.push({ kind: 'text', start, end, data, literal, block, pre: element?.pre, bold: element?.bold });
        if (block >= 0) {
          const chars = data.replace(/\s+/g, '').length;
          elements[block].chars += chars;
          if (element?.inLink) elements[block].linkChars += chars;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // htmlparser2 keeps its element stack with unshift(), quadratic in the nesting depth: feed the page in chunks and
  // stop reading a page nested deeper than any real one (the text read so far is kept, with a warning).
  let truncatedAt: number | null = null;
  for (let at = 0; at < source.length; at += CHUNK) {
    parser.write(source.slice(at, at + CHUNK));
    if (stack.length > MAX_DEPTH && at + CHUNK < source.length) {
      truncatedAt = at + CHUNK;
      break;
    }
  }
  parser.end();

  pieces = splitServerDirectives(pieces, source);
  // The title in its own view (whitespace collapsed), so the site-name cut keeps exact offsets.
  const titleBuilder = new TextViewBuilder(source);
  const titleWriter = new Writer(titleBuilder, source);
  for (const piece of splitServerDirectives(titlePieces, source)) if (piece.kind === 'text') titleWriter.text(piece);
  const wholeTitle = titleBuilder.build();
  const titleText = wholeTitle.raw.trim();
  const lead = wholeTitle.raw.length - wholeTitle.raw.trimStart().length;
  const keep = lead + titleLength(titleText);
  const titleCut = wholeTitle.raw.slice(lead, keep).trim();

  // Link lists (navigation, related articles) are blocks whose text is mostly links.
  const dropped = new Set<number>();
  elements.forEach((element, index) => {
    if (element.chars > 0 && element.linkChars >= element.chars * 0.5 && !HEADINGS.has(element.name)) dropped.add(index);
  });
  const byBlock = new Map<number, Piece[]>();
  for (const piece of pieces) {
    if (piece.kind !== 'text' || piece.block < 0) continue;
    const list = byBlock.get(piece.block);
    if (list) list.push(piece);
    else byBlock.set(piece.block, [piece]);
  }
  // A block that repeats the <title> headline (a heading, or a bold table cell): the title line already carries it.
  if (titleCut) {
    const wanted = titleCut.replace(/\s+/g, '');
    for (const [block, blockPieces] of byBlock) if (plain(blockPieces) === wanted) dropped.add(block);
  }
  // An empty <title>: the page's first h1 (else h2, h3) is the headline, written first.
  let pageHeading: Piece[] = [];
  if (!titleCut) {
    for (const level of ['h1', 'h2', 'h3']) {
      const found = [...byBlock].find(([block, blockPieces]) => elements[block].name === level && !dropped.has(block) && plain(blockPieces) !== '');
      if (found) {
        pageHeading = found[1];
        dropped.add(found[0]);
        break;
      }
    }
    // No heading: a short block written wholly in bold or in a title-classed element, before the first long one.
    if (!pageHeading.length) {
      for (const [block, blockPieces] of byBlock) {
        if (dropped.has(block)) continue;
        const length = plain(blockPieces).length;
        if (length > 60) break;
        if (length >= 6 && blockPieces.every((piece) => piece.kind === 'text' && (piece.bold || !piece.data.trim()))) {
          pageHeading = blockPieces;
          dropped.add(block);
          break;
        }
      }
    }
  }

  const builder = new TextViewBuilder(source);
  const writer = new Writer(builder, source);
  for (let i = lead; i < lead + titleCut.length; i++) builder.emit(wholeTitle.raw[i], wholeTitle.starts[i], wholeTitle.ends[i]);
  if (titleCut) writer.lineBreak(wholeTitle.ends[lead + titleCut.length - 1], 2);
  // The page heading opens the article: what stands before it (crumbs, counters) is page chrome, and the text
  // keeps source order (the report maps shown text back by offsets).
  const headingStart = pageHeading.length ? pieces.indexOf(pageHeading[0]) : 0;
  if (pageHeading.length) for (const block of pageHeading) if (block.kind === 'text') dropped.delete(block.block);
  for (let i = headingStart; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind === 'break') writer.lineBreak(piece.at, piece.lines);
    else if (!dropped.has(piece.block)) writer.text(piece);
  }
  return { view: builder.build(), title: titleCut || null, titleLength: titleCut.length, truncatedAt, images, metadata };
}

/** Does this decoded text look like an HTML page? A doctype or <html> near the start, or many tags. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024);
  if (/<!doctype\s{1,10}html|<html[\s>]/i.test(head)) return true;
  const sample = text.slice(0, 16384);
  const tags = sample.match(/<\/?(?:p|div|span|br|a|table|td|tr|li|ul|h[1-6]|body|head|title|meta|script|style|img)[\s/>]/gi);
  return (tags?.length ?? 0) >= 8;
}
