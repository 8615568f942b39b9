import { and, asc, eq, isNull } from "drizzle-orm";
import { cachedConfig } from "~/lib/config-cache.server";
import type { AppContext } from "~/lib/context";
import type { Database } from "~/lib/db.server";
import { todayIn } from "~/lib/i18n/format";
import * as t from "../../../db/schema";
import type { DocumentRule, Question } from "./checklist";

export type ServiceSummary = Awaited<ReturnType<typeof listServices>>[number];

export async function listServices(db: Database) {
  return db
    .select({
      id: t.services.id,
      name: t.services.name,
      summary: t.services.summary,
      appointment: t.services.appointment,
      takesApplication: t.services.takesApplication,
      unitName: t.units.name,
    })
    .from(t.services)
    .innerJoin(t.units, eq(t.units.id, t.services.unitId))
    .where(eq(t.services.active, true))
    .orderBy(asc(t.services.sort), asc(t.services.id));
}

export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof getService>>>;

export async function getService(db: Database, id: string) {
  const [service] = await db
    .select({
      id: t.services.id,
      name: t.services.name,
      summary: t.services.summary,
      legalBasis: t.services.legalBasis,
      appointment: t.services.appointment,
      takesApplication: t.services.takesApplication,
      unitName: t.units.name,
      slotMinutes: t.slotCapacities.slotMinutes,
    })
    .from(t.services)
    .innerJoin(t.units, eq(t.units.id, t.services.unitId))
    .leftJoin(t.slotCapacities, eq(t.slotCapacities.serviceId, t.services.id))
    .where(and(eq(t.services.id, id), eq(t.services.active, true)));
  if (!service) return null;

  const [questionRows, optionRows, ruleRows] = await Promise.all([
    db
      .select()
      .from(t.serviceQuestions)
      .where(eq(t.serviceQuestions.serviceId, id))
      .orderBy(asc(t.serviceQuestions.sort), asc(t.serviceQuestions.id)),
    db
      .select({ questionId: t.questionOptions.questionId, key: t.questionOptions.key, label: t.questionOptions.label })
      .from(t.questionOptions)
      .innerJoin(t.serviceQuestions, eq(t.serviceQuestions.id, t.questionOptions.questionId))
      .where(eq(t.serviceQuestions.serviceId, id))
      .orderBy(asc(t.questionOptions.sort), asc(t.questionOptions.id)),
    db
      .select({
        documentTypeId: t.documentRules.documentTypeId,
        name: t.documentTypes.name,
        description: t.documentTypes.description,
        conditionQuestion: t.documentRules.conditionQuestion,
        conditionOptions: t.documentRules.conditionOptions,
        minCount: t.documentRules.minCount,
        maxAgeDays: t.documentRules.maxAgeDays,
        minValidityDays: t.documentRules.minValidityDays,
      })
      .from(t.documentRules)
      .innerJoin(t.documentTypes, eq(t.documentTypes.id, t.documentRules.documentTypeId))
      .where(eq(t.documentRules.serviceId, id))
      .orderBy(asc(t.documentRules.sort), asc(t.documentRules.id)),
  ]);

  const questions: Question[] = questionRows.map((q) => ({
    key: q.key,
    label: q.label,
    hint: q.hint,
    options: optionRows.filter((o) => o.questionId === q.id).map(({ key, label }) => ({ key, label })),
  }));
  const rules: DocumentRule[] = ruleRows.map(({ conditionQuestion, conditionOptions, ...r }) => ({
    ...r,
    condition: conditionQuestion && conditionOptions ? { question: conditionQuestion, options: conditionOptions } : null,
  }));
  return { ...service, questions, rules };
}

export type OfficeInfo = NonNullable<Awaited<ReturnType<typeof getOfficeInfo>>>;

/** The office's address, public opening hours and next public holiday, or null if unconfigured. */
export async function getOfficeInfo(db: Database, now: Date) {
  return officeInfoAt(await officeData(db), now);
}

/** The same, from the configuration kept in memory while it is current (see config-cache). */
export async function officeInfoFor(app: AppContext, now: Date) {
  return officeInfoAt(await cachedConfig(app, "office", () => officeData(app.db)), now);
}

/** A service's page data, from the configuration kept in memory while it is current. */
export function serviceFor(app: AppContext, id: string) {
  return cachedConfig(app, `service:${id}`, () => getService(app.db, id));
}

type OfficeData = NonNullable<Awaited<ReturnType<typeof officeData>>>;

async function officeData(db: Database) {
  const [office] = await db.select().from(t.office).limit(1);
  if (!office) return null;
  const [hours, holidays] = await Promise.all([
    db
      .select({ weekday: t.openingHours.weekday, opens: t.openingHours.opens, closes: t.openingHours.closes })
      .from(t.openingHours)
      .where(isNull(t.openingHours.unitId))
      .orderBy(asc(t.openingHours.weekday), asc(t.openingHours.opens)),
    db.select().from(t.holidays).orderBy(asc(t.holidays.day)),
  ]);
  return { office, hours, holidays };
}

function officeInfoAt(data: OfficeData | null, now: Date) {
  if (!data) return null;
  const today = todayIn(data.office.timeZone, now);
  return { office: data.office, hours: data.hours, nextHoliday: data.holidays.find((h) => h.day >= today) ?? null };
}
