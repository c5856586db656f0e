/**
 * `npm run bench`: measures the tool against bare nodejieba, side by side in one run, and prints medians,
 * min–max, ratios and each target next to its measured ratio. A script, not a test: figures depend on the
 * machine and its load, so /proc/loadavg is printed before and after.
 *
 *   (a) cold start: `meeting-analyze --format json <article>` vs `node` loading the *stock* nodejieba build (kept
 *       at install, tools/bench/stock-nodejieba.js) and cutting the article; the patched build's bare start too;
 *       `--help` vs `node -e 0`
 *   (b) warm single-thread docs/s: analyze() vs the bare nodejieba calls it needs, cut(text, true) +
 *       extract(text, 50) as nodejieba offers them, timed document by document in alternation
 *   (c) work-phase docs/s of --jobs 2 and --jobs 1 on 500 and on 2,000 inputs (../shared/corpus, else generated),
 *       and the ceiling: the same bare calls in 2 and 1 worker threads on the same files (ceiling.ts); how many
 *       worker threads ran, and the CPU time of the helper threads (V8 compiling in the background) per 500 inputs
 *   (d) peak RSS of each process; (e) peak RSS for 10,000 vs 1,000 streamed jsonl inputs after the same warm-up,
 *       with the number of workers that ran
 *
 * Options: --runs <n> (cold-start repetitions, default 7), --docs <n[,n…]> (input counts for (c), default
 * 500,2000), --corpus <dir> (instead of ../shared/corpus; or MEETING_ANALYZE_CORPUS), --quick (fewer
 * repetitions and 500 inputs only, for a smoke run). Every figure of the rss probe is per process (rss-probe.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'meeting-analyze.js');
const PROBE = path.join(__dirname, 'rss-probe.js');
/** Preload that swaps in the stock nodejieba binary kept at install (tools/patch-nodejieba.js). */
const STOCK_HOOK = path.join(ROOT, 'tools', 'bench', 'stock-nodejieba.js');
const STOCK_BINARY = path.join(ROOT, 'node_modules', '.cache', 'meeting-analyze', 'nodejieba-stock.node');
const DEV_NULL = fs.openSync(os.devNull, 'w');
const PATCHED = fs.existsSync(path.join(ROOT, 'node_modules', 'nodejieba', 'build', 'Release', 'meeting-analyze-patch.txt'));
/** TF-IDF candidates the keywords extractor asks for with the default --top 10 (src/extractors/keywords.ts). */
const KEYWORD_CANDIDATES = 50;
const SEED = path.join(ROOT, 'fixtures', 'zibo-2022.txt');
const corpusAt = process.argv.indexOf('--corpus');
const CORPUS = corpusAt >= 0 ? path.resolve(process.argv[corpusAt + 1]) : path.resolve(ROOT, process.env.MEETING_ANALYZE_CORPUS ?? path.join('..', 'shared', 'corpus'));

interface Run {
  ms: number;
  /** Peak RSS in MiB (the probe reports KiB). */
  rssMb: number;
  stderr: string;
  stdout: string;
  /** Worker threads started, and how many of them ran work (sent more than "ready"). */
  workers: { started: number; ran: number };
  /** CPU milliseconds: whole process, main thread, helper threads alive at exit (V8 background compiling). */
  cpu: { total: number; main: number; helpers: number };
}

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const QUICK = process.argv.includes('--quick');
const RUNS = arg('--runs', QUICK ? 3 : 7);
const docsAt = process.argv.indexOf('--docs');
const DOC_COUNTS = docsAt >= 0 ? process.argv[docsAt + 1].split(',').map(Number) : QUICK ? [500] : [500, 2000];
/** Repetitions of each (c) configuration: fewer for the long batch. */
const parallelReps = (docs: number) => (QUICK ? 1 : docs > 1000 ? 2 : 3);

