import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze as analyzeText } from '../src/analyzer';
import { LexiconError, loadLexicon } from '../src/lexicon';

describe('lexicon directories (--lexicon)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-lexicon-'));
  fs.writeFileSync(path.join(dir, 'titles.txt'), '# local titles\n总农艺师\n');
  fs.writeFileSync(path.join(dir, 'industries.txt'), '富硒茶\n');
  fs.writeFileSync(path.join(dir, 'userdict.utf8'), '富硒茶 1000 n\n');
  const text = '县农业农村局总农艺师闵向东出席会议。全县培育富硒茶产业集群。';

  test('a title and an industry from an extra directory are used; without it they are not', () => {
    const plain = analyzeText({ text });
    expect(plain.officials).toEqual([]);
    expect(plain.industries).toEqual([]);
    const extended = analyzeText({ text }, { lexiconDirs: [dir] });
    expect(extended.officials.map((o) => [o.name, o.titles])).toEqual([['闵向东', ['县农业农村局总农艺师']]]);
    expect(extended.industries.map((i) => i.name)).toEqual(['富硒茶']);
  });

  test('a missing directory or a bad pattern is an error that names the file', () => {
    expect(() => loadLexicon([path.join(dir, 'nope')])).toThrow(LexiconError);
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-lexicon-bad-'));
    fs.writeFileSync(path.join(bad, 'boilerplate.json'), JSON.stringify({ patterns: [{ reason: 'x', pattern: '(' }] }));
    expect(() => loadLexicon([bad])).toThrow(/boilerplate\.json:1: bad pattern/);
  });
});
