import { looksLikeHtml } from './html';
import { looksLikeMarkdown } from './markdown';

/**
 * How an input's text is read: as plain text, as an HTML page (title and article text taken out of the markup), or
 * as Markdown (front matter and markup left out).
 */
export type InputFormat = 'text' | 'html' | 'markdown';

/** The format an input is analysed as: `auto` sniffs for a doctype, <html> or many tags, then for YAML front matter or a leading # heading. */
export function resolveFormat(text: string, format: InputFormat | 'auto' = 'text'): InputFormat {
  if (format === 'auto') return looksLikeHtml(text) ? 'html' : looksLikeMarkdown(text) ? 'markdown' : 'text';
  return format;
}
