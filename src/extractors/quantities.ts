import type { Extractor } from '../pipeline/context';
import type { Quantity } from '../types';
import { escapeRegExp, perLexicon } from '../lexicon/word-lists';


export const quantities: Extractor = {
  id: 'quantities',
  needs: ['frameworks', 'enumerations'],
  provides: ['quantities'],
  run(ctx) {
    const { text } = ctx;
    const enumerated = new Set((ctx.found.enumerations ?? []).map((item) => item.span[0]));
    for (const framework of ctx.found.frameworks ?? []) for (const component of framework.components) enumerated.add(component.span[0]);
    const found: Quantity[] = [];
    // Units and noun stops come from data/quantity-units.txt and data/quantity-noun-stops.txt.
    const QUANTITY = perLexicon(ctx.lexicon, 'quantities:pattern', () => new RegExp(`(\\d{1,15}(?:\\.\\d{1,15})?)(多|余)?(万|亿)?(${ctx.lexicon.list('quantity-units').map(escapeRegExp).join('|')})`, 'g'));
    const nounStops = ctx.lexicon.set('quantity-noun-stops');
    QUANTITY.lastIndex = 0;
    for (let match = QUANTITY.exec(text); match; match = QUANTITY.exec(text)) {
      const start = match.index;
      if (/[\d.]/.test(text[start - 1] ?? '') || /^\d{4}$/.test(match[1]) && match[4] === '年') continue;
      if (enumerated.has(ctx.span(start, start + 1)[0])) continue;
      let end = start + match[0].length;
      const unitEnd = end;
      // The unit may be fused with the next character in a token (家 + 规上 → 家规): skip to the next token start.
      while (end < text.length && !ctx.isTokenStart(end) && /[\u3400-\u9fff]/.test(text[end]) && end - unitEnd < 3) end++;
      while (end < text.length && end - unitEnd < 6) {
        const token = ctx.tokenStartingAt(end);
        if (!token || !/^[\u3400-\u9fff]+$/.test(token.word) || nounStops.has(token.word) || token.end - unitEnd > 6) break;
        end = token.end;
      }
      const multiplier = match[3] === '万' ? 1e4 : match[3] === '亿' ? 1e8 : 1;
      found.push({
        text: ctx.surface(start, end),
        value: Number(match[1]) * multiplier,
        unit: match[4],
        noun: end > unitEnd ? ctx.surface(unitEnd, end) : null,
        span: ctx.span(start, end),
        rule: 'quantity.number-unit',
      });
    }
    return { quantities: found };
  },
};
