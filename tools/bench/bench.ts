/**
 * `npm run bench`: measures the tool against bare nodejieba, side by side in one run, and prints medians,
 * min–max and ratios. A script, not a test: figures depend on the machine and its load (printed too).
 *
 *   (a) cold start: `meeting-analyze --format json <article>` vs `node` that only loads nodejieba and cuts it;
 *       `--help` vs `node -e 0`
 *   (b) warm single-thread docs/s: analyzeText vs the bare nodejieba calls it makes (cut with HMM + extract)
 *   (c) work-phase docs/s of --jobs 2 vs --jobs 1 on ≥ 500 articles (../shared/corpus, else generated), and
 *       the machine's ceiling: bare nodejieba in 2 threads vs 1 on the same files (src/bench/ceiling.ts)
 *   (d) peak RSS of each process; (e) peak RSS for 1,000 vs 10,000 streamed jsonl inputs
 *
 * Options: --runs <n> (cold-start repetitions, default 7), --docs <n> (articles for (c), default 500),
 * --corpus <dir> (instead of ../shared/corpus), --quick (fewer repetitions, for a smoke run).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'meeting-analyze.js');
const PROBE = path.join(__dirname, 'rss-probe.js');
const SEED = path.join(ROOT, 'fixtures', 'zibo-2022.txt');
const corpusAt = process.argv.indexOf('--corpus');
const CORPUS = corpusAt >= 0 ? path.resolve(process.argv[corpusAt + 1]) : path.resolve(ROOT, '..', 'shared', 'corpus');

interface Run {
  ms: number;
  rssMb: number;
  stderr: string;
  stdout: string;
}

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const QUICK = process.argv.includes('--quick');
const RUNS = arg('--runs', QUICK ? 3 : 7);
const DOCS = arg('--docs', 500);
const PARALLEL_REPS = QUICK ? 1 : 3;

/** Run node with the RSS probe preloaded; wall time measured here, peak RSS reported by the child. */
function node(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; stdout?: boolean } = {}): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', PROBE, ...args], {
    cwd: ROOT,
    input: options.input,
    env: { ...process.env, ...options.env },
    maxBuffer: 1 << 30,
    stdio: ['pipe', options.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString();
  const rss = /BENCH_MAXRSS_KB (\d+)/.exec(stderr);
  if (!rss || (result.status !== 0 && result.status !== 1)) throw new Error(`node ${args.join(' ')} failed (${result.status}):\n${stderr}`);
  return { ms, rssMb: Number(rss[1]) / 1024, stderr, stdout: result.stdout?.toString() ?? '' };
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (s: Stats, digits = 0) => `${s.median.toFixed(digits).padStart(8)}  [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
const line = (label: string, cells: string[]) => console.log(`  ${label.padEnd(44)}${cells.map((c) => c.padEnd(30)).join('')}`);

/** Alternate A and B so that changing machine load hits both alike. */
function pairs(count: number, a: () => Run, b: () => Run): [Run[], Run[]] {
  const as: Run[] = [];
  const bs: Run[] = [];
  for (let i = 0; i < count; i++) {
    as.push(a());
    bs.push(b());
  }
  return [as, bs];
}

function compare(title: string, labels: [string, string], runs: [Run[], Run[]], options: { rate?: (run: Run) => number; unit?: string } = {}): Record<string, number> {
  console.log(`\n${title}`);
  const value = options.rate ?? ((run: Run) => run.ms);
  const unit = options.unit ?? 'wall ms';
  line('', [`${unit} median [min–max]`, 'peak RSS MB median [min–max]']);
  const [a, b] = runs.map((list) => ({ v: stats(list.map(value)), rss: stats(list.map((run) => run.rssMb)) }));
  line(labels[0], [fmt(a.v, options.rate ? 1 : 0), fmt(a.rss)]);
  line(labels[1], [fmt(b.v, options.rate ? 1 : 0), fmt(b.rss)]);
  const ratio = a.v.median / b.v.median;
  const rssRatio = a.rss.median / b.rss.median;
  line('ratio (first / second, medians)', [`${ratio.toFixed(2)}×`, `${rssRatio.toFixed(2)}×`]);
  return { ratio, rssRatio };
}

/** Article paths for (c): corpus .txt/.md files, repeated to reach the count; else documents made from the seed. */
function articles(count: number): { files: string[]; source: string } {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(txt|md)$/i.test(entry.name) && !/^(README|SOURCE)\.md$/i.test(entry.name)) found.push(full);
    }
  };
  if (fs.existsSync(CORPUS)) walk(CORPUS);
  let source = `${found.length} corpus articles (${CORPUS})`;
  if (!found.length) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bench-'));
    const [head, ...body] = fs.readFileSync(SEED, 'utf8').split(/\n\s*\n/);
    for (let i = 0; i < 100; i++) {
      const file = path.join(dir, `doc-${i}.txt`);
      fs.writeFileSync(file, [head, ...body.slice(i % body.length), ...body.slice(0, i % body.length)].join('\n\n'));
      found.push(file);
    }
    source = `100 documents generated from ${path.relative(ROOT, SEED)} (no corpus at ${CORPUS})`;
  }
  const files = Array.from({ length: Math.max(count, found.length) }, (_, i) => found[i % found.length]);
  return { files, source: `${files.length} inputs from ${source}` };
}

function warm(texts: string[], rounds: number): { tool: number[]; bare: number[] } {
  // Loaded here, in this process only: the children above must not inherit a warm cache.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze: analyzeText } = require('../../dist/analyzer') as typeof import('../../dist/analyzer');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require('nodejieba') as { cut(text: string, hmm: boolean): string[]; extract(text: string, n: number): unknown[] };
  // One untimed pass of each: loads the dictionary (the instance the bare calls then share) and lets the JIT settle.
  for (const text of texts) {
    analyzeText({ text }, { top: 10 });
    jieba.cut(text, true);
    jieba.extract(text, 10);
  }
  const tool: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let start = process.hrtime.bigint();
    for (const text of texts) analyzeText({ text }, { top: 10 });
    tool.push(texts.length / (Number(process.hrtime.bigint() - start) / 1e9));
    start = process.hrtime.bigint();
    for (const text of texts) {
      jieba.cut(text, true);
      jieba.extract(text, 10);
    }
    bare.push(texts.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return { tool, bare };
}

function main(): void {
  if (!fs.existsSync(PROBE)) throw new Error('run `npm run build` first');
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`meeting-analyze bench · node ${process.version} · ${os.availableParallelism()} CPUs · load average ${load()}`);
  const results: Record<string, number> = {};

  // (a) cold start
  const bareScript = `const j=require('nodejieba');j.load();j.cut(require('fs').readFileSync(${JSON.stringify(SEED)},'utf8'),true);`;
  const cold = compare(
    `(a) cold start, one article (${path.relative(ROOT, SEED)}), ${RUNS} runs each`,
    ['meeting-analyze --format json <article>', 'node: load nodejieba + cut the article'],
    pairs(RUNS, () => node([BIN, '--format', 'json', '--quiet', SEED]), () => node(['-e', bareScript])),
  );
  results.coldStart = cold.ratio;
  results.coldStartRss = cold.rssRatio;
  const help = compare('    start-up without work', ['meeting-analyze --help', 'node -e 0'], pairs(RUNS, () => node([BIN, '--help']), () => node(['-e', '0'])));
  results.help = help.ratio;

  // (b) warm, single thread, same documents
  const { files, source } = articles(DOCS);
  const unique = [...new Set(files)].slice(0, QUICK ? 40 : 120);
  const texts = unique.map((file) => fs.readFileSync(file, 'utf8'));
  const rounds = QUICK ? 2 : 5;
  const rates = warm(texts, rounds);
  console.log(`\n(b) warm single thread, ${texts.length} documents × ${rounds} rounds (this process)`);
  line('', ['docs/s median [min–max]']);
  line('analyzeText (whole analysis)', [fmt(stats(rates.tool), 1)]);
  line('bare nodejieba: cut(text, true) + extract(text, 10)', [fmt(stats(rates.bare), 1)]);
  results.warm = stats(rates.tool).median / stats(rates.bare).median;
  line('ratio (analysis / bare)', [`${results.warm.toFixed(2)}×`]);

  // (c) + (d) parallel work phase
  const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bench-')), 'files.txt');
  fs.writeFileSync(list, `${files.join('\n')}\n`);
  const batch = (jobs: number) => node([BIN, '--format', 'jsonl', '--jobs', String(jobs), '--files-from', list], { env: { MEETING_ANALYZE_TIMING: '1' } });
  const docsPerSecond = (run: Run) => {
    const timing = JSON.parse(/timing (\{.*\})/.exec(run.stderr)![1]) as { docs: number; workMs: number };
    return timing.docs / (timing.workMs / 1000);
  };
  const parallel = compare(`(c) work phase, ${source}, ${PARALLEL_REPS} runs each`, ['--jobs 2', '--jobs 1'], pairs(PARALLEL_REPS, () => batch(2), () => batch(1)), {
    rate: docsPerSecond,
    unit: 'docs/s',
  });
  results.jobs2 = parallel.ratio;
  results.jobs2Rss = parallel.rssRatio;
  // The same files through bare nodejieba in 1 and 2 threads: what this machine allows at best.
  const ceiling = (jobs: number) => node([path.join(__dirname, 'ceiling.js'), String(jobs), list], { stdout: true });
  const bare = compare('    ceiling: bare nodejieba (cut + extract) in worker threads, same files', ['2 threads', '1 thread'], pairs(PARALLEL_REPS, () => ceiling(2), () => ceiling(1)), {
    rate: (run) => {
      const timing = JSON.parse(run.stdout) as { docs: number; workMs: number };
      return timing.docs / (timing.workMs / 1000);
    },
    unit: 'docs/s',
  });
  results.bareThreads2 = bare.ratio;

  // (e) memory stays flat however many inputs stream through
  const short = texts.map((text) => text.slice(0, 300));
  const jsonl = (n: number) => Array.from({ length: n }, (_, i) => `${JSON.stringify({ id: String(i), text: short[i % short.length] })}\n`).join('');
  const stream = (n: number) => node([BIN, '--input', 'jsonl', '--format', 'jsonl', '--jobs', '2', '--quiet'], { input: jsonl(n) });
  const flat = compare(`(e) streamed jsonl, --jobs 2, 300-character documents, ${QUICK ? 1 : 2} runs each`, ['10,000 inputs', '1,000 inputs'], pairs(QUICK ? 1 : 2, () => stream(10000), () => stream(1000)));
  results.rss10kVs1k = flat.rssRatio;

  console.log(`\nload average at the end ${load()}`);
  console.log(`ratios ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Number(v.toFixed(2))])))}`);
}

main();
