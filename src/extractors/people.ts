import type { Lexicon } from '../lexicon';
import type { Context, Extractor } from '../pipeline/context';
import type { Person } from '../types';
import { anyOf, perLexicon } from '../lexicon/word-lists';
import { isCommonWordTag } from '../segment/types';
import { describedPeople } from './officials';

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
        // 记者 霍艳恩摄: the name stops before a photo credit written straight after it.
        const credit = photoCreditAt(ctx, value);
        if (credit > 0) value = value.slice(0, credit);
        const surname = hasSurname(ctx.lexicon, value);
        if (!surname || value.length < 2 || officials.has(value) || !looksLikeName(ctx, value)) break;
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
        if (value.length !== length || !hasSurname(ctx.lexicon, value) || officials.has(value) || ctx.lexicon.notNames.includes(value) || !looksLikeName(ctx, value)) continue;
        if (!seen.has(value)) {
          seen.add(value);
          found.push({ name: value, role: '摄影', span: [end - length, end], rule: 'person.photo-credit', evidence: [[match.index, match.index + match[0].length]] });
        }
        break;
      }
    }
    // Named people with a company or research post, or described as 院士, 村民 …: every named person who is no official.
    for (const person of describedPeople(ctx)) {
      if (officials.has(person.name) || seen.has(person.name)) continue;
      seen.add(person.name);
      found.push({ name: person.name, role: person.role, span: [person.start, person.end], rule: person.rule, evidence: person.evidence });
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

/**
 * Name evidence for a credited string (the credit word alone is not enough: 全景 摄, 审核 权限等措施): neither the
 * string nor its first two characters is a word jieba knows as something other than a name, and no function
 * character (等, 的) is inside it.
 */
function looksLikeName(ctx: Context, value: string): boolean {
  if (isCommonWordTag(ctx.tagOf(value))) return false;
  if (value.length >= 3 && isCommonWordTag(ctx.tagOf(value.slice(0, 2)))) return false;
  const functionChars = perLexicon(ctx.lexicon, 'people:function', () => new Set(ctx.lexicon.list('name-boundaries').filter((word) => word.length === 1)));
  return ![...value.slice(1)].some((ch) => functionChars.has(ch));
}

/** Offset in `value` where a photo credit (摄, 摄影 …) starts after at least two characters, else -1. */
function photoCreditAt(ctx: Context, value: string): number {
  const credits = ctx.lexicon.list('photo-credits').filter((word) => word !== '图');
  for (let at = 2; at < value.length; at++) if (credits.some((word) => value.startsWith(word, at))) return at;
  return -1;
}
