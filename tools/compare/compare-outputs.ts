/**
 * Compare two JSONL runs of the CLI record by record (keyed by input path) and list which top-level fields changed:
 *   git stash; npm run build; node bin/meeting-analyze.js --format jsonl --jobs 1 ../shared/corpus > before.jsonl
 *   git stash pop; npm run build; node bin/meeting-analyze.js --format jsonl --jobs 1 ../shared/corpus > after.jsonl
 *   npm run build:tools && node dist-tools/compare/compare-outputs.js before.jsonl after.jsonl [--verbose]
 * Exit 0 when identical, 1 when any record differs.
 */
import * as fs from 'fs';

type Record = { [key: string]: unknown };

function load(file: string): Map<string, Record> {
  const records = new Map<string, Record>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as Record;
    const input = record.input as { path?: string } | string;
    records.set(typeof input === 'string' ? input : String(input?.path), record);
  }
  return records;
}

const [beforeFile, afterFile] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const verbose = process.argv.includes('--verbose');
if (!beforeFile || !afterFile) {
  console.error('usage: compare-outputs <before.jsonl> <after.jsonl> [--verbose]');
  process.exit(2);
}
const before = load(beforeFile);
const after = load(afterFile);
let changed = 0;
for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
  const a = before.get(key) ?? {};
  const b = after.get(key) ?? {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
  if (!fields.length) continue;
  changed++;
  console.log(`${key}: ${fields.join(', ')}`);
  if (verbose) {
    for (const field of fields) {
      console.log(`  - ${JSON.stringify(a[field]).slice(0, 400)}`);
      console.log(`  + ${JSON.stringify(b[field]).slice(0, 400)}`);
    }
  }
}
console.log(`${changed} of ${new Set([...before.keys(), ...after.keys()]).size} records differ`);
process.exit(changed ? 1 : 0);