/** Run node with the RSS probe preloaded; wall time measured here, peak RSS reported by the child. */
function node(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; stdout?: boolean; stock?: boolean } = {}): Run {
  const start = process.hrtime.bigint();
  const stock = options.stock && PATCHED ? ['-r', STOCK_HOOK] : [];
  const result = spawnSync(process.execPath, ['-r', PROBE, ...stock, ...args], {
    cwd: ROOT,
    input: options.input,
    env: { ...process.env, STOCK_NODEJIEBA: STOCK_BINARY, ...options.env },
    maxBuffer: 1 << 30,
    // Output not read goes to the null device: the CLI refuses a closed stdout (records would be lost).
    stdio: ['pipe', options.stdout ? 'pipe' : DEV_NULL, 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString();
  const rss = /BENCH_MAXRSS_KB (\d+)/.exec(stderr);
  if (!rss || (result.status !== 0 && result.status !== 1)) throw new Error(`node ${args.join(' ')} failed (${result.status}):\n${stderr}`);
  const workers = /BENCH_WORKERS (\d+) (\d+)/.exec(stderr);
  const cpu = /BENCH_CPU_MS (-?\d+) (-?\d+) (-?\d+)/.exec(stderr);
  return {
    ms,
    rssMb: Number(rss[1]) / 1024,
    stderr,
    stdout: result.stdout?.toString() ?? '',
    workers: { started: Number(workers?.[1] ?? 0), ran: Number(workers?.[2] ?? 0) },
    cpu: { total: Number(cpu?.[1] ?? -1), main: Number(cpu?.[2] ?? -1), helpers: Number(cpu?.[3] ?? -1) },
  };
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
const line = (label: string, cells: string[]) => console.log(`  ${label.padEnd(52)}${cells.map((c) => c.padEnd(30)).join('')}`);

/** Worker threads that ran work in a list of runs, e.g. `2–2 of 2 started`. */
const ranRange = (list: Run[]) =>
  `${Math.min(...list.map((r) => r.workers.ran))}–${Math.max(...list.map((r) => r.workers.ran))} of ${Math.max(...list.map((r) => r.workers.started))} started`;

/** Alternate the runs (A B C A B C …) so that changing machine load hits all alike. */
function rounds(count: number, ...makers: Array<() => Run>): Run[][] {
  const runs = makers.map(() => [] as Run[]);
  for (let i = 0; i < count; i++) makers.forEach((make, k) => runs[k].push(make()));
  return runs;
}

/** Print one block: a row per labelled run list (value and peak RSS, median [min–max]); returns the stats. */
function table(title: string, labels: string[], runs: Run[][], options: { rate?: (run: Run) => number; unit?: string } = {}): Array<{ v: Stats; rss: Stats }> {
  console.log(`\n${title}`);
  const value = options.rate ?? ((run: Run) => run.ms);
  line('', [`${options.unit ?? 'wall ms'} median [min–max]`, 'peak RSS MiB median [min–max]']);
  return runs.map((list, i) => {
    const row = { v: stats(list.map(value)), rss: stats(list.map((run) => run.rssMb)) };
    line(labels[i], [fmt(row.v, options.rate ? 1 : 0), fmt(row.rss)]);
    return row;
  });
}

interface Target {
  what: string;
  measured: number;
  /** `max`: measured must be at most `limit`; `min`: at least. */
  kind: 'max' | 'min';
  limit: number;
  unit: string;
  detail: string;
}

const targets: Target[] = [];
function target(what: string, measured: number, kind: 'max' | 'min', limit: number, detail: string, unit = '×'): void {
  targets.push({ what, measured, kind, limit, unit, detail });
  line(`→ ${what}`, [`${measured.toFixed(2)}${unit}`, `target ${kind === 'max' ? '≤' : '≥'} ${limit}${unit} ${met(targets[targets.length - 1]) ? 'reached' : 'not reached'}`]);
}
const met = (t: Target) => (t.kind === 'max' ? t.measured <= t.limit : t.measured >= t.limit);

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

/**
 * (b) Warm docs/s in this process. Each document goes through the analysis and then through the bare calls, so
 * load changes hit both alike; per round, docs/s = documents / summed time of each side. `cutOnly` is the floor.
 */
function warm(texts: string[], roundCount: number): { tool: number[]; bare: number[]; cutOnly: number[]; tagCalls: number } {
  // Loaded here, in this process only: the children above must not inherit a warm cache.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require('../../dist/analyzer') as typeof import('../../dist/analyzer');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require('nodejieba') as { cut(text: string, hmm: boolean): string[]; extract(text: string, n: number): unknown[]; tag(text: string): unknown[] };
  // Count the analysis's part-of-speech look-ups (single words, memoised): the same module instance it uses.
  let tagCalls = 0;
  const tag = jieba.tag;
  jieba.tag = (text: string) => {
    tagCalls++;
    return tag(text);
  };
  // One untimed pass of each: loads the dictionary (the instance the bare calls then share) and lets the JIT settle.
  for (const text of texts) {
    analyze({ text }, { top: 10 });
    jieba.cut(text, true);
    jieba.extract(text, KEYWORD_CANDIDATES);
  }
  const firstPassTags = tagCalls;
  const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
  const result = { tool: [] as number[], bare: [] as number[], cutOnly: [] as number[], tagCalls: firstPassTags };
  for (let round = 0; round < roundCount; round++) {
    let tool = 0;
    let bare = 0;
    let cutOnly = 0;
    for (const text of texts) {
      let start = process.hrtime.bigint();
      analyze({ text }, { top: 10 });
      tool += since(start);
      start = process.hrtime.bigint();
      jieba.cut(text, true);
      jieba.extract(text, KEYWORD_CANDIDATES);
      bare += since(start);
      start = process.hrtime.bigint();
      jieba.cut(text, true);
      cutOnly += since(start);
    }
    result.tool.push(texts.length / tool);
    result.bare.push(texts.length / bare);
    result.cutOnly.push(texts.length / cutOnly);
  }
  jieba.tag = tag;
  return result;
}

function main(): void {
  if (!fs.existsSync(PROBE)) throw new Error('run `npm run build:tools` first');
  const load = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const loadBefore = load();
  console.log(`meeting-analyze bench · node ${process.version} · ${os.availableParallelism()} CPUs · /proc/loadavg before: ${loadBefore}`);
  console.log(
    PATCHED
      ? 'nodejieba: patched build (patches/); stock baselines load the stock binary kept at install'
      : 'nodejieba: STOCK build (the patch did not apply or is not installed): "stock" and "patched" baselines are the same',
  );

  // (a) cold start
  const bareScript = `const j=require('nodejieba');j.load();j.cut(require('fs').readFileSync(${JSON.stringify(SEED)},'utf8'),true);`;
  const [tool, stockBare, patchedBare] = table(
    `(a) cold start, one article (${path.relative(ROOT, SEED)}), ${RUNS} runs each, alternated`,
    ['meeting-analyze --format json <article>', 'node: load STOCK nodejieba + cut the article', 'node: load patched nodejieba + cut the article'],
    rounds(
      RUNS,
      () => node([BIN, '--format', 'json', '--quiet', SEED]),
      () => node(['-e', bareScript], { stock: true }),
      () => node(['-e', bareScript]),
    ),
  );
  target('one-article run / bare stock nodejieba cold start', tool.v.median / stockBare.v.median, 'max', 0.5, 'wall time, medians');
  target('one-article run peak RSS', tool.rss.median, 'max', 190, 'MiB, median', ' MiB');
  line('  (patched bare / stock bare: what the patch alone gives)', [`${(patchedBare.v.median / stockBare.v.median).toFixed(2)}×`, `${(patchedBare.rss.median / stockBare.rss.median).toFixed(2)}×`]);
  const [help, empty] = table('    start-up without work', ['meeting-analyze --help', 'node -e 0'], rounds(RUNS, () => node([BIN, '--help']), () => node(['-e', '0'])));
  target('--help / node -e 0', help.v.median / empty.v.median, 'max', 1.3, 'wall time, medians');

  // (b) warm, single thread, same documents
  const { files, source } = articles(DOC_COUNTS[0]);
  const unique = [...new Set(files)].slice(0, QUICK ? 40 : 120);
  const texts = unique.map((file) => fs.readFileSync(file, 'utf8'));
  const roundCount = QUICK ? 2 : 5;
  const rates = warm(texts, roundCount);
  console.log(`\n(b) warm single thread, ${texts.length} documents × ${roundCount} rounds, this process, document by document in alternation`);
  line('', ['docs/s median [min–max]']);
  line('analyze() (whole analysis)', [fmt(stats(rates.tool), 1)]);
  line(`bare: cut(text, true) + extract(text, ${KEYWORD_CANDIDATES})`, [fmt(stats(rates.bare), 1)]);
  line('bare: cut(text, true) alone (the floor)', [fmt(stats(rates.cutOnly), 1)]);
  line(`  part-of-speech look-ups: ${rates.tagCalls} single-word tag() calls in the first pass, memoised after`, []);
  target('warm analysis / bare calls it needs (docs/s)', stats(rates.tool).median / stats(rates.bare).median, 'min', 0.8, 'medians of rounds');

  // (c) + (d) parallel work phase, on each input count
  const batch = (list: string, jobs: number) => node([BIN, '--format', 'jsonl', '--jobs', String(jobs), '--files-from', list], { env: { MEETING_ANALYZE_TIMING: '1' } });
  const ceiling = (list: string, jobs: number) => node([path.join(__dirname, 'ceiling.js'), String(jobs), list, String(KEYWORD_CANDIDATES)], { stdout: true });
  const docsOf = (run: Run) => (JSON.parse((/timing (\{.*\})/.exec(run.stderr) ?? /^(\{.*\})$/m.exec(run.stdout))![1]) as { docs: number; workMs: number });
  const docsPerSecond = (run: Run) => {
    const timing = docsOf(run);
    return timing.docs / (timing.workMs / 1000);
  };
  for (const count of DOC_COUNTS) {
    const { files: inputs, source: inputSource } = count === DOC_COUNTS[0] ? { files, source } : articles(count);
    const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bench-')), 'files.txt');
    fs.writeFileSync(list, `${inputs.join('\n')}\n`);
    const reps = parallelReps(count);
    const runs = rounds(reps, () => batch(list, 2), () => ceiling(list, 2), () => batch(list, 1), () => ceiling(list, 1));
    const [jobs2, ceiling2, jobs1, ceiling1] = table(
      `(c) work phase, ${inputSource}, ${reps} runs each, alternated`,
      ['meeting-analyze --jobs 2', 'ceiling: bare calls in 2 worker threads', 'meeting-analyze --jobs 1', 'ceiling: bare calls in 1 worker thread'],
      runs,
      { rate: docsPerSecond, unit: 'docs/s' },
    );
    line('  --jobs 2 / --jobs 1', [`${(jobs2.v.median / jobs1.v.median).toFixed(2)}×`]);
    line('  ceiling 2 threads / 1 thread', [`${(ceiling2.v.median / ceiling1.v.median).toFixed(2)}×`]);
    line('  --jobs 1 / ceiling 1 thread', [`${(jobs1.v.median / ceiling1.v.median).toFixed(2)}×`]);
    // What ran: worker threads that did work, and the CPU of the helper threads (V8 compiling in the background).
    line('  what ran', ['--jobs 2', '--jobs 1']);
    line('  worker threads that did work (over the runs)', [ranRange(runs[0]), ranRange(runs[2])]);
    const per500 = (run: Run, ms: number) => (ms / 1000) * (500 / docsOf(run).docs);
    line('  CPU s / 500 inputs, helper threads (V8 compiling)', [fmt(stats(runs[0].map((r) => per500(r, r.cpu.helpers))), 2), fmt(stats(runs[2].map((r) => per500(r, r.cpu.helpers))), 2)]);
    line('  CPU s / 500 inputs, whole process', [fmt(stats(runs[0].map((r) => per500(r, r.cpu.total))), 2), fmt(stats(runs[2].map((r) => per500(r, r.cpu.total))), 2)]);
    if (runs[0].some((r) => r.workers.ran < 2)) line('  WARNING: a --jobs 2 run used fewer than 2 workers', []);
    target(`--jobs 2 / two-thread ceiling, ${count} inputs`, jobs2.v.median / ceiling2.v.median, 'min', 0.9, 'docs/s, medians');
  }

  // (e) memory stays flat however many inputs stream through. Both runs start with the same warm-up (the
  // full-length articles of (b), so the heap and the compiled code reach their working size), then stream short
  // documents: the difference between 1,000 and 10,000 is only how many more went through.
  const short = texts.map((text) => text.slice(0, 300));
  const warmUp = texts.map((text, i) => `${JSON.stringify({ id: `warm-${i}`, text })}\n`).join('');
  const jsonl = (n: number) => warmUp + Array.from({ length: n }, (_, i) => `${JSON.stringify({ id: String(i), text: short[i % short.length] })}\n`).join('');
  const stream = (n: number) => node([BIN, '--input', 'jsonl', '--format', 'jsonl', '--jobs', '2', '--quiet'], { input: jsonl(n) });
  const streamReps = QUICK ? 1 : 3;
  const streamRuns = rounds(streamReps, () => stream(10000), () => stream(1000));
  const [tenK, oneK] = table(
    `(e) streamed jsonl, --jobs 2: ${texts.length} full articles, then 10,000 or 1,000 documents of 300 characters; ${streamReps} runs each, alternated`,
    ['10,000 inputs after the warm-up', '1,000 inputs after the warm-up'],
    streamRuns,
  );
  line('  worker threads that did work (over the runs)', [`10,000: ${ranRange(streamRuns[0])}`, `1,000: ${ranRange(streamRuns[1])}`]);
  if (streamRuns.flat().some((r) => r.workers.ran < 2)) line('  WARNING: a streamed run used fewer than 2 workers: this measures one worker', []);
  target('peak RSS, 10,000 / 1,000 streamed inputs', tenK.rss.median / oneK.rss.median, 'max', 1.1, 'medians');

  console.log(`\nTargets  · /proc/loadavg before: ${loadBefore} · after: ${load()}`);
  for (const t of targets) line(t.what, [`${t.measured.toFixed(2)}${t.unit}`, `${t.kind === 'max' ? '≤' : '≥'} ${t.limit}${t.unit}  ${met(t) ? 'reached' : 'not reached'}`]);
}

main();
