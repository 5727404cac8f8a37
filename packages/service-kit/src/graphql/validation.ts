import { z } from 'zod';
import { badUserInput } from './errors.ts';

/**
 * Validates resolver input with a zod schema. On failure the client gets BAD_USER_INPUT with the
 * first problem as the message and every problem (field path + message) in `extensions.fields`.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: [...(root ? [root] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = fields[0]!;
  throw badUserInput(`${first.field}: ${first.message}`, first.field, { fields });
}

/**
 * Who chose an idempotency key. Keys the system makes (the refund of a cancelled order, demo data)
 * are stored as `system`, and lookups for a client's request read only `client` keys, so no key a
 * client sends can ever meet one the system made, whatever it is.
 */
export const KEY_SOURCES = ['client', 'system'] as const;
export type KeySource = (typeof KEY_SOURCES)[number];

/** Field rules shared by every subgraph's inputs. */
export const rules = {
  /** A client-chosen idempotency key: printable, 8–100 characters. */
  idempotencyKey: () =>
    z.string().regex(/^[\x21-\x7e]{8,100}$/, 'must be 8 to 100 printable characters without spaces (a UUID works well)'),
  countryCode: () => z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code, like DE or US'),
  text: (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  optionalText: (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish(),
  uuid: () => z.uuid('must be an id this API returned'),
};

const ID_ARGUMENT = z.object({ id: rules.uuid() });

/**
 * The `id` argument of a lookup by id (`order(id:)`, `customer(id:)`): refused as BAD_USER_INPUT
 * when it is not an id this API could have returned, as the mutations refuse it, rather than
 * answered null like an id that does not exist.
 */
export const validId = (id: string): string => validateInput(ID_ARGUMENT, { id }, '').id;
