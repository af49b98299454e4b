const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a UUID, as every row id is. Ids in button values, form states and commands come from outside:
 * checking first keeps PostgreSQL from refusing the query (`invalid input syntax for type uuid`).
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
