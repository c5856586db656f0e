/**
 * Preloaded with `node -r` by tests/segment/patched-jieba.test.ts and by the bench's stock baselines: makes
 * `require('nodejieba')` load the stock binary that tools/patch-nodejieba.js kept at install (path in
 * STOCK_NODEJIEBA) instead of the patched build; nothing else changes.
 */
'use strict';
const Module = require('module');

const stock = process.env.STOCK_NODEJIEBA;
if (!stock) throw new Error('STOCK_NODEJIEBA is not set');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const file = resolve.call(this, request, ...rest);
  return /[\\/]nodejieba[\\/]build[\\/]Release[\\/]nodejieba\.node$/.test(file) ? stock : file;
};
