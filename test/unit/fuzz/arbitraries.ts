/**
 * fast-check arbitraries for fuzzing what comes in from outside: any JSON, and a known-good payload with some of its
 * fields (at any depth) replaced by any JSON or removed, which reaches much deeper into a parser than noise does.
 */
import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (typeof value === "object" && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

function setAt(root: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy: Json = JSON.parse(JSON.stringify(root)) as Json;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key as string]!;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string, Json>)[last as string];
  } else (node as Record<string | number, Json>)[last] = replacement;
  return copy;
}

/** Strings people and attackers send: any unicode, control characters, very long, mentions, markup. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "<@U0SAMVERKA>",
    "<at>Samverka</at>",
    "%00",
    "../../etc/passwd",
    "'; drop table members; --",
    "{{7*7}}",
    "__proto__",
    "x".repeat(5000),
  ),
);

/** Any JSON value, biased towards the shapes payloads have. */
export const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
  nastyString,
  fc.constantFrom<Json>(null, [], {}, 0, -1, true),
);

/** `base` with up to four of its values replaced by any JSON or removed. */
export function mutated(base: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(base);
  const edit = fc.tuple(fc.constantFrom(...paths), fc.option(anyJson, { nil: undefined, freq: 4 }));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce<Json>((acc, [path, value]) => {
      try {
        return setAt(acc, path, value);
      } catch {
        // An earlier edit removed the parent of this path: nothing to change.
        return acc;
      }
    }, base),
  );
}

/** Runs a property `runs` times and prints how many cases it tried, so the report has its counts. */
export function checkMany<T>(name: string, arbitrary: fc.Arbitrary<T>, runs: number, predicate: (value: T) => void): number {
  let count = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      count += 1;
      predicate(value);
    }),
    { numRuns: runs },
  );
  console.log(`fuzz ${name}: ${count} cases`);
  return count;
}
