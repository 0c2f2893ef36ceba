// Bounds on what the drivers accept from a host. A hypervisor's honest output is far below
// these; anything above is a bug or an attack and is refused before parsing.
import { OutputError } from './errors';

/** Largest command output read at all (the runner stops reading beyond it). */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** Largest single text a parser accepts (dumpxml of a big domain is ~20 KiB). */
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;
/** Most lines a line-oriented parser looks at. */
export const MAX_LINES = 200_000;
/** Longest line a line-oriented parser looks at. */
export const MAX_LINE_CHARS = 64 * 1024;
/** Most domains one host may report. */
export const MAX_DOMAINS = 20_000;
/** Longest single field value kept (paths, names, models). */
export const MAX_FIELD_CHARS = 4096;

/** Check that output is text of at most MAX_PARSE_CHARS before any parser looks at it; the
 * OutputError names the source and `what` the text is ("output", "XML"). */
export function boundedText(source: string, text: string, what = 'output'): string {
  if (typeof text !== 'string') throw new OutputError(source, `expected text, got ${typeof text}`);
  if (text.length > MAX_PARSE_CHARS) {
    throw new OutputError(
      source,
      `${what} is ${text.length} characters, more than the limit of ${MAX_PARSE_CHARS}`,
    );
  }
  return text;
}

/** Split output into lines after checking its size; throws an OutputError naming the source. */
export function boundedLines(source: string, text: string): string[] {
  const lines = boundedText(source, text).split(/\r?\n/);
  if (lines.length > MAX_LINES) {
    throw new OutputError(source, `output has ${lines.length} lines, more than the limit of ${MAX_LINES}`);
  }
  const long = lines.findIndex((l) => l.length > MAX_LINE_CHARS);
  if (long >= 0) {
    throw new OutputError(
      source,
      `line is ${lines[long]?.length ?? 0} characters long (limit ${MAX_LINE_CHARS})`,
      long + 1,
    );
  }
  return lines;
}

/** Refuse an over-long field value instead of carrying it into the model. */
export function boundedField(source: string, what: string, value: string, line?: number): string {
  if (value.length > MAX_FIELD_CHARS) {
    throw new OutputError(
      source,
      `${what} is ${value.length} characters long (limit ${MAX_FIELD_CHARS})`,
      line,
    );
  }
  return value;
}
