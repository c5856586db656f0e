/**
 * Run by patched-jieba.test.ts: prints, for every file listed (one path a line in argv[2]), what nodejieba's calls
 * give: cut with and without HMM, tag, extract and textRankExtract (top 20), and extractAfterCut (top 50), as one JSON
 * line per file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const jieba = require(path.resolve(__dirname, '..', '..', 'node_modules', 'nodejieba'));
jieba.load();
let reuses = false;
try {
  reuses = Array.isArray(jieba.extractAfterCut('预热', 1));
} catch {
  reuses = false; // patched index.js over the stock binary
}
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  const text = fs.readFileSync(file, 'utf8');
  const record = {
    file,
    cut: jieba.cut(text, true),
    cutNoHmm: jieba.cut(text, false),
    extract: jieba.extract(text, 20),
    // The slow two on a prefix only: tag on 20,000 characters, TextRank (unused by the tool, but its extractor is
    // what the patch changes) on 3,000; whole texts would make this test take minutes.
    tag: jieba.tag(text.slice(0, 20000)),
    textRank: jieba.textRankExtract(text.slice(0, 3000), 20),
    // The patched build's extract reusing the cut just made must equal a plain extract (stock: the plain one).
    afterCut: (jieba.cut(text, true), reuses ? jieba.extractAfterCut(text, 50) : jieba.extract(text, 50)),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
