import type { z } from 'zod';
import { OsoValidationError } from './errors.js';

/** Parses with a zod schema; a mismatch becomes an `OsoValidationError` naming each field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new OsoValidationError({
    what,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
    cause: result.error,
  });
}
