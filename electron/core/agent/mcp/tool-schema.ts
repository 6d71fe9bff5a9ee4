/**
 * An MCP tool's input schema made acceptable as a function's `parameters` on both OpenAI APIs: an object
 * schema at the top (the APIs refuse anything else there, including a top-level anyOf / oneOf / enum),
 * with `properties`, without `$schema`. Nested parts are passed on as the server wrote them; the server
 * validates the arguments it receives.
 */
const TOP_LEVEL_DROPPED = ['$schema', '$id', 'anyOf', 'oneOf', 'allOf', 'not', 'enum', 'const', 'if', 'then', 'else'];

export function functionParameters(inputSchema: unknown): Record<string, unknown> {
  const schema: Record<string, unknown> = typeof inputSchema === 'object' && inputSchema !== null && !Array.isArray(inputSchema) ? { ...inputSchema } : {};
  for (const key of TOP_LEVEL_DROPPED) delete schema[key];
  schema.type = 'object';
  if (typeof schema.properties !== 'object' || schema.properties === null || Array.isArray(schema.properties)) schema.properties = {};
  if (schema.required !== undefined && !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string'))) delete schema.required;
  return schema;
}
