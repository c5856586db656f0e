import { InputError } from '../errors';
import { EXTRACTORS } from '../extractors/registry';
import { loadLexicon } from '../lexicon';
import { segment } from '../segment/jieba';
import type { AnalysisResult, Warning } from '../types';
import { clean, type Cleaned } from './clean';
import { Context, type AnalyzeOptions, type Extracted } from './context';
import { extractHtml, looksLikeHtml } from './html';
import type { Lexicon } from '../lexicon';
import { extractMarkdown, hasFrontMatter } from './markdown';
import { normalize } from './normalize';
import { composeViews, toSourceSpan } from './text-view';

export const SCHEMA_VERSION = '1.0';

export interface AnalyzeInput {
  /** The decoded text (spans point into it). */
  text: string;
  /** Path or id reported in `input.path`. */
  path?: string;
  encoding?: string;
  /** Warnings from reading/decoding (e.g. invalid byte sequences). */
  warnings?: Warning[];
  id?: string;
  /** `html`: take the page's title and article text; `markdown`: leave out front matter and markup (spans still index `text`); `auto`: sniff. Default `text`. */
  format?: InputFormat | 'auto';
}

export type InputFormat = 'text' | 'html' | 'markdown';

/** The format an input is analysed as: `auto` sniffs for a doctype, <html> or many tags, then for YAML front matter. */
export function resolveFormat(text: string, format: InputFormat | 'auto' = 'text'): InputFormat {
  if (format === 'auto') return looksLikeHtml(text) ? 'html' : hasFrontMatter(text) ? 'markdown' : 'text';
  return format;
}

/** clean() on plain text, or on the text extracted from HTML with its map composed back to the HTML string. */
function cleanInput(text: string, format: InputFormat, lexicon: Lexicon, warnings: Warning[]): Cleaned {
  if (format === 'text') return clean(text, lexicon);
  if (format === 'markdown') {
    const markdown = extractMarkdown(text);
    const cleaned = clean(markdown.view.raw, lexicon);
    const removed = [...markdown.removed, ...cleaned.removed.map((piece) => ({ ...piece, span: toSourceSpan(markdown.view, piece.span[0], piece.span[1]) }))];
    return { view: composeViews(cleaned.view, markdown.view), removed: removed.sort((a, b) => a.span[0] - b.span[0]) };
  }
  const html = extractHtml(text);
  // A page with nothing but markup, scripts and navigation is an error record, not an empty analysis.
  if (!/\S/.test(html.view.raw)) throw new InputError('EMPTY', 'HTML page has no text outside markup, scripts and navigation');
  if (html.truncatedAt !== null) {
    warnings.push({ code: 'html-truncated', message: `HTML nested too deeply: the page was read up to offset ${html.truncatedAt} only`, span: [html.truncatedAt, text.length] });
  }
  const cleaned = clean(html.view.raw, lexicon);
  return {
    view: composeViews(cleaned.view, html.view),
    removed: cleaned.removed.map((piece) => ({ ...piece, span: toSourceSpan(html.view, piece.span[0], piece.span[1]) })),
  };
}

/** Analyse one decoded text: clean → normalise → segment → extractors → result. No I/O. */
export function analyzeText(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalysisResult {
  const lexicon = loadLexicon(options.lexiconDirs);
  const inputWarnings: Warning[] = [...(input.warnings ?? [])];
  const { view: cleanView, removed } = cleanInput(input.text, resolveFormat(input.text, input.format), lexicon, inputWarnings);
  const { view, traditional } = normalize(cleanView, lexicon);
  const tokens = segment(view.text, lexicon);
  const ctx = new Context(view, tokens, lexicon, removed, { top: options.top ?? 10 });
  const warnings: Warning[] = inputWarnings;
  if (traditional) warnings.push({ code: 'traditional-script', message: 'text is in traditional characters; matched after conversion to simplified, items reported as written' });
  for (const extractor of EXTRACTORS) {
    const produced = extractor.run(ctx);
    for (const [key, value] of Object.entries(produced) as Array<[keyof Extracted, unknown]>) {
      if (key === 'warnings') warnings.push(...(value as Warning[]));
      else (ctx.found as Record<string, unknown>)[key] = value;
    }
  }
  const found = ctx.found;
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(input.id !== undefined ? { id: input.id } : {}),
    input: { path: input.path ?? '-', encoding: input.encoding ?? 'utf-8', chars: input.text.length },
    title: found.title ?? null,
    meeting: found.meeting ?? null,
    officials: found.officials ?? [],
    people: found.people ?? [],
    frameworks: found.frameworks ?? [],
    enumerations: found.enumerations ?? [],
    industries: found.industries ?? [],
    slogans: found.slogans ?? [],
    quantities: found.quantities ?? [],
    directives: found.directives ?? [],
    keywords: found.keywords ?? [],
    removed,
    warnings,
  };
}
