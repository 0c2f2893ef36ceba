// Site files: load (parse + validate + normalise), the file schema, and limits.
//   loadSite(text, fileName) -> { site, diagnostics }   pure; see docs/site-file.md
//   hasErrors(diagnostics)                             whether any finding is an error
//   fileSchema / siteJsonSchema()                      the file format (zod / JSON Schema)
export { loadSite, hasErrors, utf8Length } from './load';
export type { LoadResult } from './load';
export { fileSchema, PATTERNS } from './shape';
export { MAX_FILE_BYTES, MAX_DEPTH, MAX_ALIAS_EXPANSION, MAX_SECTION, MAX_DIAGNOSTICS } from './limits';
