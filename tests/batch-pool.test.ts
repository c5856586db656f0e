/** The pool on its own, with a stand-in worker (tests/batch-workers/flaky-worker.js): order, crashes, retries, start-up. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPool, workersThatFit, type PoolResult } from '../src/cli/pool';
import type { Outcome, Source, TaskSettings } from '../src/cli/task';

jest.setTimeout(60000);

const FLAKY = path.join(__dirname, 'batch-workers', 'flaky-worker.js');
const SETTINGS: TaskSettings = { format: 'jsonl', color: false, top: 10, lexiconDirs: [], maxBytes: 1 << 20, summary: false };

async function pool(names: string[], jobs: number, extra: { lazy?: boolean; settings?: TaskSettings } = {}): Promise<{ outcomes: Outcome[]; result: PoolResult; warnings: string[] }> {
  const outcomes: Outcome[] = [];
  const warnings: string[] = [];
  async function* sources(): AsyncGenerator<Source> {
    for (const name of names) yield { kind: 'file', path: name };
  }
  const result = await runPool(sources(), {
    jobs,
    settings: extra.settings ?? SETTINGS,
    workerScript: FLAKY,
    threads: true,
    lazy: extra.lazy,
    onWarning: (message) => warnings.push(message),
    onOutcome: (outcome) => void outcomes.push(outcome),
  });
  return { outcomes, result, warnings };
}

const errors = (outcomes: Outcome[]) => outcomes.filter((o) => o.error).map((o) => o.input);

test('outcomes come back in input order even when later inputs finish first', async () => {
  // Falling delays: with three workers, each later input is done before the one before it.
  const names = Array.from({ length: 30 }, (_, i) => `doc-${i}-delay${(30 - i) * 10}`);
  const { outcomes } = await pool(names, 3);
  expect(outcomes.map((o) => o.seq)).toEqual(names.map((_, i) => i));
  expect(outcomes.map((o) => o.chunk)).toEqual(names);
});

describe('a worker that dies (out of memory, a native crash) never sinks the batch', () => {
  test.each([
    ['one crash in the middle', [5], 12, 2],
    ['a crash first and last', [0, 11], 12, 2],
    ['crashes now and then over a longer batch, one job', [3, 9, 15, 19], 20, 1],
    ['many crashes spread out, three jobs', [2, 7, 12, 17, 22], 24, 3],
  ])('%s: only the crashing inputs fail, each after one retry; every other input is analysed', async (_label, crashing, count, jobs) => {
    const names = Array.from({ length: count }, (_, i) => (crashing.includes(i) ? `doc-${i}-crash` : `doc-${i}-delay${i % 3 ? 20 : 0}`));
    const { outcomes, warnings } = await pool(names, jobs);
    expect(outcomes.map((o) => o.input)).toEqual(names);
    expect(errors(outcomes)).toEqual(crashing.map((i) => names[i]));
    expect(outcomes.filter((o) => o.error).every((o) => o.error!.code === 'ANALYSIS_FAILED' && o.error!.message === 'worker stopped (exit code 3)')).toBe(true);
    expect(warnings).toEqual([]);
  });

  test.each([
    ['every input crashes, two jobs', 24, 2],
    ['every input crashes, one job', 12, 1],
    ['every input crashes, four jobs', 30, 4],
  ])('%s: the pool gives up starting workers, and still reports every input, in order, as failed', async (_label, count, jobs) => {
    const names = Array.from({ length: count }, (_, i) => `doc-${i}-crash`);
    const { outcomes, warnings } = await pool(names, jobs);
    expect(outcomes.map((o) => o.input)).toEqual(names);
    expect(outcomes.every((o) => o.error?.code === 'ANALYSIS_FAILED')).toBe(true);
    expect(outcomes.some((o) => /^not analysed: workers keep failing/.test(o.error!.message))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^workers keep failing \(worker stopped \(exit code 3\)\)/)]);
  });
});

describe('workers that cannot start', () => {
  test.each([
    ['3 asked, 1 starts', 3, 1],
    ['4 asked, 2 start', 4, 2],
    ['2 asked, 1 starts', 2, 1],
  ])('%s: the batch goes on with the ones that did, with a warning, and loses no input', async (_label, jobs, starting) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-pool-'));
    try {
      const names = Array.from({ length: 30 }, (_, i) => `doc-${i}-delay${i % 4 ? 10 : 0}`);
      const { outcomes, result, warnings } = await pool(names, jobs, { settings: { ...SETTINGS, lexiconDirs: [`start-limit:${dir}:${starting}`] } });
      expect(outcomes.map((o) => o.chunk)).toEqual(names);
      expect(result.workers).toBe(starting);
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.every((w) => /^a worker could not start \(worker stopped \(exit code 4\)\)/.test(w))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no worker starts at all: a start error, not a run of failures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-pool-'));
    try {
      await expect(pool(['a', 'b', 'c'], 2, { settings: { ...SETTINGS, lexiconDirs: [`start-limit:${dir}:0`] } })).rejects.toThrow(/exit code 4/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the address-space limit (ulimit -v) decides how many workers fit', () => {
  const limits = (value: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax address space         ${value}            ${value}            bytes\n`;
  const status = (kb: number) => `Name:\tnode\nVmSize:\t ${kb} kB\n`;
  test.each([
    ['no limit', limits('unlimited'), status(700_000), Infinity],
    ['2 GB, 0.7 GB used: one worker', limits(String(2_048_000_000)), status(700_000), 1],
    ['1.5 GB, 0.7 GB used: none (the main thread analyses)', limits(String(1_536_000_000)), status(700_000), 0],
    ['8 GB, 0.7 GB used: seven', limits(String(8 * 1024 ** 3)), status(700_000), 7],
    ['limits not readable (not Linux)', undefined, undefined, Infinity],
  ])('%s', (_label, limitText, statusText, expected) => {
    expect(workersThatFit(limitText, statusText)).toBe(expected);
  });
});

describe('streamed input (count unknown): workers start as the input outpaces them', () => {
  test.each([
    ['a burst of 40 inputs with 2 jobs starts both', 40, 2, 2],
    ['a burst of 60 inputs with 3 jobs starts all three', 60, 3, 3],
    ['2 inputs with 2 jobs start only one (no second dictionary load for nothing)', 2, 2, 1],
    ['5 inputs with 4 jobs start only one', 5, 4, 1],
  ])('%s', async (_label, count, jobs, expected) => {
    const names = Array.from({ length: count }, (_, i) => `doc-${i}-delay20`);
    const { outcomes, result } = await pool(names, jobs, { lazy: true });
    expect(outcomes.map((o) => o.chunk)).toEqual(names);
    expect(result.workers).toBe(expected);
  });
});
