/**
 * The parallel ceiling of this machine for the bench's (c): bare nodejieba (cut with HMM + extract) in N worker
 * threads over the same files, timed from "all loaded" to "all done". If two threads of bare nodejieba do not
 * beat one, no --jobs can.
 *
 *   node dist-tools/bench/ceiling.js <jobs> <file-list>   → prints {"jobs", "docs", "workMs"}
 */
import * as fs from 'fs';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';

interface Jieba {
  load(): void;
  cut(text: string, hmm: boolean): string[];
  extract(text: string, n: number): unknown[];
}

if (isMainThread) {
  const jobs = Number(process.argv[2]);
  const files = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);
  const shares = Array.from({ length: jobs }, (_, j) => files.filter((_, i) => i % jobs === j));
  const workers = shares.map((share) => new Worker(__filename, { workerData: share }));
  let ready = 0;
  let done = 0;
  let start = 0;
  for (const worker of workers) {
    worker.on('message', (message: string) => {
      if (message === 'ready' && ++ready === jobs) {
        start = Date.now();
        for (const w of workers) w.postMessage('go');
      } else if (message === 'done' && ++done === jobs) {
        process.stdout.write(`${JSON.stringify({ jobs, docs: files.length, workMs: Date.now() - start })}\n`);
        process.exit(0);
      }
    });
  }
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require('nodejieba') as Jieba;
  jieba.load();
  const texts = (workerData as string[]).map((file) => fs.readFileSync(file, 'utf8'));
  parentPort!.postMessage('ready');
  parentPort!.once('message', () => {
    for (const text of texts) {
      jieba.cut(text, true);
      jieba.extract(text, 50);
    }
    parentPort!.postMessage('done');
  });
}
