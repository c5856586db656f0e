// A stand-in for dist/cli/worker.js speaking the same messages, to test the pool itself: it answers after a
// delay taken from the input name (so results finish out of order) and dies on inputs named "crash".
// With workerData.lexiconDirs = ['start-limit:<dir>:<k>'], only the first k workers to start come up; the others
// exit before they are ready (a worker that cannot start).
'use strict';
const fs = require('fs');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');

const limit = /^start-limit:(.*):(\d+)$/.exec((workerData && workerData.lexiconDirs && workerData.lexiconDirs[0]) || '');
if (limit) {
  let slot = 0;
  for (;; slot++) {
    try {
      fs.writeFileSync(path.join(limit[1], `slot-${slot}`), '', { flag: 'wx' });
      break;
    } catch {
      // taken by another worker: try the next
    }
  }
  if (slot >= Number(limit[2])) process.exit(4);
}

parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (message) => {
  if (message.type === 'stop') process.exit(0);
  const { seq, source } = message.task;
  const name = source.kind === 'file' ? source.path : source.input;
  if (name.includes('crash')) process.exit(3);
  const delay = Number(/delay(\d+)/.exec(name)?.[1] ?? 0);
  setTimeout(() => parentPort.postMessage({ type: 'done', outcome: { seq, input: name, chunk: name } }), delay);
});
