// The admin's buttons on the accounts page: one intent each (client-safe). The new account's
// fields are `newAccountSchema` (schemas.ts).
import { z } from "zod";

const id = z.coerce.number().int().positive().max(2_147_483_647);

export const accountsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("disable"), id }),
  z.object({ intent: z.literal("enable"), id }),
  z.object({ intent: z.literal("reset-password"), id }),
  z.object({ intent: z.literal("reset-totp"), id }),
]);
