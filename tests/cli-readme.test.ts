/**
 * Every `npx meeting-analyze …` line of the README's shell examples runs as written (up to its first pipe or
 * redirection) and exits 0, from a folder holding only the checkout's fixtures, as a new user would try them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, ROOT } from './batch-helpers';

/** Shell words of a command line: '…' and "…" quoting, cut at the first unquoted |, >, &&, || or #. */
function words(line: string): string[] {
  const out: string[] = [];
  let word = '';
  let quote = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if ('|>#&'.includes(ch)) break;
    else if (ch === ' ') {
      if (started) out.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (started) out.push(word);
  return out;
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```sh\n([^]*?)```/g)].flatMap((m) => m[1].split('\n')).filter((line) => line.startsWith('npx meeting-analyze'));

describe('README examples', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-readme-'));
  beforeAll(() => {
    fs.symlinkSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.symlinkSync(path.join(ROOT, 'tests', 'fixtures'), path.join(dir, 'tests', 'fixtures'));
    // The lexicon example's first line (mkdir + echo) as the README gives it.
    fs.mkdirSync(path.join(dir, 'my-lexicon'));
    fs.writeFileSync(path.join(dir, 'my-lexicon', 'titles.txt'), '总农艺师\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('there are examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples).toContain('npx meeting-analyze fixtures/zibo-2022.txt');
  });

  test.each(examples)('%s', (line) => {
    const args = words(line).slice(2);
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
    expect({ status: run.status, stderr: run.stderr.split('\n').filter((l) => l.startsWith('meeting-analyze: ') && !/^meeting-analyze: (wrote|skipped) /.test(l)) }).toEqual({ status: 0, stderr: [] });
  });
});
