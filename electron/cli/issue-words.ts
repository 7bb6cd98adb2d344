// A schema problem in plain words for the command line ("headers must be an object of names to
// values"), never the schema library's own wording ("Invalid input: expected record").
import type { z } from 'zod';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  record: 'an object',
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  nan: 'a number',
};

function typeWord(expected: unknown): string {
  return TYPE_WORDS[String(expected)] ?? `a ${String(expected)}`;
}

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'object') return 'an object';
  return `a ${typeof input}`;
}

/** The value at a path of the document that was checked (zod does not report it by default). */
function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function words(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is missing';
      return `must be ${typeWord(issue.expected)}, not ${received(value)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? `must be at least ${String(issue.minimum)} characters`
          : `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has more than ${String(issue.maximum)} items`
        : issue.origin === 'string'
          ? `must be at most ${String(issue.maximum)} characters`
          : `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has a field Headroom does not know: ${issue.keys.slice(0, 5).join(', ')}`;
    case 'invalid_union':
      return 'is not in any accepted form';
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'custom':
      return issue.message;
    default:
      return 'is not valid';
  }
}

/** The first schema problem as "where: what is wrong", e.g. `headers must be an object, not a list`. */
export function describeIssue(error: z.ZodError, doc: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'not valid';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the document';
  // Rules that say their own words start with a verb ("must be after cycleStart", "is not ...").
  return `${where} ${words(issue, valueAt(doc, issue.path))}`;
}
