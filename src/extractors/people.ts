import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import type { Person } from '../types';
import { anyOf, perLexicon } from '../lexicon/word-lists';

const NAME = /^[\u3400-\u9fff]{2,4}/;

/** Credit patterns from data/credit-words.txt and data/photo-credits.txt, built once per lexicon. */
function patterns(lexicon: Lexicon) {
  return perLexicon(lexicon, 'people:patterns', () => {
    const words = anyOf(lexicon.list('credit-words'));
    const photo = anyOf(lexicon.list('photo-credits'));
    return {
      credit: new RegExp(`(${words})[\\s\\u3000:：|｜]*`, 'g'),
      // Where a name inside a credit stops: the start of the next credit word (记者 龚后雨 通讯员 …).
      creditWord: new RegExp(`(?:${words})`),
      // 李娜摄, 王强 摄影: the photographer's name written before the credit word.
      photo: new RegExp(`([\\u3400-\\u9fff]{2,6})[ \\u3000]?(?:${photo})(?![\\u3400-\\u9fff])`, 'g'),
    };
  });
}

function hasSurname(lexicon: Lexicon, value: string): boolean {
  return lexicon.compoundSurnames.has(value.slice(0, 2)) || lexicon.surnames.has(value[0]);
}

export const people: Extractor = {
  id: 'people',
  needs: ['officials'],
  provides: ['people'],
  run(ctx) {
    // Credits often sit in lines the cleaner removed: read the article and, after it, the removed lines.
    const source = ctx.view.raw;
    const officials = new Set((ctx.found.officials ?? []).map((official) => official.name));
    const found: Person[] = [];
    const seen = new Set<string>();
    const { credit: CREDIT, creditWord, photo } = patterns(ctx.lexicon);
    CREDIT.lastIndex = 0; // a shared /g pattern: never start from another document's position
    for (let match = CREDIT.exec(source); match; match = CREDIT.exec(source)) {
      let at = match.index + match[0].length;
      // 责任编辑： alone on a removed line: the name is on the article line that followed it in the input.
      const moved = match.index > ctx.text.length ? followingParagraph(ctx, match.index, at) : null;
      if (moved !== null) at = moved;
      // Several names may follow one credit, separated by spaces or 、.
      for (let n = 0; n < 4; n++) {
        const name = NAME.exec(source.slice(at, at + 4));
        if (!name) break;
        let value = name[0];
        // Stop before the next credit word (记者 龚后雨 通讯员 …).
        const next = value.search(creditWord);
        if (next === 0) break;
        if (next > 0) value = value.slice(0, next);
        const surname = hasSurname(ctx.lexicon, value);
        if (!surname || value.length < 2 || officials.has(value)) break;
        const after = source[at + value.length] ?? '';
        if (/[\u3400-\u9fff]/.test(after) && value.length < 4) break;
        if (!seen.has(value)) {
          seen.add(value);
          found.push({ name: value, role: match[1], span: [at, at + value.length], rule: 'person.credit-line', evidence: [[match.index, match.index + match[0].length]] });
        }
        at += value.length;
        if (moved !== null) break; // the next article line is not part of the credit
        const gap = /^[\s\u3000、,，]+/.exec(source.slice(at, at + 4));
        if (!gap) break;
        at += gap[0].length;
      }
      CREDIT.lastIndex = Math.max(CREDIT.lastIndex, at);
    }
    // Photo credits (区委办李娜摄): the last two or three characters before the credit word, read as a name.
    photo.lastIndex = 0;
    for (let match = photo.exec(source); match; match = photo.exec(source)) {
      const end = match.index + match[1].length;
      for (const length of [3, 2]) {
        const value = match[1].slice(-length);
        if (value.length !== length || !hasSurname(ctx.lexicon, value) || officials.has(value) || ctx.lexicon.notNames.includes(value)) continue;
        if (!seen.has(value)) {
          seen.add(value);
          found.push({ name: value, role: '摄影', span: [end - length, end], rule: 'person.photo-credit', evidence: [[match.index, match.index + match[0].length]] });
        }
        break;
      }
    }
    return { people: found };
  },
};

/**
 * When the credit matched at `offset` ends its removed line (`consumed` is past the line's end), the working start
 * of the first article paragraph that came after that line in the input; else null.
 */
function followingParagraph(ctx: Context, offset: number, consumed: number): number | null {
  const index = ctx.removedLines.findIndex((line) => line.start <= offset && offset < line.end);
  if (index < 0 || consumed < ctx.removedLines[index].end) return null;
  const after = ctx.removed[index].span[1];
  const next = ctx.paragraphs.find(([start]) => ctx.view.starts[start] >= after);
  return next ? next[0] : null;
}
