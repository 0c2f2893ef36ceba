// zod issues -> findings that say what is wrong and why, in the words of the site file
// ("vm web1 has no memoryGiB ..."), with a stable code per kind of fault.
import { z } from 'zod';
import { didYouMean } from './did-you-mean';
import type { Finding, Path } from './findings';
import { describeType, snippet } from './findings';
import { KIND_WORD } from './kinds';
import { MAX_DIAGNOSTICS } from './limits';
import { PATTERNS } from './shape';

type Issue = z.core.$ZodIssue;

export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, seg) ? (v as Record<string, unknown>)[seg] : undefined;
  }
  return v;
}

/** Unwrap optional/nullable/default wrappers to the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as z.ZodType;
    } else break;
  }
  return s;
}

/** The schema at a path inside `schema`, if the path follows its shape. */
function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    const u: z.ZodType = unwrap(s);
    if (u instanceof z.ZodObject && typeof seg === 'string') s = (u.shape as Record<string, z.ZodType>)[seg];
    else if (u instanceof z.ZodArray && typeof seg === 'number') s = u.element as z.ZodType;
    else return undefined;
    if (!s) return undefined;
  }
  return s;
}

function descriptionAt(schema: z.ZodType, path: Path): string | undefined {
  const s = schemaAt(schema, path);
  if (!s) return undefined;
  let cur: z.ZodType = s;
  for (let i = 0; i < 8; i++) {
    if (cur.description) return cur.description;
    const next = unwrap(cur);
    if (next === cur) break;
    cur = next;
  }
  return undefined;
}

function keysAt(schema: z.ZodType, path: Path): string[] {
  const s = schemaAt(schema, path);
  const u = s && unwrap(s);
  return u instanceof z.ZodObject ? Object.keys(u.shape) : [];
}

/** "tags[2]" or "memoryGiB": the field as the user wrote it. */
function label(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return typeof parent === 'string' ? `${parent}[${last}]` : `item ${last}`;
  }
  return last === undefined ? 'the file' : last;
}

/** "vm web1", "this container" or "site": who owns the path, for missing and unknown keys. */
function owner(root: unknown, path: Path): string {
  const [section, index] = path;
  if (typeof section === 'string' && typeof index === 'number' && section in KIND_WORD) {
    const name = valueAt(root, [section, index, 'name']);
    const kind = KIND_WORD[section as keyof typeof KIND_WORD];
    const head = typeof name === 'string' && name.length <= 64 ? `${kind} ${name}` : `${kind} #${index + 1}`;
    const inner = path.slice(2).filter((s) => typeof s === 'string');
    return inner.length ? `${inner.join('.')} of ${head}` : head;
  }
  return path.length === 0 ? 'the top level of the file' : label(path);
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function withDesc(desc: string | undefined): string {
  return desc ? ` (${desc})` : '';
}

function customMessage(code: string, what: string, value: unknown): string {
  switch (code) {
    case 'invalid-ip':
      return `${what} ${snippet(value)} is not an IPv4 address (four numbers 0-255 without leading zeros, e.g. 10.20.0.15)`;
    case 'invalid-cidr':
      return `${what} ${snippet(value)} is not an IPv4 network in CIDR form (e.g. 10.20.0.0/24)`;
    case 'invalid-mac':
      return `${what} ${snippet(value)} is not a MAC address (six hex pairs, e.g. 52:54:00:12:34:56)`;
    case 'invalid-address':
      return `${what} ${snippet(value)} is neither an IPv4 address nor a DNS host name`;
    case 'fractional-mib':
      return `${what} ${snippet(value)} GiB is ${typeof value === 'number' ? value * 1024 : '?'} MiB, not a whole number of MiB; memory is counted in whole MiB`;
    default:
      return `${what} ${snippet(value)} is not valid`;
  }
}

/** Findings for one zod issue; `prefix` places the checked value in the file. */
export function issueFindings(issue: Issue, prefix: Path, root: unknown, schema: z.ZodType): Finding[] {
  const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = [...prefix, ...rel];
  const value = valueAt(root, path);
  const what = label(path);
  const desc = descriptionAt(schema, rel);
  const error = (code: string, message: string, p: Path = path, at?: 'key'): Finding => ({
    code,
    message,
    severity: 'error',
    path: p,
    ...(at ? { at } : {}),
  });

  // A required key that is absent: zod says invalid_type, or invalid_value for enums.
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    const parent = path.slice(0, -1);
    const options = issue.code === 'invalid_value' ? `, one of ${issue.values.map(String).join(', ')}` : '';
    const message = `${owner(root, parent)} has no "${what}"${withDesc(desc)}${options}, which is required`;
    return [error('missing-key', message, parent)];
  }

  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return [
        error('wrong-type', `${what} must be ${expected}${withDesc(desc)}, not ${describeType(value)}`),
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const hint = typeof value === 'string' ? didYouMean(value, options) : '';
      return [
        error('invalid-value', `${what} must be one of ${options.join(', ')}, not ${snippet(value)}${hint}`),
      ];
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') {
        return [
          error(
            'too-few',
            `${what} needs at least ${min} ${min === 1 ? 'entry' : 'entries'}${withDesc(desc)}`,
          ),
        ];
      }
      if (issue.origin === 'string') return [error('empty', `${what} must not be empty${withDesc(desc)}`)];
      const bound = issue.inclusive ? `at least ${min}` : `more than ${min}`;
      return [error('out-of-range', `${what} must be ${bound}${withDesc(desc)}, not ${snippet(value)}`)];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : '?';
        return [error('too-many', `${what} has ${n} entries, more than the limit of ${max}`)];
      }
      if (issue.origin === 'string') {
        const n = typeof value === 'string' ? value.length : '?';
        return [error('too-long', `${what} is ${n} characters long, more than the limit of ${max}`)];
      }
      const bound = issue.inclusive ? `at most ${max}` : `less than ${max}`;
      return [error('out-of-range', `${what} must be ${bound}${withDesc(desc)}, not ${snippet(value)}`)];
    }
    case 'invalid_format': {
      const p = Object.values(PATTERNS).find(
        (x) => issue.format === 'regex' && String(x.re) === issue.pattern,
      );
      if (p) return [error(p.code, `${what} ${snippet(value)} is not allowed: use ${p.rule}`)];
      return [error('invalid-format', `${what} ${snippet(value)} has the wrong format${withDesc(desc)}`)];
    }
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'invalid-value';
      return [error(code, customMessage(code, what, value))];
    }
    case 'unrecognized_keys': {
      const known = keysAt(schema, rel);
      const where = owner(root, path);
      // A mapping with 300,000 stray keys gets the first few hundred reported, then one summary.
      const shown = issue.keys.slice(0, MAX_DIAGNOSTICS);
      const out = shown.map((key) => {
        const hint = didYouMean(key, known) || ` (known keys: ${known.join(', ')})`;
        return error('unknown-key', `unknown key ${snippet(key)} in ${where}${hint}`, [...path, key], 'key');
      });
      const more = issue.keys.length - shown.length;
      if (more > 0) out.push(error('unknown-key', `and ${more} more unknown keys in ${where}`, path));
      return out;
    }
    default:
      return [error('shape', `${what}: ${issue.message}`)];
  }
}
