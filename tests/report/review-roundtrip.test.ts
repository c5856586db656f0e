/**
 * Round trip of the report's corrections without a browser: the page's own export code (REVIEW_CORE) turns a
 * reviewer's corrections into a gold file and lexicon additions; `eval` on that gold, with that lexicon, scores 1,
 * and each lexicon kind fixes its failure on re-analysis. The browser test drives the same code with real clicks.
 */
import { PassThrough } from 'stream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../src/analyzer';
import { runCli } from '../../src/cli/main';
import { renderReport } from '../../src/report/html';
import { REVIEW_CORE, type ReviewData } from '../../src/report/review';
import { shownText } from '../../src/report/view';
import { sink } from '../batch-helpers';

interface Added {
  kind: string;
  text: string;
  at: number;
  parent?: string;
}
interface State {
  verdicts: Record<string, 'right' | 'wrong'>;
  fixes: Record<string, string>;
  added: Added[];
}
type Exports = { gold: Record<string, unknown>; lexicon: Record<string, string[]> };
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const reviewExports = new Function(`${REVIEW_CORE}; return reviewExports;`)() as (data: ReviewData, state: State) => Exports;

/** The review data the report embeds for its first document. */
function pageData(text: string, file: string): { data: ReviewData; shown: string } {
  const result = analyze({ text, path: file }, { explain: true });
  const html = renderReport([{ result, text }]);
  const block = /<script type="application\/json" id="d1-review">([^<]*)<\/script>/.exec(html);
  expect(block).not.toBeNull();
  return { data: JSON.parse(block![1]) as ReviewData, shown: shownText(text).text };
}

/** Write the exports as a reviewer saves them: the gold file into a gold directory, the lists into a lexicon directory. */
function save(exports: Exports, data: ReviewData, root: string): { gold: string; lexicon: string } {
  const gold = path.join(root, 'gold');
  const lexicon = path.join(root, 'lexicon');
  fs.mkdirSync(gold, { recursive: true });
  fs.mkdirSync(lexicon, { recursive: true });
  fs.writeFileSync(path.join(gold, data.goldName), JSON.stringify(exports.gold));
  for (const [file, entries] of Object.entries(exports.lexicon)) if (entries.length) fs.writeFileSync(path.join(lexicon, file), `${entries.join('\n')}\n`);
  return { gold, lexicon };
}

async function evalJson(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli({ argv: ['eval', '--json', ...argv], stdin: new PassThrough(), stdout, stderr, env: {} });
  return { code, report: JSON.parse(stdout.text() || 'null'), err: stderr.text() };
}

const ARTICLE =
  '青松县召开2024年项目建设推进会\n3月12日，青松县召开2024年项目建设推进会。县长李明亮相会场并讲话。总农艺师张伟出席会议。\n' +
  '会议提出，算清三本账：经济账、民生账、生态账。全县要培育竹木家具等特色产业。\n会前，县委书记金秋时节来到田间察看春耕。\n';

