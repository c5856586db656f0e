import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import Database from 'better-sqlite3';
import { runCli } from '../../../src/cli/main';
import { openArchive, ARCHIVE_SCHEMA_VERSION } from '../../../src/archive/db';
import { ArchiveStore, recordHash } from '../../../src/archive/store';
import { Posts } from '../../../src/archive/posts';
import { loadLexicon } from '../../../src/lexicon';
import { personView, peopleView, placeView, formulasView, industriesView, type PersonEntry } from '../../../src/archive/views';
import { renderView } from '../../../src/cli/archive-actions';
import { record, jsonl, type Invented } from './records';

const lexicon = loadLexicon();
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function storeAll(specs: Invented[], file = path.join(dir, 'a.sqlite')) {
  const db = openArchive(file);
  const store = new ArchiveStore(db, new Posts(lexicon));
  for (const spec of specs) {
    const r = record(spec);
    store.store(r.input.path, recordHash(r), r);
  }
  return db;
}

const personsOf = (db: Database.Database, name: string) => (personView(db, name).data as { persons: PersonEntry[] }).persons;

async function cli(argv: string[], stdinText?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => Object.assign(new PassThrough(), { isTTY: false }).on('data', (chunk) => into.push(String(chunk)));
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await runCli({ argv, stdout: sink(out), stderr: sink(err), stdin, env: { NO_COLOR: '1' } });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('posts (data/post-aliases.txt, data/post-heads.txt)', () => {
  const posts = new Posts(lexicon);
  test.each([
    ['住建部部长', null, '住房和城乡建设部部长'],
    ['住房城乡建设部党组书记', null, '住房和城乡建设部党组书记'],
    ['部党组书记', '住房和城乡建设部', '住房和城乡建设部党组书记'],
    ['部长', '住房和城乡建设部', '住房和城乡建设部部长'],
    ['副部长', '住房和城乡建设部', '住房和城乡建设部副部长'],
    ['市发改委主任', '临川市', '临川市发展和改革委员会主任'],
    ['县委书记', '青溪县', '青溪县委书记'],
    ['市委常委', '云港经济开发区', '市委常委'],
  ])('%s in an article of %s is %s', (title, unit, post) => {
    expect(posts.post(title, unit)).toBe(post);
  });
  test.each([
    ['淄川县委书记', '淄川县'],
    ['住房和城乡建设部副部长', '住房和城乡建设部'],
    ['云南省住房和城乡建设厅厅长', '云南省'],
    ['市委常委', null],
  ])('unit of %s', (title, unit) => expect(posts.unitOf(posts.canonical(title))).toBe(unit));
});

describe('person resolution', () => {
  test.each([
    // The same official written with three forms of the ministry's name, and relative titles in its own articles.
    // The second is written in the ministry's own article (部党组书记 under its headline).
    [['住房城乡建设部部长', '部党组书记、部长', '住建部部长']],
    [['住建部副部长', '部党组成员、副部长', '住房和城乡建设部副部长']],
    [['工信部部长', '部长', '工业和信息化部部长']],
  ])('title variants are one post and one person: %j', (variants) => {
    const org = variants[0].startsWith('工') ? '工业和信息化部' : '住房城乡建设部党组';
    const db = storeAll(variants.map((titles, i) => ({ path: `v${i}.txt`, date: `2021-0${i + 1}-10`, org: i === 1 ? org : null, title: i === 1 ? `${org}召开会议` : `某地召开会议`, officials: [['柯明远', titles.split('、')]] })));
    const people = personsOf(db, '柯明远');
    expect(people).toHaveLength(1);
    expect(people[0].uncertain).toBe(false);
    expect(people[0].appearances).toHaveLength(3);
    expect(new Set(people[0].appearances.flatMap((a) => a.posts)).size).toBeLessThanOrEqual(2);
    db.close();
  });

  test.each([
    ['two counties', ['青溪县县长', '青溪县'], ['白河市副市长', '白河市']],
    ['a county and a ministry', ['柳林县委书记', '柳林县'], ['住建部副部长', '住房和城乡建设部']],
    ['relative titles in two provinces', ['省长', '云岭省'], ['省委副书记', '海澄省']],
  ])('same-name officials in unrelated places stay apart: %s', (_kind, [titleA, placeA], [titleB, placeB]) => {
    const db = storeAll([
      { path: 'a.txt', date: '2022-03-01', org: `${placeA}人民政府`, officials: [['张勇', [titleA]]] },
      { path: 'b.txt', date: '2022-04-01', org: `${placeB}人民政府`, officials: [['张勇', [titleB]]] },
      { path: 'c.txt', date: '2022-05-01', org: `${placeA}人民政府`, officials: [['张勇', [titleA]]] },
    ]);
    const people = personsOf(db, '张勇');
    expect(people).toHaveLength(2);
    expect(people.map((p) => p.appearances.length).sort()).toEqual([1, 2]);
    expect(people.every((p) => !p.uncertain)).toBe(true);
    db.close();
  });

  test.each([
    ['a city and its development zone', ['淄川市副市长', '淄川市'], ['淄川经济开发区管委会主任', '淄川经济开发区']],
    ['no unit at all', ['副组长', null], ['组长', null]],
    ['a unit, then none', ['青溪县县长', '青溪县'], ['讲师', null]],
  ])('an uncertain merge is reported as such: %s', (_kind, [titleA, placeA], [titleB, placeB]) => {
    const db = storeAll([
      { path: 'a.txt', date: '2022-03-01', org: placeA ? `${placeA}人民政府` : null, officials: [['李华', [titleA]]] },
      { path: 'b.txt', date: '2022-04-01', org: placeB ? `${placeB}人民政府` : null, officials: [['李华', [titleB]]] },
    ]);
    const people = personsOf(db, '李华');
    expect(people).toHaveLength(1);
    expect(people[0].uncertain).toBe(true);
    expect(renderView(personView(db, '李华'), 'person', 'table', 120)).toContain('uncertain merge');
    db.close();
  });

  test.each([
    ['county head to party secretary', '青溪县', ['县长'], ['县委书记']],
    ['vice minister to minister', '住房和城乡建设部', ['副部长'], ['部党组书记', '部长']],
    ['deputy mayor to mayor', '临川市', ['副市长'], ['市长']],
  ])('a change of post between two dated articles is flagged: %s', (_kind, place, before, after) => {
    // Stored newest first: the view orders by date, not by ingest order.
    const db = storeAll([
      { path: 'later.txt', date: '2023-06-02', org: place, officials: [['周明', after]] },
      { path: 'earlier.txt', date: '2021-02-03', org: place, officials: [['周明', before]] },
    ]);
    const [person] = personsOf(db, '周明');
    expect(person.appearances.map((a) => a.date)).toEqual(['2021-02-03', '2023-06-02']);
    expect(person.appearances[0].newPosts).toEqual([]);
    expect(person.appearances[1].newPosts.length).toBeGreaterThan(0);
    expect(person.changes).toHaveLength(1);
    expect(person.changes[0]).toMatch(/^2023-06-02: first seen as .+, now .+/);
    const people = peopleView(db).data as Array<{ name: string; first: string; last: string; posts: number }>;
    expect(people.find((p) => p.name === '周明')).toMatchObject({ first: '2021-02-03', last: '2023-06-02' });
    expect(people.find((p) => p.name === '周明')!.posts).toBeGreaterThanOrEqual(2);
    db.close();
  });
});

describe('views', () => {
  const corpus: Invented[] = [
    { path: 'q1.txt', date: '2021-03-05', org: '青溪县人民政府', meeting: '经济工作会议', frameworks: [['1+3', [[1, '一个目标', ['生态强县']], [3, '三大任务', ['招商', '园区', '人才']]]]], industries: ['茶叶', '文旅'] },
    { path: 'q2.txt', date: '2022-02-11', org: '青溪县人民政府', meeting: '动员大会', industries: ['茶叶', '新能源'] },
    { path: 'b1.txt', date: '2022-05-20', org: '白河市人民政府', meeting: '推进会', frameworks: [['1+3', [[1, '一个中心', ['港口']], [3, '三个片区', ['东区', '西区', '北区']]]]], industries: ['茶叶'] },
    { path: 'b2.txt', published: '2023-01-09', title: '白河市召开常务会议', frameworks: [['2+N', [[2, '两个基地', ['农产品', '物流']]]]] },
  ];

  test('place: meetings, formulas with components and industries per year', () => {
    const db = storeAll(corpus);
    const data = placeView(db, '青溪').data as { documents: number; years: Array<{ year: number; meetings: unknown[]; formulas: Array<{ formula: string; components: Array<{ items: string[] }> }>; industries: Array<{ name: string }> }> };
    expect(data.documents).toBe(2);
    expect(data.years.map((y) => y.year)).toEqual([2021, 2022]);
    expect(data.years[0].formulas[0]).toMatchObject({ formula: '1+3', components: [{ items: ['生态强县'] }, { items: ['招商', '园区', '人才'] }] });
    expect(data.years[1].industries.map((i) => i.name)).toEqual(['新能源', '茶叶']);
    // A document without a meeting date is dated by its publication.
    expect((placeView(db, '白河市').data as { years: Array<{ year: number }> }).years.map((y) => y.year)).toEqual([2022, 2023]);
    db.close();
  });

  test('formulas and industries: which places use which, and the first appearance', () => {
    const db = storeAll(corpus);
    const formulas = formulasView(db).data as Array<{ formula: string; first: string; firstPlace: string; places: Array<{ place: string; first: string }> }>;
    expect(formulas.find((f) => f.formula === '1+3')).toMatchObject({ first: '2021-03-05', firstPlace: '青溪县', places: [{ place: '青溪县' }, { place: '白河市', first: '2022-05-20' }] });
    const industries = industriesView(db).data as Array<{ industry: string; places: Array<{ place: string; documents: number }> }>;
    expect(industries.find((i) => i.industry === '茶叶')!.places).toEqual([expect.objectContaining({ place: '青溪县', documents: 2 }), expect.objectContaining({ place: '白河市', documents: 1 })]);
    db.close();
  });

  test.each(['person', 'people', 'place', 'formulas', 'industries'] as const)('%s renders as table, JSON and CSV', (name) => {
    const db = storeAll([...corpus, { path: 'p.txt', date: '2022-01-01', org: '青溪县人民政府', officials: [['吴桐', ['县长']]] }]);
    const view = name === 'person' ? personView(db, '吴桐') : name === 'place' ? placeView(db, '青溪县') : name === 'people' ? peopleView(db) : name === 'formulas' ? formulasView(db) : industriesView(db);
    expect(renderView(view, name, 'table', 120)).toMatch(/┌/);
    expect(() => JSON.parse(renderView(view, name, 'json', 120))).not.toThrow();
    const csv = renderView(view, name, 'csv', 120);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    db.close();
  });

  test('HTML pages for a person and a place have a timeline and no script', () => {
    const db = storeAll([
      { path: 'a.txt', date: '2021-02-03', org: '青溪县', officials: [['周明', ['副县长']]], industries: ['茶叶'] },
      { path: 'b.txt', date: '2023-06-02', org: '青溪县', officials: [['周明', ['县长']]] },
    ]);
    for (const [name, view] of [['person', personView(db, '周明')], ['place', placeView(db, '青溪县')]] as const) {
      const html = renderView(view, name, 'html', 120);
      expect(html).toContain('class="timeline"');
      expect(html).toContain('Content-Security-Policy');
      expect(html).not.toContain('<script');
    }
    expect(renderView(personView(db, '周明'), 'person', 'html', 120)).toContain('post changed');
    db.close();
  });
});

describe('archive ingest', () => {
  const records = [
    record({ path: 'a.txt', date: '2022-03-01', org: '青溪县人民政府', officials: [['王宁', ['县长']]], industries: ['茶叶'] }),
    record({ path: 'b.txt', date: '2022-04-01', org: '青溪县人民政府', officials: [['王宁', ['县委书记']]] }),
  ];

  test('loads JSONL; re-ingesting the same records changes nothing', async () => {
    const file = path.join(dir, 'results.jsonl');
    fs.writeFileSync(file, jsonl(records));
    const db = path.join(dir, 'a.sqlite');
    const first = await cli(['archive', 'ingest', file, '--db', db]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toContain('added 2, replaced 0, unchanged 0, failed 0');
    const dump = () => {
      const d = new Database(db, { readonly: true });
      const tables = ['documents', 'mentions', 'persons', 'person_units', 'person_posts', 'frameworks', 'components', 'industries'];
      const out = tables.map((t) => d.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
      d.close();
      return out;
    };
    const before = dump();
    const again = await cli(['archive', 'ingest', file, '--db', db]);
    expect(again.stderr).toContain('added 0, replaced 0, unchanged 2, failed 0');
    expect(dump()).toEqual(before);
  });

  test('a changed record replaces its rows', async () => {
    const file = path.join(dir, 'results.jsonl');
    const db = path.join(dir, 'a.sqlite');
    fs.writeFileSync(file, jsonl(records));
    await cli(['archive', 'ingest', file, '--db', db]);
    const changed = record({ path: 'b.txt', date: '2022-04-01', org: '青溪县人民政府', officials: [['赵青', ['副县长']]] });
    fs.writeFileSync(file, jsonl([records[0], changed]));
    const run = await cli(['archive', 'ingest', file, '--db', db]);
    expect(run.stderr).toContain('added 0, replaced 1, unchanged 1');
    const d = openArchive(db, { readonly: true });
    expect(personsOf(d, '王宁')[0].appearances).toHaveLength(1);
    expect(personsOf(d, '赵青')).toHaveLength(1);
    expect((d.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(2);
    d.close();
  });

  test.each([
    ['not JSON', '{"schemaVersion": "1.1", ', /:2: not JSON/],
    ['another tool\'s JSON', '{"name": "x", "value": 3}', /:2: not a meeting-analyze record \(no schemaVersion\)/],
    ['an incompatible schema version', JSON.stringify({ ...records[1], schemaVersion: '2.0' }), /:2: incompatible record schema version "2\.0"/],
    ['a list, not a record', '[1, 2, 3]', /:2: not a meeting-analyze record/],
  ])('a bad line (%s) is an error naming file and line; the rest still ingests', async (_kind, bad, message) => {
    const file = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(records[0])}\n${bad}\n${JSON.stringify(records[1])}\n`);
    const run = await cli(['archive', 'ingest', file, '--db', path.join(dir, 'a.sqlite')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('mixed.jsonl:2:');
    expect(run.stderr).toContain('added 2, replaced 0, unchanged 0, failed 1');
  });

  test('error records and schema 1.0 records (no published) are read; stdin works', async () => {
    const old = { ...records[0], schemaVersion: '1.0' } as Record<string, unknown>;
    delete old.published;
    const lines = jsonl([old, { input: 'gone.txt', error: { code: 'NOT_FOUND', message: 'no such file' } }]);
    const run = await cli(['archive', 'ingest', '-', '--db', path.join(dir, 'a.sqlite')], lines);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('added 1, replaced 0, unchanged 0, failed 0, error records 1');
  });

  test('a read-only archive is one clear line and exit 4', async () => {
    const file = path.join(dir, 'results.jsonl');
    fs.writeFileSync(file, jsonl(records));
    const db = path.join(dir, 'a.sqlite');
    await cli(['archive', 'ingest', file, '--db', db]);
    const other = path.join(dir, 'other.jsonl');
    fs.writeFileSync(other, jsonl([record({ path: 'c.txt', date: '2022-05-01' })]));
    fs.chmodSync(db, 0o444);
    fs.chmodSync(dir, 0o555);
    try {
      const run = await cli(['archive', 'ingest', other, '--db', db]);
      // root ignores file modes: then the write simply succeeds.
      if (process.getuid?.() !== 0) {
        expect(run.code).toBe(4);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/a\.sqlite: .*read-only|cannot open/);
      }
    } finally {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(db, 0o644);
    }
  });

  test('a database locked by another writer is one clear line and exit 4', async () => {
    const db = path.join(dir, 'a.sqlite');
    openArchive(db).close();
    const holder = new Database(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const file = path.join(dir, 'results.jsonl');
      fs.writeFileSync(file, jsonl(records));
      const run = await cli(['archive', 'ingest', file, '--db', db]);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/^meeting-analyze: .*a\.sqlite: the archive is locked by another process/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  test('a file that is not an archive, and an archive of a newer schema, are exit 4', async () => {
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database at all, just text that is long enough to be read as a header');
    expect((await cli(['archive', 'people', '--db', junk])).code).toBe(4);
    const newer = path.join(dir, 'newer.sqlite');
    openArchive(newer).close();
    const d = new Database(newer);
    d.pragma(`user_version = ${ARCHIVE_SCHEMA_VERSION + 1}`);
    d.close();
    const run = await cli(['archive', 'people', '--db', newer]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('newer than this tool');
    const missing = await cli(['archive', 'people', '--db', path.join(dir, 'none.sqlite')]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('no such archive');
  });
});
