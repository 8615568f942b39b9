import * as schema from "#db/schema";
import type { AppContext } from "./context";
import type { Database } from "./db.server";

// The office configuration (services, rules, opening hours, holidays, closures, release rounds)
// changes a few times a day but is read by every page. Each app process keeps what it read,
// tagged with the configuration's generation: a counter that database triggers raise in the
// same commit as any change (migration 0008). A request reads the generation once (one tiny
// query) and uses what is kept only when it is still current, so a change made through any
// process is seen by the next request of every process. Nothing here is state that another
// process needs: losing it costs a reload, never correctness.
//
// Only ever use this with the root database handle, never inside a transaction: a transaction
// would see its own uncommitted generation and could keep data that is later rolled back.

type Entry = { generation: number; value: Promise<unknown> };

const kept = new WeakMap<Database, Map<string, Entry>>();
/** Enough for every service in three variants; beyond that, start afresh (never unbounded). */
const MAX_ENTRIES = 1_000;

/** Memoises work within one request (the action and the loaders after it share one context). */
export function perRequest<T>(app: AppContext, key: string, load: () => Promise<T>): Promise<T> {
  const hit = app.memo.get(key);
  if (hit) return hit as Promise<T>;
  const value = load();
  app.memo.set(key, value);
  return value;
}

/** The configuration's current generation, read at most once per request. */
export function configGeneration(app: AppContext): Promise<number | null> {
  return perRequest(app, "config-generation", async () => {
    const [row] = await app.db.select({ generation: schema.configGeneration.generation }).from(schema.configGeneration);
    return row ? Number(row.generation) : null;
  });
}

/** `load()`'s value for `key`, from memory while the configuration has not changed. */
export async function cachedConfig<T>(app: AppContext, key: string, load: () => Promise<T>): Promise<T> {
  const generation = await configGeneration(app);
  if (generation === null) return load();
  let entries = kept.get(app.db);
  if (!entries) {
    entries = new Map();
    kept.set(app.db, entries);
  }
  const hit = entries.get(key);
  if (hit && hit.generation >= generation) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = load();
  const entry = { generation, value };
  entries.set(key, entry);
  // A failed load is not kept.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}
