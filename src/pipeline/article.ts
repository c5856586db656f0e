import { InputError } from '../errors';
import type { Lexicon } from '../lexicon';
import type { Warning } from '../types';
import { clean, type Cleaned } from './clean';
import type { InputFormat } from './format';
import { extractHtml, MAX_HTML_DEPTH } from './html';
import { extractMarkdown } from './markdown';
import { composeViews, toSourceSpan } from './text-view';

/**
 * The article of an input as analysis reads it: plain text cleaned, or the text taken out of a Markdown file or an
 * HTML page and then cleaned, with the view mapped straight back to the input string and the removed pieces' spans
 * in input offsets. Analysis and the report both read inputs through here, so what the report shows is exactly what
 * was analysed. Warnings (html-truncated) are pushed onto `warnings`. Throws InputError (EMPTY) for an HTML page with
 * no text outside markup, scripts and navigation.
 */
export function articleOf(text: string, format: InputFormat, lexicon: Lexicon, warnings: Warning[] = []): Cleaned {
  // Cleaning's own warnings (most of the text removed as boilerplate) go with the others.
  const cleanOf = (raw: string) => {
    const cleaned = clean(raw, lexicon);
    if (cleaned.warnings) warnings.push(...cleaned.warnings);
    return cleaned;
  };
  if (format === 'text') return cleanOf(text);
  if (format === 'markdown') {
    const markdown = extractMarkdown(text);
    const cleaned = cleanOf(markdown.view.raw);
    const removed = [...markdown.removed, ...cleaned.removed.map((piece) => ({ ...piece, span: toSourceSpan(markdown.view, piece.span[0], piece.span[1]) }))];
    return { view: composeViews(cleaned.view, markdown.view), removed: removed.sort((a, b) => a.span[0] - b.span[0]) };
  }
  const html = extractHtml(text);
  // A page with nothing but markup, scripts and navigation is an error record, not an empty analysis; one nested
  // past the limit before its first text says that, not that it has no text.
  if (!/\S/.test(html.view.raw)) {
    if (html.truncatedAt !== null) throw new InputError('EMPTY', `HTML nested more than ${MAX_HTML_DEPTH} levels deep before any text: the page was read up to offset ${html.truncatedAt} only (nesting limit)`);
    throw new InputError('EMPTY', 'HTML page has no text outside markup, scripts and navigation');
  }
  if (html.truncatedAt !== null) {
    warnings.push({ code: 'html-truncated', message: `HTML nested too deeply: the page was read up to offset ${html.truncatedAt} only`, span: [html.truncatedAt, text.length] });
  }
  const cleaned = cleanOf(html.view.raw);
  return {
    view: composeViews(cleaned.view, html.view),
    // Image file names are boilerplate the reader never sees, and year evidence for the meeting date.
    removed: [
      ...cleaned.removed.map((piece) => ({ ...piece, span: toSourceSpan(html.view, piece.span[0], piece.span[1]) })),
      ...html.images.filter((image) => /^[^\n]{1,300}$/.test(image.text)).map((image) => ({ text: image.text, reason: 'image-file', span: image.span })),
      // Publication metadata (<meta> dates, <time>, the page's address): evidence of the publication date.
      ...html.metadata.filter((piece) => /^[^\n]{1,300}$/.test(piece.text)),
    ].sort((a, b) => a.span[0] - b.span[0]),
  };
}
