import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { analyze } from '../src/analyzer';
import { OUTPUT_SCHEMA } from '../src/schema';
import type { AnalysisResult } from '../src/types';

const ROOT = path.join(__dirname, '..');
const textFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => path.join(dir, name));
/** The test fixtures: the project's sample articles plus invented ones that exercise every rule. */
const FIXTURES = [...textFiles(path.join(ROOT, 'fixtures')), ...textFiles(path.join(ROOT, 'tests', 'fixtures')), ...textFiles(path.join(ROOT, 'tests', 'fixtures', 'rules'))];
const validate = new Ajv({ strict: false, allErrors: true }).compile(OUTPUT_SCHEMA);

const run = (file: string, explain: boolean) => analyze({ text: fs.readFileSync(file, 'utf8'), path: path.relative(ROOT, file) }, { explain });

/** Every item object of a result: anything with a span or a keyword, nested ones included. */
function items(result: AnalysisResult): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if ('span' in object || 'word' in object) found.push(object);
      for (const [key, field] of Object.entries(object)) if (key !== 'evidence' && key !== 'spans') walk(field);
    }
  };
  const { removed: _removed, warnings: _warnings, input: _input, ...fields } = result;
  walk(fields);
  return found;
}

/** The rule ids docs/rules.md lists: the first column of its table. */
function documentedRules(): Set<string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([a-z]+\.[a-z0-9.-]+)` \|/gm)].map((m) => m[1]));
}

describe('rules (--explain)', () => {
  const explained = FIXTURES.map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), result: run(file, true) }));

  test('every item carries a rule and evidence spans that lie inside the input; the result validates', () => {
    for (const { file, text, result } of explained) {
      expect(validate(result)).toBe(true);
      for (const item of items(result)) {
        expect({ file, item, rule: typeof item.rule }).toMatchObject({ rule: 'string' });
        if ('span' in item) {
          const evidence = item.evidence as Array<[number, number]>;
          expect(evidence.length).toBeGreaterThan(0);
          for (const [start, end] of evidence) expect(0 <= start && start <= end && end <= text.length).toBe(true);
        }
      }
    }
  });

  test('every rule id emitted on the fixtures is documented in docs/rules.md, and every documented id is emitted', () => {
    const emitted = new Set(explained.flatMap(({ result }) => items(result).map((item) => item.rule as string)));
    const documented = documentedRules();
    expect([...emitted].filter((rule) => !documented.has(rule)).sort()).toEqual([]);
    expect([...documented].filter((rule) => !emitted.has(rule)).sort()).toEqual([]);
  });

  test('without --explain no item has a rule or evidence, and the rest of the result is the same', () => {
    for (const { file, result } of explained) {
      const plain = run(file, false);
      expect(JSON.stringify(plain)).not.toMatch(/"rule"|"evidence"/);
      const strip = (key: string, value: unknown) => (key === 'rule' || key === 'evidence' ? undefined : value);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(result, strip));
    }
  });

  test.each([
    ['县委书记林志远出席会议。', '林志远', 'official.title-before-name', '县委书记'],
    ['副区长周晓梅、陈立新参加会议。', '陈立新', 'official.shared-title-chain', '副区长'],
    ['会上，王海涛副市长作了部署。', '王海涛', 'official.name-before-title', '副市长'],
  ])('an official says how it was read and which title it rests on: %s', (text, name, rule, title) => {
    const result = analyze({ text }, { explain: true });
    const official = result.officials.find((o) => o.name === name)!;
    expect(official.rule).toBe(rule);
    expect(official.evidence!.map(([s, e]) => text.slice(s, e))).toContain(title);
  });
});
