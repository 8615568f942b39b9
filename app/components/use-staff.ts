import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "react-router";
import { type StaffActor, staffActor } from "#app/domain/access/policy";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/domain/staff/roles";
import type { loader as staffLayoutLoader } from "#app/routes/staff-layout";

/** The signed-in staff member on a page of the staff area, as the policy's actor (for UI flags). */
export function useStaffActor(): StaffActor & { name: string } {
  const data = useRouteLoaderData<typeof staffLayoutLoader>("routes/staff-layout");
  if (!data) throw new Error("useStaffActor used outside the staff area");
  return { ...staffActor(data.staff), name: data.staff.name };
}

/** Values for the placeholders of the staff forms' messages (password lengths). */
const messageValues = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** Translates a staff form's message key (the form kit's errors), with the values it may name. */
export function useStaffMessage(): (key: string) => string {
  const { t } = useTranslation("staff");
  return (key) => t(key, messageValues);
}
