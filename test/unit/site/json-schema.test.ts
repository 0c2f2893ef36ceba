// assets/site.schema.json is generated (npm run schema); this fails when it is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteJsonSchema } from '../../../core/site/json-schema';
import { SECTION_NAMES } from '../../../core/site/shape';

const checkedIn = JSON.parse(
  readFileSync(new URL('../../../assets/site.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('site JSON Schema', () => {
  it('matches what the loader schemas generate (run `npm run schema` if not)', () => {
    expect(checkedIn).toEqual(siteJsonSchema());
  });

  it('describes every section, refuses unknown keys and requires version and site', () => {
    const props = checkedIn.properties as Record<string, { items?: { additionalProperties?: boolean } }>;
    expect(Object.keys(props).sort()).toEqual(['site', 'version', ...SECTION_NAMES].sort());
    expect(checkedIn.required).toEqual(['version', 'site']);
    expect(checkedIn.additionalProperties).toBe(false);
    for (const s of SECTION_NAMES) expect(props[s]?.items?.additionalProperties, s).toBe(false);
  });
});
