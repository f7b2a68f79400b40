import type { z } from 'zod';
import { ApiError, fieldErrors } from './errors';

/** Parses untrusted input with a zod schema; a failure becomes 422 VALIDATION_FAILED with field codes. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError('VALIDATION_FAILED', fieldErrors(result.error));
  return result.data;
}
