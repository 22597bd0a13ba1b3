/**
 * JSON Schema validation of the files the harness reads back (results files), with errors that name
 * the file, the line and the path of the bad field (`lanes[3].params.leverage: must be number`).
 *
 * @example const v = schemaValidator(path, 'lane'); v(doc, 'results.json', 'lanes[3]', 5)
 */
import { readFileSync } from 'node:fs';
import AjvModule, { type ErrorObject } from 'ajv';
import { DataError } from '../../engine/errors.js';

type Validate = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };
type AjvLike = { addSchema(s: unknown): void; getSchema(ref: string): Validate | undefined };

const compiled = new Map<string, AjvLike>();

function ajvFor(schemaFile: string): { ajv: AjvLike; id: string } {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $id: string };
  let ajv = compiled.get(schemaFile);
  if (!ajv) {
    const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
    ajv = new (Ajv as unknown as new (o: object) => AjvLike)({ allErrors: false, strict: false });
    ajv.addSchema(schema);
    compiled.set(schemaFile, ajv);
  }
  return { ajv, id: schema.$id };
}

/** `/params/long/0` under `lanes[3]` to `lanes[3].params.long[0]`. */
export function fieldPath(prefix: string, pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), prefix) || '(root)';
}

function describe(e: ErrorObject, prefix: string): { field: string; message: string } {
  if (e.keyword === 'required') return { field: fieldPath(prefix, e.instancePath, (e.params as { missingProperty: string }).missingProperty), message: 'required field is missing' };
  if (e.keyword === 'enum') return { field: fieldPath(prefix, e.instancePath), message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  if (e.keyword === 'const') return { field: fieldPath(prefix, e.instancePath), message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
  return { field: fieldPath(prefix, e.instancePath), message: e.message ?? e.keyword };
}

export type DocValidator = (doc: unknown, file: string, prefix: string, row?: number) => void;

/** A validator for `#/definitions/<name>` of `schemaFile`; it throws a DataError naming the field. */
export function schemaValidator(schemaFile: string, name: string): DocValidator {
  const { ajv, id } = ajvFor(schemaFile);
  const validate = ajv.getSchema(`${id}#/definitions/${name}`);
  if (!validate) throw new Error(`${schemaFile}: no definition ${name}`);
  return (doc, file, prefix, row) => {
    if (validate(doc)) return;
    const errors = (validate.errors ?? []).filter((e) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword));
    const chosen = [...(errors.length ? errors : validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const { field, message } = chosen ? describe(chosen, prefix) : { field: prefix || '(root)', message: 'invalid' };
    throw new DataError({ file, row, field }, message);
  };
}
