/** Values that cost far more to build than to keep, remembered by key; when full, all are forgotten at once. */
export interface BoundedCache<V> {
  /** The value for `key`, built by `make` the first time. */
  get(key: string, make: () => V): V;
}

export function createBoundedCache<V>(limit = 1_000): BoundedCache<V> {
  const values = new Map<string, V>();
  return {
    get(key, make) {
      let value = values.get(key);
      if (value === undefined) {
        value = make();
        if (values.size >= limit) values.clear();
        values.set(key, value);
      }
      return value;
    },
  };
}
