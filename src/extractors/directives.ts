import type { Extractor } from '../pipeline/context';
import type { Directive, Official } from '../types';
import { escapeRegExp } from '../lexicon/word-lists';


const NO_OFFICIALS: readonly Official[] = [];

export const directives: Extractor = {
  id: 'directives',
  needs: ['officials'],
  provides: ['directives'],
  run(ctx) {
    const { text } = ctx;
    // Built as a string: spreading the names into an array literal deoptimised this function whenever the
    // array of names changed its element kind (none, some), and V8 compiled it again.
    let speakers = '会议|会上|大会';
    for (const official of ctx.found.officials ?? NO_OFFICIALS) speakers += `|${escapeRegExp(official.name)}`;
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
