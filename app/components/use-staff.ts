import { useRouteLoaderData } from "react-router";
import { type StaffActor, staffActor } from "#app/domain/access/policy";
import type { loader as staffLayoutLoader } from "#app/routes/staff-layout";

/** The signed-in staff member on a page of the staff area, as the policy's actor (for UI flags). */
export function useStaffActor(): StaffActor & { name: string } {
  const data = useRouteLoaderData<typeof staffLayoutLoader>("routes/staff-layout");
  if (!data) throw new Error("useStaffActor used outside the staff area");
  return { ...staffActor(data.staff), name: data.staff.name };
}
