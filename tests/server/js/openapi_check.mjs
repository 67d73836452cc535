// Checks docs/api/openapi.yaml with independent tools, as a client generator or a gateway
// would read it:
//  * `yaml` (npm, strict YAML 1.2): the file must parse with no error or warning, and no
//    duplicate key;
//  * `@seriousme/openapi-schema-validator` (npm): the document must be OpenAPI 3.1 and match
//    the OpenAPI 3.1 JSON schema, and every local $ref must resolve.
// Prints the errors and exits 1 when the document is invalid. Fails (never skips) when
// node_modules is missing.
// Usage: node openapi_check.mjs PATH/TO/openapi.yaml
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const pkg of ['yaml', '@seriousme/openapi-schema-validator']) {
  if (!existsSync(join(here, 'node_modules', pkg))) {
    console.error(`FAIL: ${here}/node_modules/${pkg} is missing; run npm ci in tests/server/js`);
    process.exit(1);
  }
}
const { parseDocument } = await import('yaml');
const { Validator } = await import('@seriousme/openapi-schema-validator');

const MAX_SHOWN = 10;

function fail(what, errors) {
  console.error(`FAIL: ${what} (${errors.length} error(s))`);
  for (const e of errors.slice(0, MAX_SHOWN)) console.error(`  ${e}`);
  if (errors.length > MAX_SHOWN) console.error(`  ... ${errors.length - MAX_SHOWN} more`);
  process.exit(1);
}

// The YAML text to a plain object; every parse error or warning fails the check.
function loadYaml(path) {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message.split('\n')[0]);
  if (problems.length) fail(`${path} is not valid YAML`, problems);
  return doc.toJS();
}

function schemaErrors(result) {
  if (typeof result.errors === 'string') return [result.errors];
  return (result.errors ?? []).map((e) =>
    e.instancePath !== undefined ? `${e.instancePath || '/'}: ${e.message}` : JSON.stringify(e));
}

const [path] = process.argv.slice(2);
if (!path) {
  console.error('usage: node openapi_check.mjs PATH/TO/openapi.yaml');
  process.exit(2);
}
const spec = loadYaml(path);
if (typeof spec?.openapi !== 'string' || !spec.openapi.startsWith('3.1.')) {
  fail(`${path} is not an OpenAPI 3.1 document`, [`openapi: ${JSON.stringify(spec?.openapi)}`]);
}
const validator = new Validator();
const result = await validator.validate(spec);
if (!result.valid) fail(`${path} does not match the OpenAPI 3.1 schema`, schemaErrors(result));
const paths = Object.keys(spec.paths ?? {}).length;
console.log(`ok: ${path} is valid OpenAPI ${spec.openapi} (${paths} paths)`);
