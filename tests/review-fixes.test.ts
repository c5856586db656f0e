/** Cases a fresh-eyes review found: each asserts the behaviour a user expects. */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../src/analyzer';
import { diffResults } from '../src/diff/diff';
import { diffRows } from '../src/diff/format';
import { DESCRIPTORS } from '../src/formatters/descriptors';
import { run, tempDir, removeTempDirs } from './batch-helpers';

afterAll(removeTempDirs);

describe('review fixes', () => {
  test('an unknown --encoding is a usage error (exit 2), not one failure per file', async () => {
    const { code, err } = await run(['--encoding', 'no-such-charset', path.join(__dirname, '..', 'fixtures', 'zibo-2022.txt')]);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown encoding "no-such-charset"/);
  });

  test('a directory given with a trailing slash reports paths with one separator', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), '东湖区召开经济工作会议\n\n3月5日，东湖区召开经济工作会议。');
    const { out } = await run(['--format', 'jsonl', `${dir}/`]);
    expect(JSON.parse(out.trim()).input.path).toBe(`${dir}/a.txt`);
  });

  test('diff names a removed component by the formula it belonged to', () => {
    const before = analyze({ text: '东湖区召开工作会议\n\n会议提出“1+2”发展思路，即一个中心、两大任务。一个中心：项目建设。两大任务：招商引资、优化服务。', path: 'a.txt' });
    const after = analyze({ text: '东湖区召开工作会议\n\n会议提出“1+3”发展思路，即一个中心、三项举措。一个中心：项目建设。三项举措：稳投资、促消费、扩开放。', path: 'b.txt' });
    const rows = diffRows(diffResults(before, after));
    const removed = rows.filter(([section, change]) => section.startsWith('Component of') && change === 'removed');
    expect(removed.length).toBeGreaterThan(0);
    for (const [section] of removed) expect(section).toBe('Component of 1+2');
  });

  test('report hover labels number components by position, not by count', () => {
    const result = analyze({ text: '东湖区召开工作会议\n\n会议提出“1+3+3”发展思路，即一个目标、三大任务、三项保障。', path: 'a.txt' });
    const frameworks = DESCRIPTORS.find((descriptor) => descriptor.field === 'frameworks')!;
    const labels = (frameworks.marks?.(result) ?? []).filter((mark) => mark.kind === 'component').map((mark) => mark.label);
    expect(labels.map((label) => /^Component (\d+) of/.exec(label)?.[1])).toEqual(['1', '2', '3']);
  });
});

describe('report reads like the analysis', () => {
  test('the article panel leaves out boilerplate that a --lexicon pattern removed', async () => {
    const dir = tempDir();
    const lexicon = path.join(dir, 'lexicon');
    fs.mkdirSync(lexicon);
    fs.writeFileSync(path.join(lexicon, 'boilerplate.json'), JSON.stringify({ patterns: [{ reason: 'page-header', pattern: '^本站专稿' }] }));
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, '东湖区召开经济工作会议\n\n本站专稿请勿转载\n3月5日，东湖区召开经济工作会议。区长李明远主持会议。');
    const out = path.join(dir, 'r.html');
    const { code } = await run(['report', '--lexicon', lexicon, file, '-o', out]);
    expect(code).toBe(0);
    const panel = /<div class="article-text[^>]*>([\s\S]*?)<\/div>/.exec(fs.readFileSync(out, 'utf8'));
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('李明远');
    // Listed as removed, never shown as article text.
    expect((panel?.[1] ?? html).replace(/<[^>]+>/g, '')).not.toMatch(/本站专稿请勿转载\s*3月5日/);
  });

  test('report and diff show escape sequences in file names instead of sending them to the terminal', async () => {
    const { err } = await run(['report', 'missing\u001b]0;pwned\u0007.txt', '-o', path.join(tempDir(), 'r.html')]);
    expect(err).not.toContain('\u001b');
    expect(err).toContain('\\x1b');
  });
});
