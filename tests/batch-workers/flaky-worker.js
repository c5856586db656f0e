// A stand-in for dist/cli/worker.js speaking the same messages, to test the pool itself: it answers after a
// delay taken from the input name (so results finish out of order) and dies on inputs named "crash".
'use strict';
const { parentPort } = require('worker_threads');

parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (message) => {
  if (message.type === 'stop') process.exit(0);
  const { seq, source } = message.task;
  const name = source.kind === 'file' ? source.path : source.input;
  if (name.includes('crash')) process.exit(3);
  const delay = Number(/delay(\d+)/.exec(name)?.[1] ?? 0);
  setTimeout(() => parentPort.postMessage({ type: 'done', outcome: { seq, input: name, chunk: name } }), delay);
});
