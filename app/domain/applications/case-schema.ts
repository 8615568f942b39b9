// The status page's plain forms (client-safe): answering a document request and withdrawing the
// case. Uploads are multipart and are read by the upload form's own rules.
import { z } from "zod";

export const caseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("respond") }),
  z.object({ intent: z.literal("withdraw"), confirm: z.literal("yes", { error: "case.withdrawErrors.confirmRequired" }) }),
]);

export type CaseAction = z.infer<typeof caseActionSchema>;
