import { analyze as analyzeText } from '../src/analyzer';

/**
 * Inputs built to make a backtracking regular expression or a quadratic scan blow up. Each case is built at two
 * sizes, 128 Ki and 512 Ki UTF-16 code units, and what is checked is how the time grows: linear code takes about
 * 4× as long on the larger one, quadratic code 16×. Absolute times mean nothing on a shared machine; a ratio of
 * medians of CPU time over a few runs holds up. The threshold (10×) leaves room for noise and for the slightly
 * superlinear native segmentation of one huge token (a 512 Ki run of digits measured 8.6×, all in nodejieba). (At 64 Ki → 256 Ki
 * linear cases measured 7–9× here: the smaller input still fits the young generation and the caches.)
 */
const SMALL = 1 << 17;
const LARGE = 1 << 19;
const RUNS = 3;
const MAX_GROWTH = 10;
/** Times below this are mostly noise: the smaller run counts as at least this long. */
const FLOOR_MS = 20;

let SIZE = SMALL;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const cases = (): Array<[string, string, 'text' | 'html']> => [
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
  ['formula glosses opening paragraphs', `构建“1+1+N”体系：\n${fill('“1”是一个平台，负责调度。\n“N”是多个应用。\n')}`.slice(0, SIZE), 'text'],
  ['labels followed by heading lines', fill('部署三大行动。\n“甲”行动\n乙行动\n以甲对冲乙的行动，以丙对冲丁的行动。\n'), 'text'],
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

/** The same cases at `size` code units. */
function casesOfSize(size: number): Array<[string, string, 'text' | 'html']> {
  SIZE = size;
  return cases();
}

const small = casesOfSize(SMALL);
const large = casesOfSize(LARGE);
const CASES = small.map(([name, text, format], i) => [name, text, large[i][1], format] as const);

/**
 * CPU time of one analysis, in ms. CPU time, not wall time: other processes on a shared machine then slow neither
 * run, so the ratio stays meaningful under load.
 */
function timeMs(text: string, format: 'text' | 'html'): number {
  const started = process.cpuUsage();
  const result = analyzeText({ text, format });
  const used = process.cpuUsage(started);
  const elapsed = (used.user + used.system) / 1000;
  expect(result.input.chars).toBe(text.length);
  return elapsed;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

describe('adversarial inputs take linear time (512 Ki vs 128 Ki characters)', () => {
  beforeAll(() => {
    analyzeText({ text: '县委书记出席会议。' }); // load jieba outside the timed cases
  });

  test.each(CASES)('%s', (name, smallText, largeText, format) => {
    const smallMs = median(Array.from({ length: RUNS }, () => timeMs(smallText, format)));
    // One run of the large input settles a clear case; a doubtful one gets the median of RUNS like the small one.
    const largeRuns = [timeMs(largeText, format)];
    if (largeRuns[0] / Math.max(smallMs, FLOOR_MS) >= MAX_GROWTH * 0.75) while (largeRuns.length < RUNS) largeRuns.push(timeMs(largeText, format));
    const largeMs = median(largeRuns);
    const growth = largeMs / Math.max(smallMs, FLOOR_MS);
    // Report timings so a slow-down shows before it fails.
    process.stdout.write(`adversarial ${name}: ${smallMs.toFixed(0)} ms → ${largeMs.toFixed(0)} ms (×${growth.toFixed(1)})\n`);
    expect(growth).toBeLessThan(MAX_GROWTH);
  }, 120_000);
});
