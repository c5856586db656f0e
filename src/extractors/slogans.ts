import type { Context, Extractor } from '../pipeline/context';
import type { Slogan, TextItem } from '../types';
import { COUNT_CHARS } from '../util/numbers';

const QUOTED = /“([^“”\n]{2,12})”/g;
const NUMERAL = new RegExp(String.raw`[${COUNT_CHARS}]`);
const NUMERALS = new RegExp(String.raw`[${COUNT_CHARS}]`, 'g');
const COUNTED_LABEL = new RegExp(String.raw`^[${COUNT_CHARS}\d]+(?:大|个|项|条|类|种|级|张|件|支|批|方面|道|步|位)`);
const FORMULA = /^\d+(?:\+(?:\d+|N))+$/;

/**
 * Parts of a compound numeric slogan starting at `start` (一核两带三区 → 一核, 两带, 三区): each part is a
 * numeral and one or two characters, the next part starts with a numeral, and the last ends at a token boundary.
 */
function numericParts(ctx: Context, start: number, limit: number): Array<[number, number]> {
  const { text } = ctx;
  const parts: Array<[number, number]> = [];
  let at = start;
  while (at < limit && NUMERAL.test(text[at]) && parts.length < 6) {
    let end = -1;
    for (const size of [2, 3]) {
      const next = at + size;
      if (next > limit || !/^[\u3400-\u9fff]+$/.test(text.slice(at + 1, next))) continue;
      if (NUMERAL.test(text[next] ?? '') || (text[next] === '、' && NUMERAL.test(text[next + 1] ?? '')) || next === limit || !/[\u3400-\u9fff]/.test(text[next] ?? '') || ctx.isTokenStart(next) && parts.length >= 1) {
        end = next;
        break;
      }
    }
    if (end < 0) break;
    parts.push([at, end]);
    at = text[end] === '、' ? end + 1 : end;
    if (!NUMERAL.test(text[at] ?? '')) break;
  }
  return parts;
}

export const slogans: Extractor = {
  id: 'slogans',
  needs: ['frameworks', 'enumerations'],
  provides: ['slogans'],
  run(ctx) {
    const { text } = ctx;
    const found: Slogan[] = [];
    const seen = new Set<string>();
    const add = (start: number, end: number, parts: Array<[number, number]>, rule: string) => {
      const written = ctx.surface(start, end);
      if (seen.has(written)) return;
      seen.add(written);
      const items: TextItem[] = parts.length >= 2 ? parts.map(([from, to]) => ctx.item(from, to)) : [];
      found.push({ text: written, span: ctx.span(start, end), parts: items, rule });
    };
    // Label spans (working offsets) marked once: a lookup per quotation instead of a scan of every label.
    const inLabel = new Uint8Array(text.length + 1);
    for (const item of [...(ctx.found.enumerations ?? []), ...(ctx.found.frameworks ?? []).flatMap((framework) => framework.components)]) {
      inLabel.fill(1, Math.max(0, item.span[0]), Math.min(text.length, item.span[1]));
    }
    const insideLabel = (start: number) => inLabel[start] === 1;
    const quotedStarts = new Set<number>();
    QUOTED.lastIndex = 0;
    for (let match = QUOTED.exec(text); match; match = QUOTED.exec(text)) {
      const inner = match[1];
      const start = match.index + 1;
      if (insideLabel(start) || COUNTED_LABEL.test(inner) || FORMULA.test(inner.replace(/\s/g, '')) || /[，,。；;:：!?]/.test(inner)) continue;
      quotedStarts.add(start);
      const parts = numericParts(ctx, start, start + inner.length);
      const covered = parts.length >= 2 && parts[parts.length - 1][1] === start + inner.length;
      add(start, start + inner.length, covered ? parts : [], 'slogan.quoted');
    }
    // Unquoted compounds (构建一核两带三区格局): distinct numerals, at least two parts.
    // Jump from numeral to numeral (a per-character loop allocated a string for every CJK character).
    NUMERALS.lastIndex = 0;
    for (let match = NUMERALS.exec(text); match; match = NUMERALS.exec(text)) {
      const at = match.index;
      if (!ctx.isTokenStart(at) || quotedStarts.has(at) || NUMERAL.test(text[at - 1] ?? '')) continue;
      const parts = numericParts(ctx, at, text.length);
      if (parts.length < 2) continue;
      const numerals = parts.map(([from]) => text[from]);
      if (new Set(numerals).size !== numerals.length || parts.some(([from, to]) => COUNTED_LABEL.test(text.slice(from, to + 1)))) continue;
      const end = parts[parts.length - 1][1];
      if (!insideLabel(at)) add(at, end, parts, 'slogan.numeral-compound');
      NUMERALS.lastIndex = end;
    }
    return { slogans: found };
  },
};
