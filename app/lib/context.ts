import { createContext } from "react-router";
import type { Database, DatabaseKind } from "./db.server";
import type { Env } from "./env.server";

/** What the server hands every loader and action through React Router's context. */
export type AppContext = {
  db: Database;
  dbKind: DatabaseKind;
  env: Env;
  /** Per-request nonce for the Content-Security-Policy. */
  nonce: string;
  /** The client's address (behind TRUST_PROXY proxies: from X-Forwarded-For), for rate limits. */
  clientIp: string;
  /** Work shared by the action and the loaders of one request (see perRequest). */
  memo: Map<string, Promise<unknown>>;
};

export const appContext = createContext<AppContext>();
