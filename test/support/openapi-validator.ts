// Checks JSON values against schemas in OpenAI's published OpenAPI spec (../shared/openai/openapi.json).
//
// The fake OpenAI server checks every request body with this, and its self-test checks every event and
// body the fake emits, so neither our client code nor our fake can drift from the real API unnoticed.
//
// Compiling a schema of this spec takes a few hundred milliseconds, so there is one Ajv instance per
// process and each schema is compiled once, on first use.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsPlugin from 'ajv-formats';

/** The spec schemas tests check against. Extend the list when a test needs another one. */
export type SpecSchemaName =
  | 'CreateResponse'
  | 'CreateChatCompletionRequest'
  | 'ResponseStreamEvent'
  | 'Response'
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'ListModelsResponse'
  | 'Model'
  | 'ErrorResponse';

export type SpecCheck = { ok: true } | { ok: false; errors: string[] };

/** Where the spec lives: beside the repo, or wherever TANDEM_OPENAPI_SPEC points. */
export const OPENAPI_SPEC_PATH =
  process.env['TANDEM_OPENAPI_SPEC'] ?? fileURLToPath(new URL('../../../shared/openai/openapi.json', import.meta.url));

const SPEC_ID = 'https://tandem.invalid/openai/openapi.json';

// ajv-formats is published as CJS with `export default`; under ESM interop the plugin may sit on .default.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ??
  addFormatsPlugin) as typeof addFormatsPlugin;

let ajv: Ajv2020 | undefined;
const compiled = new Map<SpecSchemaName, ValidateFunction>();

/** Validates `value` against the named schema of the spec. */
export function checkAgainstSpec(name: SpecSchemaName, value: unknown): SpecCheck {
  const validate = validatorFor(name);
  if (validate(value)) return { ok: true };
  return { ok: false, errors: summarizeErrors(validate.errors ?? []) };
}

/** Compiles the named schemas now (e.g. in beforeAll) so the first request does not pay for it. */
export function warmUpSpecValidators(...names: SpecSchemaName[]): void {
  for (const name of names) validatorFor(name);
}

function validatorFor(name: SpecSchemaName): ValidateFunction {
  const cached = compiled.get(name);
  if (cached) return cached;
  const validate = loadAjv().compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
  compiled.set(name, validate);
  return validate;
}

function loadAjv(): Ajv2020 {
  if (ajv) return ajv;
  if (!fs.existsSync(OPENAPI_SPEC_PATH)) {
    throw new Error(
      `The OpenAI spec was not found at ${OPENAPI_SPEC_PATH}; put openapi.json there or set TANDEM_OPENAPI_SPEC to its path.`,
    );
  }
  const spec = JSON.parse(fs.readFileSync(OPENAPI_SPEC_PATH, 'utf8')) as { components?: { schemas?: unknown } };
  if (!spec.components?.schemas) throw new Error(`${OPENAPI_SPEC_PATH} has no components.schemas`);

  const instance = new Ajv2020({ strict: false, allErrors: true });
  addFormats(instance);
  // The spec marks Unix timestamps with a custom format; any integer number of seconds is fine here.
  instance.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  // Registering the components under one $id lets every internal "#/components/schemas/X" $ref resolve.
  instance.addSchema({ $id: SPEC_ID, components: { schemas: rewriteNullable(spec.components.schemas) } });
  ajv = instance;
  return instance;
}

/**
 * The spec is OpenAPI 3.1 but still carries 3.0's `nullable: true` in places; JSON Schema 2020-12 has no
 * such keyword (Ajv refuses it), so each one is rewritten as an explicit `null` alternative.
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (node === null || typeof node !== 'object') return node;

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteNullable(value);
  const nullable = out['nullable'];
  delete out['nullable'];
  if (nullable !== true) return out;

  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  if (typeof out['type'] === 'string') return { ...out, type: [out['type'], 'null'] };
  if (Array.isArray(out['type'])) return out['type'].includes('null') ? out : { ...out, type: [...out['type'], 'null'] };
  // No `type` next to it (typically a `$ref`): either the schema or null.
  return { anyOf: [out, { type: 'null' }] };
}

/**
 * Ajv reports every failed branch of every anyOf/oneOf, which buries the real problem. The errors at the
 * deepest instance path are the most specific, so those come first; the list is capped to stay readable.
 */
function summarizeErrors(errors: ErrorObject[]): string[] {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const sorted = [...errors].sort((a, b) => depth(b) - depth(a));
  const lines: string[] = [];
  for (const error of sorted) {
    const line = `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${formatParams(error)}`;
    if (!lines.includes(line)) lines.push(line);
    if (lines.length === 6) break;
  }
  return lines;
}

function formatParams(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return ` (${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')})`;
  }
  if (error.keyword === 'additionalProperties') return ` (${String(params['additionalProperty'])})`;
  return '';
}
