import { and, asc, eq, isNull } from "drizzle-orm";
import { cachedConfig } from "#app/lib/config-cache.server";
import type { AppContext } from "#app/lib/context";
import type { Database, Queryable } from "#app/lib/db.server";
import { todayIn } from "#app/lib/i18n/format";
import * as schema from "#db/schema";
import type { DocumentRule, Question } from "./checklist";

export type ServiceSummary = Awaited<ReturnType<typeof listServices>>[number];

export async function listServices(db: Database) {
  return db
    .select({
      id: schema.services.id,
      name: schema.services.name,
      summary: schema.services.summary,
      appointment: schema.services.appointment,
      takesApplication: schema.services.takesApplication,
      unitName: schema.units.name,
    })
    .from(schema.services)
    .innerJoin(schema.units, eq(schema.units.id, schema.services.unitId))
    .where(eq(schema.services.active, true))
    .orderBy(asc(schema.services.sort), asc(schema.services.id));
}

export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof getService>>>;

export async function getService(db: Queryable, id: string) {
  const [service] = await db
    .select({
      id: schema.services.id,
      name: schema.services.name,
      summary: schema.services.summary,
      legalBasis: schema.services.legalBasis,
      appointment: schema.services.appointment,
      takesApplication: schema.services.takesApplication,
      unitName: schema.units.name,
      slotMinutes: schema.slotCapacities.slotMinutes,
    })
    .from(schema.services)
    .innerJoin(schema.units, eq(schema.units.id, schema.services.unitId))
    .leftJoin(schema.slotCapacities, eq(schema.slotCapacities.serviceId, schema.services.id))
    .where(and(eq(schema.services.id, id), eq(schema.services.active, true)));
  if (!service) return null;

  const [questionRows, optionRows, ruleRows] = await Promise.all([
    db
      .select()
      .from(schema.serviceQuestions)
      .where(eq(schema.serviceQuestions.serviceId, id))
      .orderBy(asc(schema.serviceQuestions.sort), asc(schema.serviceQuestions.id)),
    db
      .select({ questionId: schema.questionOptions.questionId, key: schema.questionOptions.key, label: schema.questionOptions.label })
      .from(schema.questionOptions)
      .innerJoin(schema.serviceQuestions, eq(schema.serviceQuestions.id, schema.questionOptions.questionId))
      .where(eq(schema.serviceQuestions.serviceId, id))
      .orderBy(asc(schema.questionOptions.sort), asc(schema.questionOptions.id)),
    db
      .select({
        documentTypeId: schema.documentRules.documentTypeId,
        name: schema.documentTypes.name,
        description: schema.documentTypes.description,
        conditionQuestion: schema.documentRules.conditionQuestion,
        conditionOptions: schema.documentRules.conditionOptions,
        minCount: schema.documentRules.minCount,
        maxAgeDays: schema.documentRules.maxAgeDays,
        minValidityDays: schema.documentRules.minValidityDays,
      })
      .from(schema.documentRules)
      .innerJoin(schema.documentTypes, eq(schema.documentTypes.id, schema.documentRules.documentTypeId))
      .where(eq(schema.documentRules.serviceId, id))
      .orderBy(asc(schema.documentRules.sort), asc(schema.documentRules.id)),
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
  const [office] = await db.select().from(schema.office).limit(1);
  if (!office) return null;
  const [hours, holidays] = await Promise.all([
    db
      .select({ weekday: schema.openingHours.weekday, opens: schema.openingHours.opens, closes: schema.openingHours.closes })
      .from(schema.openingHours)
      .where(isNull(schema.openingHours.unitId))
      .orderBy(asc(schema.openingHours.weekday), asc(schema.openingHours.opens)),
    db.select().from(schema.holidays).orderBy(asc(schema.holidays.day)),
  ]);
  return { office, hours, holidays };
}

function officeInfoAt(data: OfficeData | null, now: Date) {
  if (!data) return null;
  const today = todayIn(data.office.timeZone, now);
  return { office: data.office, hours: data.hours, nextHoliday: data.holidays.find((h) => h.day >= today) ?? null };
}
