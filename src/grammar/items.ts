import type { Context } from '../pipeline/context';
import type { CountedPhrase } from './counted';
import { findCountedPhrases } from './counted';
import { listEndingAt, listStartingAfter, ordinalListAfter, type Span0 } from './lists';

export interface PhraseItems {
  items: Span0[];
  /** Where the items came from: before (A、B、C三大…), after (…：A、B、C), ordinal (一是…二是…), quoted. */
  source: 'before' | 'after' | 'ordinal' | 'quoted' | 'none';
}

/** Counted phrases of the document, computed once and shared by the extractors that need them. */
export function countedPhrases(ctx: Context): CountedPhrase[] {
  return ctx.shared('counted-phrases', () => findCountedPhrases(ctx));
}

/** A phrase that closes a 、-list (A、B、C三大主导产业) explains that list. */
export function listBefore(ctx: Context, phrase: CountedPhrase): Span0[] | null {
  const before = ctx.text[phrase.start - 1];
  if (!before || /[，,。；;：:!！?？\n()（）]/.test(before)) return null;
  return listEndingAt(ctx, phrase.start);
}

/** Quoted terms that open parallel sentences after the label (建设“未来之城”，… 建设“绿色之城”，…). */
function quotedAfter(ctx: Context, from: number, to: number): Span0[] {
  const items: Span0[] = [];
  const pattern = /(?:^|[。；;，,])[^。；;，,“”]{0,4}“([^“”]{2,10})”/g;
  const chunk = ctx.text.slice(from, to);
  for (let match = pattern.exec(chunk); match; match = pattern.exec(chunk)) {
    const start = from + match.index + match[0].length - match[1].length - 1;
    items.push({ start, end: start + match[1].length });
  }
  return items;
}

/** Find the members a counted phrase stands for, checking them against its count. */
export function itemsFor(ctx: Context, phrase: CountedPhrase, options: { quoted?: boolean } = {}): PhraseItems {
  const before = listBefore(ctx, phrase);
  if (before && (before.length === phrase.count || phrase.count === 1)) return { items: before, source: 'before' };
  const after = listStartingAfter(ctx, phrase.end);
  if (after && after.length === phrase.count) return { items: after, source: 'after' };
  const colon = /^[”"]?[:：]/.test(ctx.text.slice(phrase.end, phrase.end + 2));
  if (after && colon) return { items: after, source: 'after' };
  const paragraph = ctx.paragraphOf(phrase.end);
  const ordinal = ordinalListAfter(ctx, phrase.end, Math.min(paragraph[1], phrase.end + 60));
  if (ordinal && (ordinal.length === phrase.count || colon)) return { items: ordinal, source: 'ordinal' };
  if (options.quoted) {
    const quoted = quotedAfter(ctx, phrase.end, paragraph[1]);
    if (quoted.length >= 2 && (phrase.count === 1 || quoted.length === phrase.count)) return { items: quoted, source: 'quoted' };
  }
  return { items: [], source: 'none' };
}
