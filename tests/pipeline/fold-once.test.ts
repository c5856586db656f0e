import { clean } from '../../src/pipeline/clean';
import { foldChar, foldWidth } from '../../src/pipeline/fold';
import { normalize } from '../../src/pipeline/normalize';
import { loadLexicon, type Lexicon } from '../../src/lexicon';

const lexicon = loadLexicon();

/** A lexicon whose boilerplate list is replaced (the rest is the built-in one). */
const withBoilerplate = (patterns: Array<{ reason: string; regex: RegExp }>): Lexicon => ({ ...lexicon, boilerplate: patterns });

describe('width folding', () => {
  test('foldWidth agrees with foldChar on every UTF-16 code unit', () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join('');
    const folded = foldWidth(all);
    expect(folded.length).toBe(all.length);
    for (let code = 0; code < 0x10000; code++) expect(folded.charCodeAt(code)).toBe(foldChar(code));
  });

  test.each([
    ['１＋３＋３思路', '1+3+3思路'],
    ['「一带一路」倡议', '“一带一路”倡议'],
    ['市委书记\u3000王某某，出席', '市委书记 王某某,出席'],
  ])('the cleaner hands on working text already folded: %s', (source, expected) => {
    const { view } = clean(source, lexicon);
    expect(view.text).toBe(expected);
    expect(view.raw).toBe(source);
    expect(normalize(view, lexicon).view.text).toBe(expected);
  });

  test('folded text comes back as the same string', () => {
    const text = '会议指出,要抓好“三农”工作。';
    expect(foldWidth(text)).toBe(text);
  });
});

describe('boilerplate patterns tested together', () => {
  test.each([
    ['the first listed pattern names the reason when two match', [{ reason: 'first', regex: /^打印/ }, { reason: 'second', regex: /打印本页$/ }], '打印本页', 'first'],
    ['a case-insensitive pattern next to a case-sensitive one', [{ reason: 'exact', regex: /^abc$/ }, { reason: 'any-case', regex: /^xyz$/i }], 'XYZ', 'any-case'],
    ['a case-sensitive pattern does not become case-insensitive', [{ reason: 'exact', regex: /^abc$/ }, { reason: 'any-case', regex: /^xyz$/i }], 'ABC', null],
    ['a pattern with a back-reference keeps its own groups', [{ reason: 'group', regex: /^(ab)c/ }, { reason: 'repeat', regex: /^(.)\1{3}$/ }], '哈哈哈哈', 'repeat'],
    ['an alternation inside a pattern stays inside it', [{ reason: 'either', regex: /^来源|作者$/ }, { reason: 'other', regex: /^来源/ }], '某某作者', 'either'],
  ])('%s', (_name, patterns, line, reason) => {
    const { removed } = clean(`正文第一段。\n${line}\n正文第二段。`, withBoilerplate(patterns));
    expect(removed.filter((piece) => piece.text === line).map((piece) => piece.reason)).toEqual(reason ? [reason] : []);
  });
});
