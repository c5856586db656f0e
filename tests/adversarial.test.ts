import { analyze as analyzeText } from '../src/analyzer';

/**
 * Inputs built to make a backtracking regular expression or a quadratic scan blow up. Each is ~1 MB (UTF-16 code
 * units) and the whole analysis must finish within LIMIT_MS: linear code takes 1–4 s here (most of it jieba's
 * segmentation), a quadratic scan takes minutes.
 */
const SIZE = 1 << 20;
const LIMIT_MS = 15000; // linear runs take 0.1–5 s here under a loaded test run; a quadratic scan takes minutes

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const CASES: Array<[string, string, 'text' | 'html']> = [
  ['1 MB of 、', fill('、'), 'text'],
  ['1+1+1+…', fill('1+'), 'text'],
  ['full-width ＋ formula', fill('３＋'), 'text'],
  ['书记书记…', fill('书记'), 'text'],
  ['副市长副市长…', fill('副市长'), 'text'],
  ['title chain without a name', fill('市委常委、'), 'text'],
  ['one unbroken line of sentences', fill('会议要求全力以赴抓好项目建设，'), 'text'],
  ['quotes that never close', fill('“'), 'text'],
  ['quoted words that never close', fill('“一核'), 'text'],
  ['numeral run 三三三…', fill('三'), 'text'],
  ['digit run', fill('9'), 'text'],
  ['counted phrase 三大三大…', fill('三大'), 'text'],
  ['long 、-list', fill('工业、'), 'text'],
  ['、-list with 和', fill('新材料和'), 'text'],
  ['ordinals 一是一是…', fill('一是'), 'text'],
  ['list headings （一）（一）…', fill('（一）'), 'text'],
  ['directive verbs', fill('会议强调'), 'text'],
  ['meeting verb 召开召开…', fill('召开'), 'text'],
  ['titled name mentions', fill('县长王某某，'), 'text'],
  ['a formula and a counted phrase per line', `“1+3”思路。\n${fill('三项工作。\n')}`.slice(0, SIZE), 'text'],
  ['many distinct formulas', Array.from({ length: SIZE / 8 }, (_, i) => `${i % 97}+${i % 89}三项`).join('').slice(0, SIZE), 'text'],
  ['dates without end', fill('2022年'), 'text'],
  ['one line per character', fill('会\n'), 'text'],
  ['control characters', fill('\u0001\u001b['), 'text'],
  ['escapes between words', fill('县委书记\u001b[1m王\u0007青松\u009b0m出席，'), 'text'],
  ['HTML: deep nesting', `<p>正文。</p>${fill('<div>')}`, 'html'],
  ['HTML: deep inline nesting', `<p>正文。</p>${fill('<b><i>字')}`, 'html'],
  ['HTML: stray end tags', `<div><p>正文。</p>${fill('</span>')}`, 'html'],
  ['HTML: table cells', `<p>正文。</p>${fill('<td>')}`, 'html'],
  ['HTML: link lists', `<p>正文。</p>${fill('<li><a>x</a>')}`, 'html'],
  ['HTML: entities', fill('<p>会议&amp;&ldquo;'), 'html'],
  ['HTML: one heading of entities', `<title>标题</title><h1>${fill('&amp;')}</h1>`, 'html'],
  ['HTML: unclosed server directives', `<p>正文。</p>${fill('<%')}`, 'html'],
  ['HTML: unclosed comment', `<html><body><p>正文。</p><!--${fill('-')}`, 'html'],
];

describe('adversarial 1 MB inputs finish in linear time', () => {
  beforeAll(() => {
    analyzeText({ text: '县委书记出席会议。' }); // load jieba outside the timed cases
  });

  test.each(CASES)('%s', (_name, text, format) => {
    const started = Date.now();
    const result = analyzeText({ text, format });
    const elapsed = Date.now() - started;
    // Report timings so a slow-down shows before it fails.
    process.stdout.write(`adversarial ${_name}: ${elapsed} ms\n`);
    expect(result.input.chars).toBe(text.length);
    expect(elapsed).toBeLessThan(LIMIT_MS);
  }, 120_000);
});
