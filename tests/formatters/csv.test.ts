import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { BOM, csv, csvCell, csvFiles, toCsv } from '../../src/formatters/csv';
import { FORMATTERS } from '../../src/formatters';
import type { AnalysisResult, ErrorRecord } from '../../src/types';
import { analyze } from '../helpers';

const FIXTURE = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'zibo-2022.txt'), 'utf8');

/** A hand-built result with every kind of hostile cell. */
function hostile(): AnalysisResult {
  const span: [number, number] = [0, 1];
  return {
    schemaVersion: '1.1',
    published: null,
    input: { path: 'dir,with "quotes"/a.txt', encoding: 'utf-8', chars: 10 },
    title: { text: '=HYPERLINK("http://x","点我")', span },
    meeting: null,
    officials: [
      { name: '+张三', titles: ['-1+1', '@SUM(A1)'], roles: ['出席'], span, spans: [span] },
      { name: '李四', titles: ['区长\n兼书记'], roles: [], span, spans: [span, span] },
    ],
    people: [],
    frameworks: [{ formula: '1+2', span, components: [{ count: 2, label: '两项"任务"', span, items: [{ text: '\tcmd', span: [3, 5] }, { text: '\rx', span: [6, 8] }] }] }],
    enumerations: [{ count: 3, label: '三大产业', span: [9, 10], items: [] }],
    industries: [{ name: '=1+1', span: [2, 4] }],
    slogans: [],
    quantities: [],
    directives: [],
    keywords: [],
    removed: [],
    warnings: [],
  };
}

const rows = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

describe('csv cells', () => {
  test('RFC 4180 quoting: comma, quote and line breaks quoted, quotes doubled', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  test('cells that a spreadsheet would evaluate are neutralised with a leading apostrophe', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvCell('1+3+3+3')).toBe('1+3+3+3');
  });

  test('toCsv starts with a BOM and ends every record with CRLF', () => {
    const text = toCsv(['a', 'b'], [[1, 'x']]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toBe('\ufeffa,b\r\n1,x\r\n');
  });
});

describe('csv files', () => {
  test('one file per record type, each with a BOM', () => {
    const files = csvFiles([analyze(FIXTURE)]);
    expect(Object.keys(files).sort()).toEqual(['documents.csv', 'industries.csv', 'items.csv', 'officials.csv']);
    for (const content of Object.values(files)) expect(content.charCodeAt(0)).toBe(0xfeff);
  });

  test('the fixture round-trips through a CSV parser', () => {
    const result = analyze(FIXTURE);
    const files = csvFiles([result]);
    expect(rows(files['officials.csv'])).toEqual([
      ['document', 'name', 'titles', 'roles', 'mentions', 'span_start', 'span_end'],
      ['test.txt', '袁良', '市委常委、秘书长、区工委书记', '出席、讲话', '2', '79', '95'],
      ['test.txt', '王鉴', '区工委副书记、管委会主任', '主持、通报', '3', '101', '115'],
    ]);
    const items = rows(files['items.csv']);
    expect(items[0]).toEqual(['document', 'kind', 'formula', 'count', 'label', 'item_no', 'item', 'span_start', 'span_end']);
    expect(items.filter((r) => r[1] === 'component' && r[4] === '三大重点任务').map((r) => r[6])).toEqual(['起步区', '产业园区', '基础设施建设']);
    expect(items.filter((r) => r[1] === 'enumeration' && r[4] === '三大主导产业').map((r) => r[6])).toEqual(['高端装备制造', '新材料', '数字经济']);
    // Each item's span points at its text in the input.
    for (const r of items.slice(1)) if (r[6]) expect(FIXTURE.slice(Number(r[7]), Number(r[8]))).toBe(r[6]);
    expect(rows(files['industries.csv']).slice(1).map((r) => r[1])).toEqual(['高端装备制造', '新材料', '数字经济']);
    const docs = rows(files['documents.csv']);
    expect(docs[1].slice(0, 8)).toEqual(['test.txt', '淄博经济开发区召开2022年工作动员大会', '2022年工作动员大会', '淄博经济开发区', '2022-02-08', '2月8日', '袁良、王鉴', '1+3+3+3']);
  });

  test('hostile values: quoting survives the round trip and formulas come back inert', () => {
    const files = csvFiles([hostile()]);
    const officials = rows(files['officials.csv']);
    expect(officials[1]).toEqual(['dir,with "quotes"/a.txt', "'+张三", "'-1+1、@SUM(A1)", '出席', '1', '0', '1']);
    expect(officials[2][2]).toBe('区长\n兼书记');
    const items = rows(files['items.csv']);
    expect(items.slice(1).map((r) => [r[4], r[6]])).toEqual([
      ['两项"任务"', "'\tcmd"],
      ['两项"任务"', "'\rx"],
      ['三大产业', ''],
    ]);
    expect(rows(files['industries.csv'])[1][1]).toBe("'=1+1");
    expect(rows(files['documents.csv'])[1][1]).toBe(`'=HYPERLINK("http://x","点我")`);
    // No parsed cell anywhere starts with a formula trigger.
    for (const content of Object.values(files)) for (const row of rows(content)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test('an input that failed is a documents row with its error', () => {
    const error: ErrorRecord = { input: 'missing.txt', error: { code: 'NOT_FOUND', message: 'no such file' } };
    const docs = rows(csv([error, hostile()], { color: false }));
    expect(docs).toHaveLength(3);
    expect(docs[1][0]).toBe('missing.txt');
    expect(docs[1].slice(-2)).toEqual(['NOT_FOUND', 'no such file']);
  });

  test('registered as a formatter with files', () => {
    expect(FORMATTERS.csv).toBe(csv);
    expect(typeof FORMATTERS.csv.files).toBe('function');
  });
});
