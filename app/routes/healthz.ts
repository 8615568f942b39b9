import type { Route } from "./+types/healthz";
import { appContext } from "#app/lib/context";
import { pingDatabase } from "#app/lib/db.server";

/** For load balancers and monitoring: 200 when this process can reach its database, else 503. */
export async function loader({ context }: Route.LoaderArgs) {
  const { db, dbKind } = context.get(appContext);
  const ok = await pingDatabase(db);
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "ok" : "unreachable", driver: dbKind },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
