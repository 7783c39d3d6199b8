import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: query strings and path params arrive as text and are coerced ("500" → 500); bodies
 * are JSON and are never coerced, so a string in `data` is an error, not a number.
 */
const common = { allErrors: false, removeAdditional: false as const, useDefaults: true, strict: false };
const coercing = new Ajv({ ...common, coerceTypes: 'array' });
const exact = new Ajv({ ...common, coerceTypes: false });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? exact : coercing;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** "/data/3" → "data[3]"; "/order/0" → "order[0]". */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

const MESSAGES: Record<string, (e: ErrorObject) => string> = {
  type: (e) => `must be ${String(e.params.type).replace(',', ' or ')}`,
  required: () => 'is required',
  additionalProperties: () => 'is not a known field',
};

/** Ajv errors → JSend `fail` data: {field: message}, naming the field the caller got wrong. */
export function validationFields(errors: ErrorObject[], context: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    let field = fieldPath(e.instancePath);
    if (e.keyword === 'required') field = field ? `${field}.${e.params.missingProperty}` : String(e.params.missingProperty);
    if (e.keyword === 'additionalProperties') field = field ? `${field}.${e.params.additionalProperty}` : String(e.params.additionalProperty);
    if (!field) field = context ?? 'body';
    fields[field] = (MESSAGES[e.keyword] ?? ((x: ErrorObject) => x.message ?? 'is invalid'))(e);
  }
  return fields;
}
