import Ajv from 'ajv';
import fc from 'fast-check';
import { InputError } from '../src/errors';
import { analyze as analyzeText } from '../src/analyzer';
import { OUTPUT_SCHEMA } from '../src/schema';
import type { Span } from '../src/types';
import { CONTROL_SEQUENCE } from '../src/pipeline/clean';
import { spansOf } from './helpers';

/**
 * Property-based tests over arbitrary short strings. The generator mixes the vocabulary the extractors react to
 * (titles, counted phrases, formulas, quotes, list marks, dates) with arbitrary code units (lone surrogates,
 * control characters, full-width forms), so that random inputs reach deep into every extractor.
 */
// `npm test` runs a fixed seed (printed), so a failure repeats; `npm run fuzz` (FUZZ_SEED=random) searches with a new
// seed each run and more runs. FUZZ_SEED=<n> repeats a run; FUZZ_RUNS=<n> sets the runs per property.
const RANDOM = process.env.FUZZ_SEED === 'random';
const SEED = RANDOM ? (Date.now() ^ (process.pid << 16)) >>> 0 : Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? (RANDOM ? 5000 : 1000));
process.stdout.write(`fuzz: seed ${SEED}, ${RUNS} runs per property (repeat with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})\n`);

const FRAGMENTS = [
  '召开', '会议', '大会', '县委', '书记', '副市长', '区长', '主任', '王青松', '李明', '欧阳', '出席', '主持', '讲话', '并',
  '强调', '要求', '指出', '三大', '两个', '三项', '主导产业', '新材料', '装备制造', '、', '，', '。', '：', '；', '“', '”',
  '「', '」', '《', '》', '（一）', '一是', '二是', '第一', '1+3', '1＋2＋N', '+', '＋', '１２', '22家', '亿元', '2022年',
  '2月8日', '近日', '编辑：', '记者', '版权所有', 'IMG_20220101.jpg', '\n', '\r\n', '\n\n', ' ', '\u3000', '\u00a0',
  '\t', '\u0000', '\u0007', '\u001b[31m', '\u001b]0;x\u0007', '\u202e', '\ufeff', '\u200b', '\u00ad', '\u2060', '\u200d', '\ud842\udfb7', '😀', '\ud800', '\udc00',
  '國務院', '會議', '發展', '經濟', 'A', 'x', '9', '.', '等', '和', '及',
];

/** Whole phrases each extractor recognises, so that noise lands inside real matches. */
const PHRASES = [
  '青山县召开2023年经济工作会议。', '县委书记王青松出席会议并讲话，', '县长李明远主持会议。', '市委常委、副市长欧阳明出席',
  '会议强调，要压实责任、狠抓落实。', '会议指出，', '做强新材料、装备制造、电子信息三大主导产业', '三项保障：优化机制、重塑作风、提升能力',
  '“1+3+3”发展思路', '一是抓项目，二是抓招商，三是抓服务。', '“一核两翼”', '全县22家重点企业', '（编辑：张三）', '记者 李四',
  '1月4日，', '近日，', '支柱产业为纺织、化工和机械', '王青松强调', '“两个维护”',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code)), maxLength: 4 }) },
);
const articles = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('').slice(0, 200));

const validate = new Ajv({ strict: false, allErrors: true }).compile(OUTPUT_SCHEMA);

/** Every span anywhere in the result, including ones without a text of their own (meeting.span, warnings). */
function allSpans(value: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(value)) {
    if (value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') out.push(value as Span);
    else for (const item of value) allSpans(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) allSpans(item, out);
  }
  return out;
}

const analyze = (text: string) => analyzeText({ text, path: 'fuzz.txt' });

/**
 * What an item's span must show: the input at the span with the line breaks the cleaner joined and the control
 * sequences it skipped taken out (see tests/helpers.ts `at`).
 */
const evidence = (text: string) => text.replace(CONTROL_SEQUENCE, '').replace(/\s*\n\s*/g, '');
/** Control sequences first: the cleaner skips them line by line, so one never runs on across a joined break. */
const shows = (text: string, span: Span) => evidence(text.slice(span[0], span[1]));

