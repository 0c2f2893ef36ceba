// `npm run bench [-- SUITE [ARGS...]]`: runs one benchmark suite, or every suite in turn.
// Each suite lives in bench/suites/NAME.ts and exports `run(args: string[]): Promise<void>`;
// suites measure a baseline in the same run and print ratios against it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Suite {
  run(args: string[]): Promise<void>;
  /** Suites that need root, a lab or minutes of time say so; `npm run bench` alone skips them. */
  heavy?: boolean;
}

const dir = path.join(import.meta.dirname, 'suites');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

async function load(name: string): Promise<Suite> {
  return (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as Suite;
}

const [name, ...rest] = process.argv.slice(2);
if (name && !names.includes(name)) {
  console.error(`Unknown benchmark suite "${name}". Suites: ${names.join(', ')}`);
  process.exit(2);
}
for (const n of name ? [name] : names) {
  const suite = await load(n);
  if (!name && suite.heavy) {
    console.error(`# ${n}: skipped in the full run (heavy); run it alone with: npm run bench -- ${n}`);
    continue;
  }
  console.error(`# suite ${n}`);
  await suite.run(rest);
}
