// The clearing queue as JSON, for the live list on the queue page (polled by TanStack Query).
// The staff layout's middleware marks it no-store like every staff answer.
import type { Route } from "./+types/staff-clearing-queue";
import { allow } from "#app/domain/access/guard.server";
import { clearingQueue } from "#app/domain/clearing/queue.server";
import { parseQueueFilters } from "#app/domain/clearing/queue-filters";
import { appContext } from "#app/lib/context";

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = allow(context, "queue:view");
  const { db } = context.get(appContext);
  const now = new Date();
  const items = await clearingQueue(db, staff, parseQueueFilters(new URL(request.url).searchParams), now);
  return Response.json({ items, at: now.toISOString() });
}