describe('analyzeText on arbitrary text', () => {
  beforeAll(() => analyze('县委书记出席会议。')); // load jieba before the timed properties

  test('never throws, and the result validates against the output schema', () => {
    fc.assert(
      fc.property(articles, (text) => {
        const result = analyze(text);
        if (!validate(result)) throw new Error(`schema: ${JSON.stringify(validate.errors)}`);
        expect(result.input.chars).toBe(text.length);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('every span lies within the text, start ≤ end, and shows the item it belongs to', () => {
    fc.assert(
      fc.property(articles, (text) => {
        const result = analyze(text);
        for (const [start, end] of allSpans(result)) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(start).toBeLessThanOrEqual(end);
          expect(end).toBeLessThanOrEqual(text.length);
        }
        for (const [shown, span] of spansOf(result)) expect(shows(text, span)).toBe(evidence(shown));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('the same input always gives the same output', () => {
    fc.assert(
      fc.property(articles, (text) => {
        expect(JSON.stringify(analyze(text))).toBe(JSON.stringify(analyze(text)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('hard-wrapped text: spans still show their items once the joined breaks are removed', () => {
    // Lines broken after a comma or mid-sentence are joined by the cleaner; items may cross the break.
    const wrapped = fc.array(fc.tuple(articles, fc.constantFrom('\n', '\r\n', '，\n', '、\n')), { minLength: 1, maxLength: 3 })
      .map((lines) => lines.map(([line, brk]) => line.slice(0, 60) + brk).join(''));
    fc.assert(
      fc.property(wrapped, (text) => {
        const result = analyze(text);
        for (const [shown, span] of spansOf(result)) expect(shows(text, span)).toBe(evidence(shown));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('HTML: never throws (except EMPTY for a page without text), validates, spans stay within the page', () => {
    const tags = fc.constantFrom(
      '<p>', '</p>', '<div class="nav">', '<div id="content">', '</div>', '<br>', '<script>', '</script>', '<style>', '&amp;',
      '&ldquo;', '&#20013;', '&#x4e2d;', '&nbsp;', '&bogus;', '&', '<title>', '</title>', '<!--', '-->', '<%', '%>',
      '<a href="x">', '</a>', '<h1>', '</h1>', '<li>', '<td>', '<meta charset="gbk">', '<html>', '<', '>', '<svg><title>',
    );
    const pages = fc
      .array(fc.oneof({ weight: 3, arbitrary: tags }, { weight: 2, arbitrary: fc.constantFrom(...PHRASES) }, { weight: 2, arbitrary: piece }), { maxLength: 40 })
      .map((pieces) => pieces.join('').slice(0, 300));
    fc.assert(
      fc.property(pages, (html) => {
        let result;
        try {
          result = analyzeText({ text: html, format: 'html' });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).code).toBe('EMPTY');
          return;
        }
        if (!validate(result)) throw new Error(`schema: ${JSON.stringify(validate.errors)}`);
        for (const [start, end] of allSpans(result)) {
          expect(0 <= start && start <= end && end <= html.length).toBe(true);
        }
        expect(JSON.stringify(analyzeText({ text: html, format: 'html' }))).toBe(JSON.stringify(result));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/**
 * Counterexamples the fuzzer found, kept as fixed cases: each broke one of the properties above.
 */
describe('fuzz counterexamples', () => {
  const checkSpans = (text: string, result: ReturnType<typeof analyze>) => {
    for (const [start, end] of allSpans(result)) expect(0 <= start && start <= end && end <= text.length).toBe(true);
    for (const [shown, span] of spansOf(result)) expect(shows(text, span)).toBe(evidence(shown));
  };

  test('HTML <title> after the body: no span ends before it starts, the title joins no official of the body', () => {
    const html = '县长李明远主持会议。<title>区长';
    const result = analyzeText({ text: html, format: 'html' });
    for (const [start, end] of allSpans(result)) expect(start).toBeLessThanOrEqual(end);
    expect(result.officials.map((o) => [o.name, o.titles])).toEqual([['李明远', ['县长']]]);
  });

  test.each([
    ['space before a skipped bidi override and a joined break', '会议指出， \u202e\n青山县召开2023年经济工作会议。\n\n'],
    ['ideographic space before a skipped OSC sequence and a break', '、\n青山县召开2023年经济工作会议。召开　\u001b]0;x\u0007\n支柱产业为纺织、化工和机械\n'],
    ['U+FEFF before a skipped control and a joined break', '会议强调，\ufeff\u0007\n要做强新材料、装备制造三大主导产业。\n'],
  ])('%s: item texts show exactly what their spans cover', (_name, text) => {
    const result = analyze(text);
    checkSpans(text, result);
    for (const [shown] of spansOf(result)) expect(shown).toBe(shown.trim());
  });
});
