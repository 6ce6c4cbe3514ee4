// Validates every AsyncAPI description under docs/ (docs/*asyncapi*.yaml) with the AsyncAPI parser, whose
// Spectral rules check the document against the AsyncAPI 3.0 schema, resolve every $ref and check the payload
// schemas. Prints every diagnostic; exits 1 when any has error severity (or a document cannot be read at all), so
// ops-tests' AsyncApiValidationTest fails the build on it.
//
// Usage: node validate-asyncapi.mjs [docs directory]   (default: ../../docs, from this file)
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';

const here = dirname(fileURLToPath(import.meta.url));
const docs = resolve(process.argv[2] ?? join(here, '..', '..', 'docs'));
const files = readdirSync(docs)
  .filter((name) => /asyncapi.*\.ya?ml$/.test(name))
  .sort()
  .map((name) => join(docs, name));

if (files.length === 0) {
  console.error(`no *asyncapi*.yaml under ${docs}`);
  process.exit(1);
}

const severityName = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const parser = new Parser();
let failed = false;
for (const file of files) {
  const name = relative(process.cwd(), file);
  let output;
  try {
    output = await fromFile(parser, file).parse();
  } catch (e) {
    console.error(`${name}: cannot be parsed: ${e.stack ?? e}`);
    failed = true;
    continue;
  }
  const { document, diagnostics } = output;
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  for (const d of diagnostics) {
    const line = d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : '-';
    const at = d.path && d.path.length ? ` at ${d.path.join('.')}` : '';
    console.log(`${name}:${line} ${severityName[d.severity] ?? d.severity} ${d.code}: ${d.message}${at}`);
  }
  if (errors.length > 0 || !document) {
    failed = true;
    console.log(`${name}: INVALID (${errors.length} errors, ${diagnostics.length - errors.length} other diagnostics)`);
  } else {
    const channels = document.channels().all().map((c) => c.address()).join(', ');
    const messages = document.messages().all().length;
    console.log(`${name}: valid AsyncAPI ${document.version()} (${channels}; ${messages} messages; `
      + `${diagnostics.length} non-error diagnostics)`);
  }
}
process.exit(failed ? 1 : 0);
