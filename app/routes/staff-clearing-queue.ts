// The clearing queue as JSON, for the live list on the queue page (polled by TanStack Query).
import type { Route } from "./+types/staff-clearing-queue";
import { clearingQueue } from "#app/domain/clearing/queue.server";
import { parseQueueFilters } from "#app/domain/clearing/queue-filters";
import { requireStaff } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, ["clearing", "team_lead"]);
  const { db } = context.get(appContext);
  const now = new Date();
  const items = await clearingQueue(db, staff, parseQueueFilters(new URL(request.url).searchParams), now);
  return Response.json({ items, at: now.toISOString() }, { headers: { "Cache-Control": "no-store" } });
}
