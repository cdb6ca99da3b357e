import { z } from 'zod';

/** `read` calls are allowed on read-only (wallboard) connections; `write` calls are not. */
export type Access = 'read' | 'write';

export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): CallSpec<I, O> => ({
  input,
  output,
  access,
});

export const Empty = z.object({}).strict();
