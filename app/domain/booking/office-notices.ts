// What the service point and the office settings say after a POST/redirect/GET: the address names
// what was done, and these read it back (client-safe, pure). Anything malformed shows no notice.
const SLUG = /^[a-z][a-z0-9-]*$/;

export type OfficeNotice =
  | { key: "hoursSaved"; weekday: number }
  | { key: "slotsSaved"; serviceId: string }
  | { key: "closed"; day: string; unitId: string | null; cancelled: number }
  | { key: "removed" };

/** The office page's notice from `?saved=…` and the parameters its redirect set beside it. */
export function readOfficeNotice(params: URLSearchParams): OfficeNotice | null {
  const weekday = Number(params.get("weekday"));
  switch (params.get("saved")) {
    case "hours":
      return Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? { key: "hoursSaved", weekday } : null;
    case "slots": {
      const serviceId = params.get("service") ?? "";
      return SLUG.test(serviceId) ? { key: "slotsSaved", serviceId } : null;
    }
    case "closed": {
      const day = params.get("day") ?? "";
      const unitId = params.get("closureUnit") ?? "";
      const cancelled = Number(params.get("cancelled"));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || (unitId !== "" && !SLUG.test(unitId)) || !Number.isSafeInteger(cancelled) || cancelled < 0) return null;
      return { key: "closed", day, unitId: unitId || null, cancelled };
    }
    case "removed":
      return { key: "removed" };
    default:
      return null;
  }
}

export type ServicePointNotice =
  | { key: "checkedIn"; name: string; ticket: number }
  | { key: "called"; ticket: number; counter: number }
  | { key: "completed"; ticket: number }
  | { key: "noShow"; name: string };

type Appointment = { id: number; name: string; status: string; ticket: number | null; calledCounter: number | null };

/** The service point's notice, read back from the day's list by the appointment the address names. */
export function readServicePointNotice(params: URLSearchParams, appointments: Appointment[]): ServicePointNotice | null {
  const find = (name: string) => {
    const id = Number(params.get(name));
    return Number.isSafeInteger(id) && id > 0 ? appointments.find((a) => a.id === id) : undefined;
  };
  const checkedIn = find("checkedIn");
  const called = find("called");
  const completed = find("completed");
  const noShow = find("noShow");
  if (checkedIn?.ticket) return { key: "checkedIn", name: checkedIn.name, ticket: checkedIn.ticket };
  if (called?.ticket && called.calledCounter) return { key: "called", ticket: called.ticket, counter: called.calledCounter };
  if (completed?.ticket) return { key: "completed", ticket: completed.ticket };
  if (noShow?.status === "no_show") return { key: "noShow", name: noShow.name };
  return null;
}
