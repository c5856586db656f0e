/**
 * Run by patched-jieba.test.ts: prints, for every file listed (one path a line in argv[2]), what nodejieba's calls
 * give: cut with and without HMM, tag, extract and textRankExtract (top 20), and cutExtract (top 50), as one JSON
 * line per file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const jieba = require(path.resolve(__dirname, '..', '..', 'node_modules', 'nodejieba'));
jieba.load();
let combined = false;
try {
  combined = Array.isArray(jieba.cutExtract('预热', 1).words);
} catch {
  combined = false; // patched index.js over the stock binary
}
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  const text = fs.readFileSync(file, 'utf8');
  const record = {
    file,
    cut: jieba.cut(text, true),
    cutNoHmm: jieba.cut(text, false),
    tag: jieba.tag(text),
    extract: jieba.extract(text, 20),
    textRank: jieba.textRankExtract(text, 20),
    // The patched build's one-pass call must equal the two stock calls it replaces (stock: those two calls).
    cutExtract: combined ? jieba.cutExtract(text, 50) : { words: jieba.cut(text, true), keywords: jieba.extract(text, 50) },
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
