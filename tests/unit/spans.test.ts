import { checkSpans, mapSpans, settleExplanations, SpanError } from '../../src/pipeline/spans';
import { identityView, TextViewBuilder } from '../../src/pipeline/text-view';

const view = identityView('县委书记王青松出席会议。　三大主导产业');

describe('checkSpans', () => {
  test('keeps items whose span shows them', () => {
    const produced = { industries: [{ name: '王青松', span: [4, 7] }] };
    expect(checkSpans('x', produced, view, { strict: true })).toEqual([]);
    expect(produced.industries).toHaveLength(1);
  });

  test.each([
    ['a span that covers other text', { name: '王青松', span: [0, 3] }, /covers "县委书", not "王青松"/],
    ['a span past the end', { name: '王青松', span: [4, 99] }, /outside the text/],
    ['a span that ends before it starts', { name: '王青松', span: [7, 4] }, /outside the text/],
    ['a negative offset', { name: '王青松', span: [-1, 7] }, /outside the text/],
  ])('rejects %s', (_, item, message) => {
    expect(() => checkSpans('officials', { officials: [item] }, view, { strict: true })).toThrow(SpanError);
    expect(() => checkSpans('officials', { officials: [item] }, view, { strict: true })).toThrow(message);
    const produced = { officials: [item, { name: '会议', span: [9, 11] }] };
    const warnings = checkSpans('officials', produced, view, { strict: false });
    expect(produced.officials).toEqual([{ name: '会议', span: [9, 11] }]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'span-check', message: expect.stringContaining('officials[0]') })]);
  });

  test('checks nested spans and named spans (nameSpan ↔ name, dateSpan ↔ dateText)', () => {
    const good = { meeting: { name: '会议', nameSpan: [9, 11], dateText: null, dateSpan: null, span: [0, 12] } };
    expect(checkSpans('meeting', good, view, { strict: true })).toEqual([]);
    const bad = { meeting: { name: '会议', nameSpan: [4, 6], span: [0, 12] } };
    expect(() => checkSpans('meeting', bad, view, { strict: true })).toThrow(/nameSpan/);
    const enumeration = { enumerations: [{ label: '三大主导产业', span: [13, 19], items: [{ text: '书记', span: [0, 2] }] }] };
    checkSpans('enumerations', enumeration, view, { strict: false });
    expect(enumeration.enumerations[0].items).toEqual([]);
  });

  test('trims edge whitespace a TextItem does not show and fills a missing text', () => {
    const produced = { slogans: [{ text: '会议。', span: [9, 13] }], title: { span: [0, 4] } as { span: [number, number]; text?: string } };
    checkSpans('x', produced, view, { strict: true });
    expect(produced.slogans[0].span).toEqual([9, 12]);
    expect(produced.title.text).toBe('县委书记');
  });

  test('a formula is compared by its digits (full-width plus signs in the text)', () => {
    const formulaView = identityView('构建“1＋3＋N”体系');
    expect(checkSpans('frameworks', { frameworks: [{ formula: '1+3+N', span: [3, 8], components: [] }] }, formulaView, { strict: true })).toEqual([]);
  });
});

describe('mapSpans', () => {
  test('maps every span field through the view, including nested ones', () => {
    // Working text "甲乙" built from "甲\n乙" with the break dropped.
    const builder = new TextViewBuilder('甲\n乙');
    builder.copy(0, 1);
    builder.copy(2, 3);
    const joined = builder.build();
    const result = { items: [{ text: '甲乙', span: [0, 2] }], meeting: { nameSpan: [1, 2], spans: [[0, 1]] } };
    mapSpans(result, joined);
    expect(result).toEqual({ items: [{ text: '甲乙', span: [0, 3] }], meeting: { nameSpan: [2, 3], spans: [[0, 1]] } });
  });
});

describe('explanations (rule and evidence)', () => {
  const produced = () => ({
    enumerations: [{ count: 3, label: '三大主导产业', span: [13, 19], items: [{ text: '主导', span: [15, 17] }], rule: 'enumeration.list-before', evidence: [[13, 19]] }],
    officials: [{ name: '王青松', span: [0, 7], spans: [[4, 7]], rule: 'official.title-before-name', evidence: [[0, 4]] }],
  });

  test('without explain every rule and evidence is removed', () => {
    const found = produced();
    settleExplanations(found, false);
    expect(JSON.stringify(found)).not.toMatch(/rule|evidence/);
  });

  test('with explain a nested item takes its parent rule and its own span as evidence; given evidence is kept', () => {
    const found = produced();
    settleExplanations(found, true);
    expect(found.enumerations[0].items[0]).toEqual({ text: '主导', span: [15, 17], rule: 'enumeration.list-before', evidence: [[15, 17]] });
    expect(found.officials[0].evidence).toEqual([[0, 4]]);
    expect(found.officials[0].spans).toEqual([[4, 7]]);
  });

  test('evidence spans are checked like spans, and a TextItem with a rule is still trimmed to its text', () => {
    expect(() => checkSpans('officials', { officials: [{ name: '王青松', span: [4, 7], evidence: [[0, 99]] }] }, view, { strict: true })).toThrow(/evidence has \[0,99\] outside the text/);
    const spaced = identityView(' 新材料 ');
    const slogans = { slogans: [{ text: '新材料', span: [1, 4], parts: [{ text: '新材料', span: [0, 5], rule: 'slogan.quoted' }] }] };
    checkSpans('slogans', slogans, spaced, { strict: false });
    expect(slogans.slogans[0].parts[0].span).toEqual([1, 4]);
  });
});
