import { count } from "drizzle-orm";
import { languages, type Language, type Translated } from "#app/lib/i18n/languages";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { demoDocumentTypes, demoOffice, demoOpeningHours, demoReasonCodes, demoServices, demoUnits } from "./demo-office";
import { holidaysOf } from "./holidays";
import ar from "./locales/ar.json";
import de from "./locales/de.json";
import en from "./locales/en.json";
import fa from "./locales/fa.json";
import fr from "./locales/fr.json";
import ru from "./locales/ru.json";
import tr from "./locales/tr.json";
import uk from "./locales/uk.json";

export const seedTexts: Record<Language, unknown> = { de, en, ar, fa, tr, uk, ru, fr };

/** The text at a dotted key in all eight languages; a missing one is an error, not a gap. */
export function seedText(path: string[]): Translated {
  const out = {} as Translated;
  for (const lng of languages) {
    let node: unknown = seedTexts[lng];
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== "string" || node.trim() === "") {
      throw new Error(`Demo office text ${path.join(".")} is missing in db/seed/locales/${lng}.json`);
    }
    out[lng] = node;
  }
  return out;
}

/**
 * Seeds the demo office "Ausländerbehörde Musterstadt" into an empty database, in one
 * transaction. Does nothing when an office is already configured.
 */
export async function seedDemoOffice(db: Database, today = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(schema.office);
    if ((existing?.n ?? 0) > 0) return false;

    await tx.insert(schema.office).values({ ...demoOffice, id: 1, isDemo: true });

    await tx.insert(schema.units).values(
      demoUnits.map((u, i) => ({
        id: u.id,
        kind: u.kind,
        name: seedText(["units", u.id, "name"]),
        description: seedText(["units", u.id, "description"]),
        sort: i,
      })),
    );
    const ranges = demoUnits.flatMap((u) =>
      (u.letterRanges ?? []).map(([firstLetter, lastLetter, caseWorker]) => ({
        unitId: u.id,
        firstLetter,
        lastLetter,
        caseWorker,
      })),
    );
    if (ranges.length > 0) await tx.insert(schema.letterRanges).values(ranges);

    await tx.insert(schema.documentTypes).values(
      demoDocumentTypes.map((id) => ({
        id,
        name: seedText(["documents", id, "name"]),
        description: seedText(["documents", id, "description"]),
      })),
    );

    for (const [i, s] of demoServices.entries()) {
      await tx.insert(schema.services).values({
        id: s.id,
        unitId: s.unit,
        name: seedText(["services", s.id, "name"]),
        summary: seedText(["services", s.id, "summary"]),
        legalBasis: s.legalBasis,
        appointment: s.appointment,
        takesApplication: s.takesApplication,
        sort: i,
      });
      if (s.slots) {
        await tx.insert(schema.slotCapacities).values({
          serviceId: s.id,
          // Appointments take place at the front office: the service point's own services
          // there, everything else at the clearing counters.
          unitId: s.unit === "service-point" ? "service-point" : "clearing",
          slotMinutes: s.slots.minutes,
          parallel: s.slots.parallel,
          bookingHorizonDays: s.slots.horizonDays,
          minLeadHours: s.slots.minLeadHours,
          releaseMode: s.slots.releaseMode ?? "first_come",
        });
      }
      for (const [qi, q] of s.questions.entries()) {
        const base = ["services", s.id, "questions", q.key];
        const [question] = await tx
          .insert(schema.serviceQuestions)
          .values({
            serviceId: s.id,
            key: q.key,
            label: seedText([...base, "label"]),
            hint: q.hint ? seedText([...base, "hint"]) : null,
            sort: qi,
          })
          .returning({ id: schema.serviceQuestions.id });
        await tx.insert(schema.questionOptions).values(
          q.options.map((key, oi) => ({
            questionId: question!.id,
            key,
            label: seedText([...base, "options", key]),
            sort: oi,
          })),
        );
      }
      if (s.rules.length > 0) {
        await tx.insert(schema.documentRules).values(
          s.rules.map((r, ri) => ({
            serviceId: s.id,
            documentTypeId: r.document,
            conditionQuestion: r.when?.question ?? null,
            conditionOptions: r.when?.options ?? null,
            minCount: r.count ?? 1,
            maxAgeDays: r.maxAgeDays ?? null,
            minValidityDays: r.minValidityDays ?? null,
            sort: ri,
          })),
        );
      }
    }

    await tx.insert(schema.reasonCodes).values(demoReasonCodes.map((id, i) => ({ id, label: seedText(["reasons", id]), sort: i })));

    await tx
      .insert(schema.openingHours)
      .values(demoOpeningHours.map((h) => ({ unitId: h.unit, weekday: h.weekday, opens: h.opens, closes: h.closes, counters: h.counters })));

    const year = today.getUTCFullYear();
    await tx
      .insert(schema.holidays)
      .values(
        [...holidaysOf(year), ...holidaysOf(year + 1)].map((h) => ({
          day: h.day,
          name: seedText(["holidays", h.key]),
        })),
      )
      .onConflictDoNothing();
    return true;
  });
}
