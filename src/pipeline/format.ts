import { looksLikeHtml } from './html';

/** How an input's text is read: as plain text, or as an HTML page (title and article text taken out of the markup). */
export type InputFormat = 'text' | 'html';

/** The format an input is analysed as: `auto` sniffs for a doctype, <html> or many tags. */
export function resolveFormat(text: string, format: InputFormat | 'auto' = 'text'): InputFormat {
  if (format === 'auto') return looksLikeHtml(text) ? 'html' : 'text';
  return format;
}
