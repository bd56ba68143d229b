/**
 * Walks a config value against the TypeBox schema and reports every problem with
 * its dotted path (`devices.printer.port: required`). Unions of device configs
 * are resolved by their `driver`, so a wrong field is reported for the driver
 * the technician chose rather than as "matches no alternative".
 */
import type { TSchema } from '@sinclair/typebox';

export interface ConfigProblem {
  path: string;
  message: string;
}

type Schema = TSchema & Record<string, unknown>;

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function validateAgainst(schema: Schema, value: unknown, path = ''): ConfigProblem[] {
  const at = (message: string): ConfigProblem[] => [{ path: path || '(root)', message }];

  if (schema.anyOf) return validateUnion(schema.anyOf as Schema[], value, path);
  if (schema.const !== undefined) {
    return value === schema.const ? [] : at(`must be ${JSON.stringify(schema.const)}`);
  }
  switch (schema.type) {
    case 'object': {
      if (typeOf(value) !== 'object') return at(`must be an object, got ${typeOf(value)}`);
      const obj = value as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const out: ConfigProblem[] = [];
      for (const key of (schema.required ?? []) as string[]) {
        if (obj[key] === undefined) out.push({ path: join(path, key), message: 'required' });
      }
      const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
      for (const [key, v] of Object.entries(obj)) {
        const sub = props[key] ?? patterns.find(([re]) => new RegExp(re).test(key))?.[1];
        if (!sub) {
          if (schema.additionalProperties === false)
            out.push({
              path: join(path, key),
              message:
                patterns.length > 0 && Object.keys(props).length === 0
                  ? `"${key}" is not a valid name (must match ${patterns.map(([re]) => re).join(' or ')})`
                  : `unknown key (allowed: ${Object.keys(props).join(', ')})`,
            });
          continue;
        }
        if (v === undefined) continue;
        out.push(...validateAgainst(sub, v, join(path, key)));
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) return at(`must be a list, got ${typeOf(value)}`);
      const out: ConfigProblem[] = [];
      if (schema.minItems !== undefined && value.length < schema.minItems) out.push(...at(`needs at least ${schema.minItems} item(s)`));
      if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(...at(`allows at most ${schema.maxItems} item(s)`));
      if (schema.uniqueItems && new Set(value.map((x) => JSON.stringify(x))).size !== value.length) out.push(...at('has duplicate items'));
      value.forEach((item, i) => out.push(...validateAgainst(schema.items as Schema, item, `${path}[${i}]`)));
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return at(`must be text, got ${typeOf(value)}`);
      if (schema.minLength !== undefined && value.length < schema.minLength) return at('must not be empty');
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) return at(`"${value}" does not match ${schema.pattern}`);
      return [];
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return at(`must be a number, got ${typeOf(value)}`);
      if (schema.type === 'integer' && !Number.isInteger(value)) return at(`must be a whole number, got ${value}`);
      if (schema.minimum !== undefined && value < schema.minimum) return at(`must be >= ${schema.minimum}, got ${value}`);
      if (schema.maximum !== undefined && value > schema.maximum) return at(`must be <= ${schema.maximum}, got ${value}`);
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
        return at(`must be > ${schema.exclusiveMinimum}, got ${value}`);
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : at(`must be true or false, got ${typeOf(value)}`);
    default:
      return [];
  }
}

function validateUnion(branches: Schema[], value: unknown, path: string): ConfigProblem[] {
  // A choice of fixed values.
  if (branches.every((b) => b.const !== undefined)) {
    return branches.some((b) => b.const === value)
      ? []
      : [
          {
            path: path || '(root)',
            message: `must be one of: ${branches.map((b) => String(b.const)).join(', ')}; got ${JSON.stringify(value)}`,
          },
        ];
  }
  // A list where one-or-many is allowed.
  const arrayBranch = branches.find((b) => b.type === 'array');
  if (arrayBranch && Array.isArray(value)) return validateAgainst(arrayBranch, value, path);
  const objects = branches.filter((b) => b.type === 'object');
  // Device configs: choose the branch by `driver`.
  const drivers = objects.map((b) => b.properties?.driver?.const).filter((d) => d !== undefined);
  if (drivers.length === objects.length && drivers.length > 0 && typeOf(value) === 'object') {
    const driver = (value as Record<string, unknown>).driver;
    if (driver === undefined) return [{ path: join(path, 'driver'), message: `required (one of: ${drivers.join(', ')})` }];
    const branch = objects.find((b) => b.properties.driver.const === driver);
    if (!branch) return [{ path: join(path, 'driver'), message: `unknown driver "${String(driver)}" (one of: ${drivers.join(', ')})` }];
    return validateAgainst(branch, value, path);
  }
  // Otherwise: valid if any branch is; else the branch with the fewest problems speaks.
  let best: ConfigProblem[] | null = null;
  for (const b of branches) {
    const problems = validateAgainst(b, value, path);
    if (problems.length === 0) return [];
    if (!best || problems.length < best.length) best = problems;
  }
  return best ?? [];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
