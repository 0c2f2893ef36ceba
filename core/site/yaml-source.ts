// Parse YAML text into one yaml Document, bounded: the lexer feeds the parser one token at a
// time and we stop as soon as collections nest deeper than MAX_DEPTH, before the recursive
// composer could exhaust the stack or memory (10,000 "[" is enough to do that).
import { Composer, Lexer, LineCounter, Parser } from 'yaml';
import type { Document } from 'yaml';
import type { Finding } from './findings';
import { MAX_DEPTH } from './limits';

export interface ParsedYaml {
  /** null when the text could not be turned into a document at all. */
  doc: Document.Parsed | null;
  lineCounter: LineCounter;
  findings: Finding[];
}

const yamlFinding = (
  code: string,
  message: string,
  offset: number,
  severity: Finding['severity'] = 'error',
) => ({ code, message, severity, path: [], offset }) satisfies Finding;

/** yaml's error codes that deserve their own diagnostic code; the rest are "yaml-syntax". */
function codeOf(yamlCode: string): string {
  if (yamlCode === 'DUPLICATE_KEY') return 'duplicate-key';
  if (yamlCode === 'TAB_AS_INDENT') return 'yaml-tab';
  return 'yaml-syntax';
}

/** yaml messages sometimes end with " at line L, column C" or a source excerpt: keep the sentence. */
function cleanMessage(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const tokens = [];
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack holds the document plus one entry per open collection.
    if (parser.stack.length > MAX_DEPTH + 1) {
      const message = `collections are nested more than ${MAX_DEPTH} levels deep here; a site file needs far fewer, and deeper input is refused to keep the parser safe`;
      return { doc: null, lineCounter, findings: [yamlFinding('too-deep', message, offset)] };
    }
    offset += lexeme.length;
  }
  for (const token of parser.end()) tokens.push(token);

  // uniqueKeys is off because yaml checks it in quadratic time (a 300,000-key map takes
  // minutes); ./yaml-values.ts reports duplicate keys in one linear pass instead.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true });
  const docs = [...composer.compose(tokens, true, text.length)];
  const findings: Finding[] = [];
  const [doc, second] = docs;
  if (second) {
    findings.push(
      yamlFinding(
        'multiple-documents',
        'the file holds more than one YAML document ("---"); a site file is exactly one document',
        second.range[0],
      ),
    );
  }
  if (!doc) return { doc: null, lineCounter, findings };
  // After the first syntax error the parser is guessing, so later errors mostly echo it:
  // report the first one and say how many follow.
  const [first, ...rest] = doc.errors;
  if (first) {
    const more = rest.length
      ? ` (${rest.length} more YAML errors follow, most likely caused by this one)`
      : '';
    findings.push(yamlFinding(codeOf(first.code), `${cleanMessage(first.message)}${more}`, first.pos[0]));
  }
  for (const w of doc.warnings)
    findings.push(yamlFinding('yaml-warning', cleanMessage(w.message), w.pos[0], 'warning'));
  return { doc, lineCounter, findings };
}
