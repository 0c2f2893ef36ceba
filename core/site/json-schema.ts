// The JSON Schema of the site file, for editor completion and checking (e.g. the YAML
// language server: "# yaml-language-server: $schema=../assets/site.schema.json"). Generated
// from the same zod schemas the loader uses; `npm run schema` writes assets/site.schema.json
// and a unit test fails when the checked-in file is stale.
import { z } from 'zod';
import { fileSchema } from './shape';

export function siteJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what people write (defaulted keys are optional); refinements such
  // as IP syntax are not expressible and stay the loader's job.
  const schema = z.toJSONSchema(fileSchema, { io: 'input', unrepresentable: 'any' });
  return {
    $comment: 'Generated from core/site/shape.ts by `npm run schema`; do not edit by hand.',
    ...schema,
  };
}

/** The file's exact text: stable key order, two-space indent, final newline. */
export function siteJsonSchemaText(): string {
  return `${JSON.stringify(siteJsonSchema(), null, 2)}\n`;
}
