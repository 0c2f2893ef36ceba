// Site files: load (parse + validate + normalise), write back, the file schema, and limits.
//   loadSite(text, fileName) -> { site, diagnostics }   pure; see docs/site-file.md
//   hasErrors(diagnostics)                             whether any finding is an error
//   serialiseSite(site, header?)                       model -> site file text (inverse of loadSite)
//   fileSchema / siteJsonSchema()                      the file format (zod / JSON Schema)
export { loadSite, hasErrors, utf8Length } from './load';
export type { LoadResult } from './load';
export { serialiseSite, siteToFileObject } from './serialise';
export { siteJsonSchema } from './json-schema';
export { fileSchema, PATTERNS } from './shape';
export { MAX_FILE_BYTES, MAX_DEPTH, MAX_ALIAS_EXPANSION, MAX_SECTION, MAX_DIAGNOSTICS } from './limits';
