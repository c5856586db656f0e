/** JSON Schema (draft-07) of one output record: an analysis result or an error record. */
const span = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2, description: '[start, end) offsets into the decoded input text (UTF-16 code units)' };
const nullableSpan = { anyOf: [span, { type: 'null' }] };
const str = { type: 'string' };
/** With --explain: the mechanism's id (docs/rules.md) and the spans it used; absent otherwise. */
const explanation = { rule: { type: 'string', pattern: '^[a-z]+(\\.[a-z0-9-]+)+$' }, evidence: { type: 'array', items: span, minItems: 1 } };
const textItem = { type: 'object', required: ['text', 'span'], additionalProperties: false, properties: { text: { type: 'string' }, span, ...explanation } };
const strings = { type: 'array', items: str };
const nullableStr = { type: ['string', 'null'] };

const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
/** An extracted item: its fields, all required, plus the optional explanation. */
const item = (properties: Record<string, unknown>) => {
  const schema = obj(properties);
  return { ...schema, properties: { ...properties, ...explanation } };
};

const result = obj(
  {
    schemaVersion: { const: '1.1' },
    input: obj({ path: str, encoding: str, chars: { type: 'integer', minimum: 0 } }),
    title: { anyOf: [textItem, { type: 'null' }] },
    published: {
      anyOf: [item({ date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, text: str, source: str, span }), { type: 'null' }],
    },
    meeting: {
      anyOf: [
        item({
          name: nullableStr,
          nameSpan: nullableSpan,
          organization: nullableStr,
          organizationSpan: nullableSpan,
          aliases: strings,
          date: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] },
          dateText: nullableStr,
          dateSpan: nullableSpan,
          yearSource: nullableStr,
          span,
        }),
        { type: 'null' },
      ],
    },
    officials: { type: 'array', items: item({ name: str, titles: strings, roles: strings, span, spans: { type: 'array', items: span } }) },
    people: { type: 'array', items: item({ name: str, role: str, span }) },
    frameworks: {
      type: 'array',
      items: item({
        formula: { type: 'string', pattern: '^[0-9A-Z]+(\\+[0-9A-Z]+)+$' },
        span,
        components: { type: 'array', items: item({ count: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[A-Z]$' }] }, label: str, span, items: { type: 'array', items: textItem } }) },
      }),
    },
    enumerations: { type: 'array', items: item({ count: { type: 'integer', minimum: 2 }, label: str, span, items: { type: 'array', items: textItem } }) },
    industries: { type: 'array', items: item({ name: str, span }) },
    slogans: { type: 'array', items: item({ text: str, span, parts: { type: 'array', items: textItem } }) },
    quantities: { type: 'array', items: item({ text: str, value: { type: 'number' }, unit: str, noun: nullableStr, span, spans: { type: 'array', items: span } }) },
    directives: { type: 'array', items: item({ verb: str, speaker: str, text: str, span }) },
    keywords: { type: 'array', items: item({ word: str, weight: { type: 'number' } }) },
    removed: { type: 'array', items: obj({ text: str, reason: str, span }) },
    warnings: {
      type: 'array',
      items: { type: 'object', required: ['code', 'message'], additionalProperties: false, properties: { code: str, message: str, span, at: str } },
    },
  },
);
// Optional: only records read from `--input jsonl` carry the caller's id.
(result.properties as Record<string, unknown>).id = str;

const errorRecord = {
  type: 'object',
  required: ['input', 'error'],
  additionalProperties: false,
  properties: { input: str, id: str, error: obj({ code: str, message: str }) },
};

export const OUTPUT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/meeting-analyze/meeting-analyze/schema/output-1.1.json',
  title: 'meeting-analyze output record',
  description: 'One record per input: an analysis result, or an error record for an input that could not be analysed.',
  oneOf: [result, errorRecord],
};
