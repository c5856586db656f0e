import type { Extractor } from '../pipeline/context';
import type { Directive } from '../types';
import { escapeRegExp } from '../lexicon/word-lists';


export const directives: Extractor = {
  id: 'directives',
  needs: ['officials'],
  provides: ['directives'],
  run(ctx) {
    const { text } = ctx;
    const names = (ctx.found.officials ?? []).map((official) => escapeRegExp(official.name));
    const speakers = ['会议', '会上', '大会', ...names].join('|');
    const VERBS = ctx.lexicon.list('directive-verbs').join('|');
    const MODIFIERS = `(?:${ctx.lexicon.list('directive-modifiers').join('|')})?`;
    const pattern = new RegExp(`(${speakers})(?:在[^，,。]{0,12}?(?:上|中))?${MODIFIERS}(${VERBS})[,，:：]?`, 'g');
    const found: Directive[] = [];
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index + match[0].length;
      let end = start;
      while (end < text.length && text[end] !== '。' && text[end] !== '\n' && end - start < 400) end++;
      if (end - start < 4) continue;
      found.push({ verb: match[2], speaker: match[1], text: ctx.surface(start, end), span: ctx.span(start, end), rule: 'directive.speaker-verb', evidence: [ctx.span(match.index, start), ctx.span(start, end)] });
      pattern.lastIndex = end;
    }
    return { directives: found };
  },
};
