// `npm run schema`: regenerate assets/site.schema.json from the loader's zod schemas,
// formatted the way the repository's Prettier check expects.
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { siteJsonSchemaText } from '../site/json-schema';
import { writeFileAtomic } from './atomic-file';

const target = path.join(import.meta.dirname, '../../assets/site.schema.json');
const options = (await resolveConfig(target)) ?? {};
const text = await format(siteJsonSchemaText(), { ...options, filepath: target });
await writeFileAtomic(target, text, { mode: 0o644 });
console.log(`wrote ${path.relative(process.cwd(), target)}`);