describe('report corrections round trip', () => {
  test('annotate → export → eval gives 1 on every field with the exported lexicon', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-review-'));
    const file = path.join(root, 'qingsong.txt');
    fs.writeFileSync(file, ARTICLE);
    const { data, shown } = pageData(ARTICLE, file);
    const at = (needle: string) => shown.indexOf(needle);
    const official = (name: string) => data.officials.find((o) => o.name === name)!.id;
    const state: State = {
      verdicts: { [official('金秋')]: 'wrong', [data.industries[0].id]: 'right' },
      fixes: { [official('李明亮')]: '李明' },
      added: [
        { kind: 'official', text: '张伟', at: at('张伟') },
        { kind: 'title', text: '总农艺师', at: at('总农艺师') },
        { kind: 'role', text: '出席', at: at('出席会议') },
        { kind: 'enumeration', text: '三本账', at: at('三本账') },
        ...['经济账', '民生账', '生态账'].map((text) => ({ kind: 'item', text, at: at(text), parent: 'added-3' })),
      ],
    };
    const exports = reviewExports(data, state);
    expect(exports.gold.file).toBe('qingsong.txt');
    expect(exports.lexicon).toEqual({ 'names.txt': ['李明', '张伟'], 'titles.txt': ['总农艺师'], 'measure-words.txt': ['本'], 'industries.txt': [], 'not-names.txt': ['金秋'] });
    const dirs = save(exports, data, root);

    const fixed = await evalJson(['--gold', dirs.gold, '--lexicon', dirs.lexicon, '--min', '1', file]);
    expect(fixed.code).toBe(0);
    expect(fixed.report.meanF1).toBe(1);
    const scored = fixed.report.fields.filter((row: { tp: number }) => row.tp > 0).map((row: { field: string }) => row.field);
    expect(scored).toEqual(expect.arrayContaining(['officials', 'titles', 'roles', 'enumerations', 'enumeration items', 'industries']));
    for (const check of fixed.report.checks) expect(check.right).toBe(check.total);

    // Without the lexicon the same gold shows what the corrections were about.
    const before = await evalJson(['--gold', dirs.gold, file]);
    expect(before.report.meanF1).toBeLessThan(1);
  });

  const correct = (text: string, state: (data: ReviewData, shown: string) => State) => {
    const { data, shown } = pageData(text, 'article.txt');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-review-'));
    const { lexicon } = save(reviewExports(data, state(data, shown)), data, root);
    return analyze({ text }, { lexiconDirs: [lexicon] });
  };

  test.each([
    ['县长李明亮相发布会。', '李明亮', '李明'],
    ['副区长周军民生活动中讲话。', null, '周军'],
    ['区长操家良出席会议。', null, '操家良'],
  ])('names: a fixed boundary or an added name is read right on re-analysis: %s', (text, found, name) => {
    const before = analyze({ text }).officials.map((o) => o.name);
    expect(before).not.toContain(name);
    if (found) expect(before).toContain(found);
    const result = correct(text, (data, shown) =>
      found ? { verdicts: {}, fixes: { [data.officials.find((o) => o.name === found)!.id]: name }, added: [] } : { verdicts: {}, fixes: {}, added: [{ kind: 'official', text: name, at: shown.indexOf(name) }] },
    );
    expect(result.officials.map((o) => o.name)).toContain(name);
  });

  test.each([
    ['总农艺师张伟出席会议。', '总农艺师', '张伟'],
    ['首席数据官李强出席会议。', '首席数据官', '李强'],
    ['总园艺师吴敏主持会议。', '总园艺师', '吴敏'],
  ])('titles: an added title makes its official found on re-analysis: %s', (text, title, name) => {
    expect(analyze({ text }).officials.map((o) => o.name)).not.toContain(name);
    const result = correct(text, (_data, shown) => ({ verdicts: {}, fixes: {}, added: [{ kind: 'title', text: title, at: shown.indexOf(title) }] }));
    expect(result.officials.find((o) => o.name === name)?.titles).toEqual([title]);
  });

  test.each([
    ['算清三本账：经济账、民生账、生态账。', '三本账', 3],
    ['用好三把钥匙：改革、创新、开放。', '三把钥匙', 3],
    ['念好三字诀：实、干、稳。', '三字诀', 3],
  ])('measure words: an added counted set is found with its members on re-analysis: %s', (text, label, count) => {
    expect(analyze({ text }).enumerations.map((e) => e.label)).not.toContain(label);
    const result = correct(text, (_data, shown) => ({ verdicts: {}, fixes: {}, added: [{ kind: 'enumeration', text: label, at: shown.indexOf(label) }] }));
    const found = result.enumerations.find((e) => e.label === label);
    expect(found?.count).toBe(count);
    expect(found?.items).toHaveLength(count);
  });

  test('not-names: an official marked wrong is not read again', () => {
    const text = '县委书记金秋时节来到田间。';
    const result = correct(text, (data) => ({ verdicts: { [data.officials[0].id]: 'wrong' }, fixes: {}, added: [] }));
    expect(result.officials).toEqual([]);
  });
});
