import type { Span } from '../types';

/** One highlight over the article text. */
export interface Mark {
  /** Element id of the first piece; table rows point at it. */
  id: string;
  /** Kind, used as the CSS class `k-<kind>`. */
  kind: string;
  span: Span;
  /** What the text was extracted as (tooltip). */
  label: string;
  /** Short inline label of its kind, shown after the text (a printout reads without the legend). */
  tag?: string;
  /** Element ids shown as related while this mark is hovered or focused. */
  links?: string[];
}

/** Drawing order for marks with the same span: the earlier kind is the outer element. */
const KIND_ORDER = ['removed', 'meeting', 'official', 'mention', 'formula', 'component', 'enumeration', 'slogan', 'quantity', 'item', 'industry'];

/** Escapes the HTML specials, and CR, which the HTML parser would otherwise fold into LF and so shift offsets in the DOM. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function openTag(mark: Mark, first: boolean): string {
  const label = escapeHtml(mark.label);
  // Only the first piece of a mark that had to be split gets the id and the tab stop; all pieces share data-mark.
  const head = first
    ? ` id="${mark.id}" tabindex="0"${mark.tag ? ` data-tag="${escapeHtml(mark.tag)}"` : ''}${mark.links?.length ? ` data-links="${escapeHtml(mark.links.join(' '))}"` : ''}`
    : '';
  return `<mark class="hl k-${mark.kind}${first ? '' : ' cont'}"${head} data-mark="${mark.id}" title="${label}" data-tip="${label}">`;
}

/**
 * Render `text` as escaped HTML with every mark wrapped in `<mark>` elements. Marks that nest are nested; a mark
 * that crosses the end of an enclosing one is closed and reopened as a continuation piece, so the text itself is
 * never duplicated, dropped or reordered.
 */
export function highlight(text: string, marks: Mark[]): string {
  const valid = marks
    .map((mark) => ({ ...mark, span: [Math.max(0, mark.span[0]), Math.min(text.length, mark.span[1])] as Span }))
    .filter((mark) => mark.span[0] < mark.span[1]);
  const rank = (kind: string) => (KIND_ORDER.indexOf(kind) + 1 || KIND_ORDER.length + 1);
  valid.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1] || rank(a.kind) - rank(b.kind));

  const points = [...new Set([0, text.length, ...valid.flatMap((mark) => mark.span)])].sort((a, b) => a - b);
  const stack: Mark[] = [];
  const out: string[] = [];
  let next = 0;
  let last = 0;
  for (const p of points) {
    if (p > last) out.push(escapeHtml(text.slice(last, p)));
    last = p;
    // Close every mark ending here; marks opened inside one of them but ending later are reopened.
    for (;;) {
      const index = stack.findIndex((mark) => mark.span[1] <= p);
      if (index < 0) break;
      const above = stack.splice(index);
      out.push('</mark>'.repeat(above.length));
      for (const mark of above.slice(1)) {
        if (mark.span[1] > p) {
          stack.push(mark);
          out.push(openTag(mark, false));
        }
      }
    }
    while (next < valid.length && valid[next].span[0] === p) {
      stack.push(valid[next]);
      out.push(openTag(valid[next], true));
      next++;
    }
  }
  return out.join('');
}
