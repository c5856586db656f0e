/** The pool on its own, with a stand-in worker (tests/batch-workers/flaky-worker.js): order, crashes, retries. */
import * as path from 'path';
import { runPool } from '../src/cli/pool';
import type { Outcome, Source, TaskSettings } from '../src/cli/task';

jest.setTimeout(60000);

const FLAKY = path.join(__dirname, 'batch-workers', 'flaky-worker.js');
const SETTINGS: TaskSettings = { format: 'jsonl', color: false, top: 10, lexiconDirs: [], maxBytes: 1 << 20, summary: false };

async function pool(names: string[], jobs: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  async function* sources(): AsyncGenerator<Source> {
    for (const name of names) yield { kind: 'file', path: name };
  }
  await runPool(sources(), { jobs, settings: SETTINGS, workerScript: FLAKY, onOutcome: (outcome) => void outcomes.push(outcome) });
  return outcomes;
}

test('outcomes come back in input order even when later inputs finish first', async () => {
  // Falling delays: with three workers, each later input is done before the one before it.
  const names = Array.from({ length: 30 }, (_, i) => `doc-${i}-delay${(30 - i) * 10}`);
  const outcomes = await pool(names, 3);
  expect(outcomes.map((o) => o.seq)).toEqual(names.map((_, i) => i));
  expect(outcomes.map((o) => o.chunk)).toEqual(names);
});

test('a worker that dies fails only the input that killed it; the others are retried and the batch goes on', async () => {
  const names = Array.from({ length: 12 }, (_, i) => (i === 5 ? 'doc-5-crash' : `doc-${i}-delay${i % 3 ? 30 : 0}`));
  const outcomes = await pool(names, 2);
  expect(outcomes.map((o) => o.input)).toEqual(names);
  expect(outcomes.filter((o) => o.error).map((o) => [o.input, o.error!.code, o.error!.message])).toEqual([['doc-5-crash', 'ANALYSIS_FAILED', 'worker stopped (exit code 3)']]);
  expect(outcomes.filter((o) => o.chunk)).toHaveLength(11);
});

test('workers that keep dying end the run with an error instead of being replaced for ever', async () => {
  const names = Array.from({ length: 40 }, (_, i) => `doc-${i}-crash`);
  await expect(pool(names, 2)).rejects.toThrow(/workers keep failing: worker stopped \(exit code 3\)/);
});
