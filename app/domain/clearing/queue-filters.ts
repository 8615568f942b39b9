// The clearing queue's filters, read from the URL (the no-JavaScript form is a GET form; the
// live list fetches the same query as JSON). Unknown values fall back to the defaults.
import { z } from "zod";

export const queueViews = ["open", "unclaimed", "mine", "answered", "waiting", "complete"] as const;
export type QueueView = (typeof queueViews)[number];
export const queueSorts = ["waiting", "urgency", "completeness"] as const;
export type QueueSort = (typeof queueSorts)[number];

export type QueueFilters = { view: QueueView; serviceId: string | null; language: string | null; urgentOnly: boolean; sort: QueueSort };

const schema = z.object({
  view: z.enum(queueViews).catch("open"),
  service: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .nullable()
    .catch(null),
  language: z.enum(["de", "en", "ar", "fa", "tr", "uk", "ru", "fr"]).nullable().catch(null),
  urgent: z.string().nullable().catch(null),
  sort: z.enum(queueSorts).catch("waiting"),
});

export function parseQueueFilters(search: URLSearchParams): QueueFilters {
  const raw = schema.parse({
    view: search.get("view") ?? undefined,
    service: search.get("service") || null,
    language: search.get("language") || null,
    urgent: search.get("urgent"),
    sort: search.get("sort") ?? undefined,
  });
  return { view: raw.view, serviceId: raw.service, language: raw.language, urgentOnly: raw.urgent === "1", sort: raw.sort };
}

/** The filters as a query string (only what differs from the defaults). */
export function queueSearch(filters: QueueFilters): string {
  const p = new URLSearchParams();
  if (filters.view !== "open") p.set("view", filters.view);
  if (filters.serviceId) p.set("service", filters.serviceId);
  if (filters.language) p.set("language", filters.language);
  if (filters.urgentOnly) p.set("urgent", "1");
  if (filters.sort !== "waiting") p.set("sort", filters.sort);
  return p.toString();
}

export type QueueItem = {
  id: string;
  reference: string;
  serviceId: string;
  state: string;
  language: string;
  name: string;
  submittedAt: string;
  waitingDays: number;
  permitExpires: string | null;
  /** Days until the current permit expires (negative: already expired); null: no permit given. */
  expiresInDays: number | null;
  urgent: boolean;
  byHelper: boolean;
  claimedBy: { id: number; name: string } | null;
  completeness: {
    state: string;
    satisfied: number;
    applicable: number;
    missing: number;
    rejected: number;
    awaitingReview: number;
    outOfDate: number;
    invalid: number;
  } | null;
  /** The applicant answered a request (uploaded or said they are done) since the clerk last asked. */
  answered: boolean;
  deadline: string | null;
};

/** A permit expiring within this many days makes a case urgent in the queue. */
export const URGENT_WITHIN_DAYS = 28;
