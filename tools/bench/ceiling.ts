/**
 * The parallel ceiling of this machine for the bench's (c): bare nodejieba (cut with HMM + extract) in N worker
 * threads over the same files, timed from "all loaded" to "all done". If two threads of bare nodejieba do not
 * beat one, no --jobs can.
 *
 *   node dist-tools/bench/ceiling.js <jobs> <file-list> [topN]   → prints {"jobs", "docs", "workMs"}
 *
 * The calls are those the analysis needs: cut(text, true) and extract(text, topN) (default 50, what --top 10
 * asks for). Files are read before the clock starts; the tool reads them in the work phase (a small extra).
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
  const topN = Number(process.argv[4] ?? 50);
  const shares = Array.from({ length: jobs }, (_, j) => files.filter((_, i) => i % jobs === j));
  const workers = shares.map((share) => new Worker(__filename, { workerData: { files: share, topN } }));
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
  const { files, topN } = workerData as { files: string[]; topN: number };
  const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
  parentPort!.postMessage('ready');
  parentPort!.once('message', () => {
    for (const text of texts) {
      jieba.cut(text, true);
      jieba.extract(text, topN);
    }
    parentPort!.postMessage('done');
  });
}
