import { checkRegistry, EXTRACTORS } from '../../src/extractors/registry';
import type { Extractor } from '../../src/pipeline/context';
import { analyzeWithoutJieba } from '../context';

const stub = (id: string, needs: Extractor['needs'], provides: Extractor['provides']): Extractor => ({ id, needs, provides, run: () => ({}) });

describe('extractor registry', () => {
  test('the built-in order satisfies every need', () => {
    expect(() => checkRegistry(EXTRACTORS)).not.toThrow();
    const provided = new Set(EXTRACTORS.flatMap((extractor) => extractor.provides));
    expect(provided.size).toBe(EXTRACTORS.length);
  });

  test.each([
    ['a need before its provider', [stub('a', ['officials'], ['people']), stub('b', [], ['officials'])], /a needs officials/],
    ['a need nobody provides', [stub('a', ['frameworks'], ['people'])], /no earlier extractor/],
    ['two providers of one field', [stub('a', [], ['people']), stub('b', [], ['people'])], /provided by both a and b/],
    ['a duplicate id', [stub('a', [], ['people']), stub('a', [], ['title'])], /appears twice/],
  ])('rejects %s', (_, list, message) => {
    expect(() => checkRegistry(list)).toThrow(message);
  });

  test('an extractor sees only the fields it needs, and may return only what it provides', () => {
    const seen: string[][] = [];
    const first: Extractor = { id: 'first', needs: [], provides: ['title'], run: (ctx) => ((seen.push(Object.keys(ctx.found)), { title: ctx.item(0, 2) })) };
    const blind: Extractor = { id: 'blind', needs: [], provides: ['people'], run: (ctx) => ((seen.push(Object.keys(ctx.found)), { people: [] })) };
    const reader: Extractor = { id: 'reader', needs: ['title'], provides: ['slogans'], run: (ctx) => ((seen.push(Object.keys(ctx.found)), { slogans: [] })) };
    analyzeWithoutJieba('县委书记出席会议。', { extractors: [first, blind, reader] });
    expect(seen).toEqual([[], [], ['title']]);
    const liar: Extractor = { id: 'liar', needs: [], provides: ['people'], run: () => ({ title: null }) };
    expect(() => analyzeWithoutJieba('县委书记出席会议。', { extractors: [liar] })).toThrow(/liar returned title/);
  });

  test('spans returned in working offsets come out as input spans, with the text they cover', () => {
    const pick: Extractor = {
      id: 'pick',
      needs: [],
      provides: ['industries'],
      run: (ctx) => {
        const at = ctx.text.indexOf('新材料');
        return { industries: [{ name: '新材料', span: ctx.span(at, at + 3) }] };
      },
    };
    // Leading blank lines and a hard-wrapped line move working offsets away from input offsets.
    const text = '\n\n发展高端装备、新\n材料产业。\n';
    const result = analyzeWithoutJieba(text, { extractors: [pick] });
    const [industry] = result.industries;
    expect(text.slice(industry.span[0], industry.span[1]).replace(/\n/g, '')).toBe('新材料');
  });
});
