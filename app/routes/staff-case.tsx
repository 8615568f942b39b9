// One case for staff: the applicant's details and answers, the completeness result per rule
// with every document (viewed in the browser, accepted or rejected with a reason code), the
// document request (one click from what is missing or rejected), forwarding with the routing
// decision shown first, the case worker's steps, and the history. Every action is a plain POST
// form; the server checks role, claim and scope on each (clearing.server.ts).
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-case";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { countryName } from "#app/domain/applications/countries";
import { type CaseState, DEFAULT_REQUEST_DAYS } from "#app/domain/cases/case-states";
import { caseFile, caseForStaff, type ClearingRefusal } from "#app/domain/clearing/clearing.server";
import { claimCase, releaseCase } from "#app/domain/clearing/queue.server";
import { extendDeadline, requestableItems, requestDocuments, recordAnswer } from "#app/domain/clearing/requests.server";
import { forwardCase, routingFor } from "#app/domain/clearing/forwarding.server";
import { processCase } from "#app/domain/clearing/inbox.server";
import { reviewDocument } from "#app/domain/clearing/review.server";
import type { CompletenessReason, RuleResult } from "#app/domain/cases/completeness";
import { officeDay, plusDays } from "#app/domain/cases/days";
import { listUnits } from "#app/domain/staff/accounts.server";
import { requireStaff, type StaffUser } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";
import { formatDate, formatDay, formatTime } from "#app/lib/i18n/format";
import { isLanguage, type Language, nativeNames, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const STAFF_ROLES = ["clearing", "case_worker", "team_lead"] as const;

const notices = ["claimed", "released", "accepted", "rejected", "requested", "extended", "answered", "forwarded", "processing", "decided", "ready", "closed"] as const;
type NoticeKey = (typeof notices)[number];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, [...STAFF_ROLES]);
  const { db } = context.get(appContext);
  const row = await caseForStaff(db, staff, params.reference);
  if (!row) throw data(null, { status: 404 });
  const now = new Date();
  const file = await caseFile(db, row, now);
  const units = await listUnits(db);
  const clearingStage = row.state === "in_clearing" || row.state === "complete";
  const routing = clearingStage && file.completeness?.summary.complete ? await routingFor(db, row) : null;
  const noticeParam = new URL(request.url).searchParams.get("notice");
  return {
    staff,
    now: now.toISOString(),
    today: officeDay(now),
    notice: (notices as readonly string[]).includes(noticeParam ?? "") ? (noticeParam as NoticeKey) : null,
    case: {
      id: row.id,
      reference: row.reference!,
      state: row.state as CaseState,
      language: row.language,
      details: row.details,
      answers: row.answers,
      submittedAt: row.submittedAt!.toISOString(),
      claimedBy: row.claimedBy,
      documentRequest: row.documentRequest,
      routedUnitId: row.routedUnitId,
      routedCaseWorkerId: row.routedCaseWorkerId,
      forwardedAt: row.forwardedAt?.toISOString() ?? null,
      decision: row.decision,
    },
    service: file.service ? { name: file.service.name, questions: file.service.questions, rules: file.service.rules.map((r) => ({ documentTypeId: r.documentTypeId, name: r.name })) } : null,
    documents: file.documents.map((d) => ({
      id: d.id,
      documentTypeId: d.documentTypeId,
      mediaType: d.mediaType,
      pages: d.pages,
      displayName: d.displayName,
      documentDate: d.documentDate,
      validUntil: d.validUntil,
      review: d.review,
      reasonCode: d.reasonCode,
      reviewNote: d.reviewNote,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    completeness: file.completeness,
    requestable: file.completeness ? requestableItems(file.completeness) : [],
    events: file.events.map((e) => ({ id: e.id, type: e.type, at: e.at.toISOString(), actorKind: e.actorKind, actorId: e.actorId, data: e.data as Record<string, unknown> })),
    staffNames: file.staffNames,
    reasonCodes: file.reasonCodes.map((r) => ({ id: r.id, label: r.label })),
    units: units.map((u) => ({ id: u.id, name: u.name })),
    routing,
    byHelper: file.events.some((e) => e.type === "submitted" && e.actorKind === "helper"),
  };
}

type ActionData = { error: { code: ClearingRefusal["code"] | "decision"; name?: string; params?: Record<string, string> } };

function statusOf(refusal: ClearingRefusal): number {
  switch (refusal.code) {
    case "not-found":
    case "unknown-document":
      return 404;
    case "forbidden":
      return 403;
    case "unknown-reason":
    case "invalid-deadline":
    case "no-items":
      return 422;
    case "not-in-clearing":
      return 409;
    default:
      return 409;
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const staff = await requireStaff(request, context, [...STAFF_ROLES]);
  const app = context.get(appContext);
  const { db } = app;
  const row = await caseForStaff(db, staff, params.reference);
  if (!row) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  const text = (name: string, max: number) => String(form.get(name) ?? "").slice(0, max);
  const publicUrl = app.env.publicUrl;

  let outcome: { ok: true } | { ok: false; refusal: ClearingRefusal };
  let notice: NoticeKey;
  switch (intent) {
    case "claim":
      outcome = await claimCase(db, staff, row.id, now);
      notice = "claimed";
      break;
    case "release":
      outcome = await releaseCase(db, staff, row.id, now);
      notice = "released";
      break;
    case "accept":
    case "reject": {
      const documentId = text("documentId", 40);
      const reasonCode = text("reasonCode", 60);
      if (intent === "reject" && !reasonCode) return data<ActionData>({ error: { code: "unknown-reason" } }, { status: 422 });
      outcome = await reviewDocument(
        db,
        staff,
        row.id,
        documentId,
        intent === "accept" ? { decision: "accept" } : { decision: "reject", reasonCode, note: text("note", 500) || null },
        now,
      );
      notice = intent === "accept" ? "accepted" : "rejected";
      break;
    }
    case "request": {
      const items = form.getAll("items").map(String).slice(0, 50);
      const deadline = text("deadline", 20).trim() || null;
      outcome = await requestDocuments(db, staff, row.id, { items, deadline, message: text("message", 1000) || null }, publicUrl, now);
      notice = "requested";
      break;
    }
    case "extend":
      outcome = await extendDeadline(db, staff, row.id, text("deadline", 20).trim(), publicUrl, now);
      notice = "extended";
      break;
    case "respond":
      // An answer that came by post or at the counter, recorded by the clerk who asked.
      outcome = await recordAnswer(db, staff, row.id, now);
      notice = "answered";
      break;
    case "forward":
      outcome = await forwardCase(db, staff, row.id, publicUrl, now);
      notice = "forwarded";
      break;
    case "start":
      outcome = await processCase(db, staff, row.id, { type: "start_processing" }, publicUrl, now);
      notice = "processing";
      break;
    case "decide": {
      const decision = form.get("decision");
      if (decision !== "granted" && decision !== "refused") return data<ActionData>({ error: { code: "decision" } }, { status: 422 });
      outcome = await processCase(db, staff, row.id, { type: "decide", decision }, publicUrl, now);
      notice = "decided";
      break;
    }
    case "ready":
      outcome = await processCase(db, staff, row.id, { type: "mark_ready_for_pickup" }, publicUrl, now);
      notice = "ready";
      break;
    case "close":
      outcome = await processCase(db, staff, row.id, { type: "close" }, publicUrl, now);
      notice = "closed";
      break;
    default:
      throw data(null, { status: 400 });
  }
  if (!outcome.ok) {
    const refusal = outcome.refusal;
    const name = refusal.code === "claimed-by-other" ? refusal.name : undefined;
    const params_ = refusal.code === "routing" ? { unit: "unitId" in refusal.routing ? String(refusal.routing.unitId) : "" } : undefined;
    return data<ActionData>(
      { error: { code: refusal.code, ...(name !== undefined ? { name } : {}), ...(params_ ? { params: { ...params_, routing: refusal.code === "routing" ? refusal.routing.code : "" } } : {}) } },
      { status: statusOf(refusal) },
    );
  }
  const url = new URL(request.url);
  const lng = url.searchParams.get("lng");
  const query = new URLSearchParams({ notice });
  if (lng) query.set("lng", lng);
  // A case the clerk can no longer see (forwarded to another unit stays visible to clearing) stays here.
  return redirect(`/staff/cases/${row.reference}?${query}`);
}

type LoaderData = Route.ComponentProps["loaderData"];

export default function StaffCase({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const d = loaderData;
  const c = d.case;
  const mine = c.claimedBy === d.staff.id;
  const clearingRole = d.staff.role === "clearing" || d.staff.role === "team_lead" || d.staff.role === "admin";
  const processingRole = d.staff.role === "case_worker" || d.staff.role === "team_lead" || d.staff.role === "admin";
  const when = (iso: string) => `${formatDate(lng, new Date(iso), office.timeZone)}, ${formatTime(lng, new Date(iso), office.timeZone)}`;
  const unitName = (id: string | null) => (id ? pick((d.units.find((u) => u.id === id)?.name ?? { de: id }) as never, lng) : "");
  const docName = (id: string) => {
    const rule = d.service?.rules.find((r) => r.documentTypeId === id);
    return rule ? pick(rule.name, lng) : id;
  };
  const error = actionData?.error ?? null;
  const inClearing = c.state === "in_clearing";
  return (
    <>
      <PageTitle>{t("case.title", { reference: c.reference })}</PageTitle>
      <p>
        {d.staff.role === "case_worker" ? (
          <LocalizedLink to="/staff/inbox">{t("case.backInbox")}</LocalizedLink>
        ) : (
          <LocalizedLink to="/staff/clearing">{t("case.back")}</LocalizedLink>
        )}
      </p>
      <h1>
        <span dir="ltr">{c.reference}</span> · {[c.details.givenNames, c.details.familyName].filter(Boolean).join(" ")}
      </h1>
      {d.notice && (
        <div className="notice" role="status">
          <p>{t(`case.notices.${d.notice}`)}</p>
        </div>
      )}
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>
            {error.code === "routing" && error.params?.routing
              ? t(`case.routingProblem.${error.params.routing}`, { unit: error.params.unit })
              : t(`case.errors.${error.code}`, { name: error.name ?? "" })}
          </p>
        </div>
      )}
      <dl className="summary">
        <div>
          <dt>{t("case.state")}</dt>
          <dd>{ta(`case.states.${c.state}`)}</dd>
        </div>
        <div>
          <dt>{t("case.service")}</dt>
          <dd>{d.service ? pick(d.service.name, lng) : ""}</dd>
        </div>
        <div>
          <dt>{t("case.submittedAt")}</dt>
          <dd>{when(c.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t("case.claimedBy")}</dt>
          <dd>{c.claimedBy ? (d.staffNames[c.claimedBy] ?? "?") : t("case.notClaimed")}</dd>
        </div>
      </dl>
      {d.byHelper && <p className="notice">{t("case.byHelper")}</p>}

      {clearingRole && (c.state === "submitted" || (c.claimedBy !== null && ["in_clearing", "documents_requested", "complete"].includes(c.state))) && (
        <div className="doc-actions">
          {c.state === "submitted" && <ActionButton intent="claim" label={t("case.claim")} />}
          {c.claimedBy !== null && (mine || d.staff.role !== "clearing") && ["in_clearing", "documents_requested", "complete"].includes(c.state) && (
            <ActionButton intent="release" label={t("case.release")} secondary />
          )}
        </div>
      )}
      {clearingRole && c.state === "submitted" && <p className="hint">{t("case.claimFirst")}</p>}

      <div className="case-grid">
        <div>
          <section aria-labelledby="completeness-title">
            <h2 id="completeness-title">{t("case.completenessTitle")}</h2>
            {d.completeness && <p>{t(`case.completenessSummary.${d.completeness.summary.state}`)}</p>}
            <ul className="rule-list">
              {(d.completeness?.rules ?? []).map((rule) => (
                <RuleCard key={rule.documentTypeId} rule={rule} data={d} canReview={mine && inClearing} docName={docName(rule.documentTypeId)} when={when} />
              ))}
            </ul>
          </section>

          {clearingRole && mine && inClearing && (
            <section aria-labelledby="request-title" className="panel">
              <h2 id="request-title">{t("case.requestTitle")}</h2>
              {d.requestable.length === 0 ? (
                <p>{t("case.nothingToRequest")}</p>
              ) : (
                <Form method="post" className="reject-form">
                  <input type="hidden" name="intent" value="request" />
                  <p>{t("case.requestIntro")}</p>
                  <fieldset>
                    <legend>{t("case.requestItems")}</legend>
                    {d.requestable.map((id) => (
                      <div className="field checkbox" key={id}>
                        <input type="checkbox" name="items" value={id} id={`item-${id}`} defaultChecked />
                        <label htmlFor={`item-${id}`}>{docName(id)}</label>
                      </div>
                    ))}
                  </fieldset>
                  <div className="field">
                    <label htmlFor="deadline">{t("case.deadline")}</label>
                    <p className="hint" id="deadline-hint">
                      {t("case.deadlineHint")}
                    </p>
                    <input type="date" id="deadline" name="deadline" defaultValue={plusDays(d.today, DEFAULT_REQUEST_DAYS)} min={plusDays(d.today, 1)} aria-describedby="deadline-hint" />
                  </div>
                  <div className="field">
                    <label htmlFor="request-message">{t("case.requestMessage")}</label>
                    <textarea id="request-message" name="message" rows={3} maxLength={1000} />
                  </div>
                  <button type="submit">{t("case.sendRequest")}</button>
                </Form>
              )}
            </section>
          )}

          {c.state === "documents_requested" && c.documentRequest && (
            <section aria-labelledby="open-request-title" className="panel">
              <h2 id="open-request-title">{t("case.openRequestTitle")}</h2>
              <p>{t("case.openRequest", { requested: formatDay(lng, c.documentRequest.requestedOn), deadline: formatDay(lng, c.documentRequest.deadline) })}</p>
              <ul>
                {c.documentRequest.items.map((id) => (
                  <li key={id}>{docName(id)}</li>
                ))}
              </ul>
              {c.documentRequest.message && <p className="hint">{c.documentRequest.message}</p>}
              {c.documentRequest.remindedOn && <p>{t("case.reminded", { date: formatDay(lng, c.documentRequest.remindedOn) })}</p>}
              {c.documentRequest.extensions > 0 && <p>{t("case.extensions", { count: c.documentRequest.extensions })}</p>}
              {clearingRole && mine && (
                <>
                  <Form method="post" className="doc-actions">
                    <input type="hidden" name="intent" value="extend" />
                    <div className="field">
                      <label htmlFor="new-deadline">{t("case.newDeadline")}</label>
                      <input type="date" id="new-deadline" name="deadline" defaultValue={plusDays(c.documentRequest.deadline, 7)} min={plusDays(c.documentRequest.deadline, 1)} />
                    </div>
                    <button type="submit" className="secondary">
                      {t("case.extend")}
                    </button>
                  </Form>
                  <ActionButton intent="respond" label={t("case.recordAnswer")} secondary />
                </>
              )}
            </section>
          )}

          {clearingRole && mine && inClearing && (
            <section aria-labelledby="forward-title" className="panel">
              <h2 id="forward-title">{t("case.forwardTitle")}</h2>
              {d.routing?.ok ? (
                <>
                  <p>{t("case.forwardTo", { unit: unitName(d.routing.unitId) })}</p>
                  <p>{d.routing.caseWorker ? t("case.caseWorker", { name: d.routing.caseWorker.name }) : t("case.noCaseWorker")}</p>
                  <RoutingRuleText rule={d.routing.rule} serviceName={d.service ? pick(d.service.name, lng) : ""} />
                  <ActionButton intent="forward" label={t("case.forward")} />
                </>
              ) : d.routing && !d.routing.ok ? (
                <p className="error-message">{t(`case.routingProblem.${d.routing.routing.code}`, { unit: "unitId" in d.routing.routing ? d.routing.routing.unitId : "" })}</p>
              ) : (
                <p>{t("case.forwardBlocked")}</p>
              )}
            </section>
          )}

          {c.routedUnitId && c.forwardedAt && <p>{t("case.routedTo", { unit: unitName(c.routedUnitId), when: when(c.forwardedAt) })}</p>}

          {processingRole && ["forwarded_to_unit", "in_processing", "decided", "ready_for_pickup"].includes(c.state) && (
            <section aria-labelledby="processing-title" className="panel">
              <h2 id="processing-title">{t("case.processingTitle")}</h2>
              {c.decision && <p>{t("case.decidedAs", { decision: t(`case.decisions.${c.decision}`) })}</p>}
              {c.state === "forwarded_to_unit" && <ActionButton intent="start" label={t("case.startProcessing")} />}
              {c.state === "in_processing" && (
                <Form method="post" className="reject-form">
                  <input type="hidden" name="intent" value="decide" />
                  <fieldset>
                    <legend>{t("case.decision")}</legend>
                    {(["granted", "refused"] as const).map((v) => (
                      <div className="field checkbox" key={v}>
                        <input type="radio" name="decision" value={v} id={`decision-${v}`} />
                        <label htmlFor={`decision-${v}`}>{t(`case.decisions.${v}`)}</label>
                      </div>
                    ))}
                  </fieldset>
                  <button type="submit">{t("case.decide")}</button>
                </Form>
              )}
              {c.state === "decided" && c.decision === "granted" && <ActionButton intent="ready" label={t("case.readyForPickup")} />}
              {(c.state === "decided" || c.state === "ready_for_pickup") && <ActionButton intent="close" label={t("case.close")} secondary />}
            </section>
          )}
        </div>

        <div>
          <section aria-labelledby="applicant-title">
            <h2 id="applicant-title">{t("case.applicantTitle")}</h2>
            <Details data={d} />
          </section>
          {d.service && d.service.questions.length > 0 && (
            <section aria-labelledby="answers-title">
              <h2 id="answers-title">{t("case.answersTitle")}</h2>
              <dl className="summary">
                {d.service.questions.map((q) => {
                  const answer = q.options.find((o) => o.key === (c.answers as Record<string, string>)[q.key]);
                  return (
                    <div key={q.key}>
                      <dt>{pick(q.label, lng)}</dt>
                      <dd>{answer ? pick(answer.label, lng) : "–"}</dd>
                    </div>
                  );
                })}
              </dl>
            </section>
          )}
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t("case.historyTitle")}</h2>
            <ol className="history">
              {d.events.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.at}>{when(e.at)}</time> · {eventText(t, e, docName, unitName, lng)} ·{" "}
                  <span className="hint">{e.actorKind === "staff" ? (d.staffNames[Number(e.actorId)] ?? "?") : t(`case.actor.${e.actorKind}`)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}

function eventText(
  t: (key: string, values?: Record<string, unknown>) => string,
  e: { type: string; data: Record<string, unknown> },
  docName: (id: string) => string,
  unitName: (id: string | null) => string,
  lng: Language,
): string {
  const values: Record<string, unknown> = {};
  if (typeof e.data.deadline === "string") values.deadline = formatDay(lng, e.data.deadline);
  if (Array.isArray(e.data.items)) values.items = (e.data.items as string[]).map(docName).join(", ");
  if (typeof e.data.unitId === "string") values.unit = unitName(e.data.unitId);
  if (typeof e.data.decision === "string") values.decision = t(`case.decisions.${e.data.decision}`);
  return t(`case.events.${e.type}`, values);
}

function ActionButton({ intent, label, secondary }: { intent: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "secondary" : undefined}>
        {label}
      </button>
    </Form>
  );
}

function RoutingRuleText({ rule, serviceName }: { rule: NonNullable<Extract<LoaderData["routing"], { ok: true }>>["rule"]; serviceName: string }) {
  const { t } = useTranslation("clearing");
  return (
    <ul className="hint">
      <li>{rule.unit.by === "service" ? t("case.ruleService", { service: serviceName }) : t("case.ruleAnswer", { question: rule.unit.question })}</li>
      <li>
        {rule.caseWorker.by === "letter-range"
          ? t("case.ruleLetter", { letter: rule.caseWorker.letter, first: rule.caseWorker.firstLetter, last: rule.caseWorker.lastLetter })
          : rule.caseWorker.cause === "unit-has-no-letter-ranges"
            ? t("case.ruleNoRanges")
            : t("case.ruleNeedsMrz")}
      </li>
    </ul>
  );
}

function reasonText(t: (key: string, values?: Record<string, unknown>) => string, reason: CompletenessReason | undefined, lng: Language, reasonLabel: (id: string) => string): string | null {
  if (!reason) return null;
  const p = reason.params as Record<string, unknown>;
  const values: Record<string, unknown> = { ...p };
  for (const k of ["documentDate", "validUntil", "mustBeValidThrough"]) if (typeof p[k] === "string") values[k] = formatDay(lng, p[k] as string);
  if (reason.code === "rejected") values.reviewReason = reasonLabel(String(p.reviewReason));
  if (reason.code === "awaiting-review") values.count = p.pending;
  const key = `case.reason.${reason.code}`;
  const text = t(key, values);
  return text === key ? null : text;
}

function RuleCard({ rule, data: d, canReview, docName, when }: { rule: RuleResult; data: LoaderData; canReview: boolean; docName: string; when: (iso: string) => string }) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const reasonLabel = (id: string) => {
    const r = d.reasonCodes.find((x) => x.id === id);
    return r ? pick(r.label as never, lng) : id;
  };
  const docs = d.documents.filter((doc) => doc.documentTypeId === rule.documentTypeId);
  const reason = reasonText(t, rule.reason, lng, reasonLabel);
  return (
    <li className={`rule rule-status-${rule.status}`}>
      <h3>{docName}</h3>
      <p>
        <strong>{t(`case.ruleStatus.${rule.status}`)}</strong>
        {reason && ` · ${reason}`}
      </p>
      {docs.length === 0 ? (
        <p className="hint">{t("case.noDocuments")}</p>
      ) : (
        <ul className="doc-list">
          {docs.map((doc) => (
            <DocumentItem key={doc.id} doc={doc} data={d} canReview={canReview} docName={docName} reasonLabel={reasonLabel} when={when} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DocumentItem({
  doc,
  data: d,
  canReview,
  docName,
  reasonLabel,
  when,
}: {
  doc: LoaderData["documents"][number];
  data: LoaderData;
  canReview: boolean;
  docName: string;
  reasonLabel: (id: string) => string;
  when: (iso: string) => string;
}) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const href = useLocalizedHref(`/staff/cases/${d.case.reference}/documents/${doc.id}`);
  const name = doc.displayName ?? docName;
  return (
    <li className="doc">
      <p>
        <a href={href} target="_blank" rel="noopener">
          {t("case.document.open")}: <bdi>{name}</bdi>
        </a>{" "}
        · {t("case.document.pages", { count: doc.pages })} · {t("case.document.uploadedAt", { when: when(doc.uploadedAt) })}
        {doc.documentDate && ` · ${t("case.document.issuedOn", { date: formatDay(lng, doc.documentDate) })}`}
        {doc.validUntil && ` · ${t("case.document.validUntil", { date: formatDay(lng, doc.validUntil) })}`}
      </p>
      {doc.mediaType === "image/jpeg" && <img className="doc-preview" src={href} alt={t("case.document.preview", { name })} loading="lazy" />}
      <p>
        <strong>{t(`case.document.review.${doc.review}`, { reason: doc.reasonCode ? reasonLabel(doc.reasonCode) : "" })}</strong>
        {doc.reviewNote && ` · ${doc.reviewNote}`}
      </p>
      {canReview && (
        <div className="doc-actions">
          {doc.review !== "accepted" && (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="documentId" value={doc.id} />
              <button type="submit">
                {t("case.document.accept")}
                <span className="visually-hidden">: {name}</span>
              </button>
            </Form>
          )}
          {doc.review !== "rejected" && (
            <Form method="post" className="reject-form">
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="documentId" value={doc.id} />
              <div className="field">
                <label htmlFor={`reason-${doc.id}`}>{t("case.document.reasonCode")}</label>
                <select id={`reason-${doc.id}`} name="reasonCode" defaultValue="" required>
                  <option value="" disabled>
                    {t("case.document.chooseReason")}
                  </option>
                  {d.reasonCodes.map((r) => (
                    <option key={r.id} value={r.id}>
                      {pick(r.label as never, lng)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`note-${doc.id}`}>{t("case.document.note")}</label>
                <p className="hint" id={`note-hint-${doc.id}`}>
                  {t("case.document.noteHint")}
                </p>
                <textarea id={`note-${doc.id}`} name="note" rows={2} maxLength={500} aria-describedby={`note-hint-${doc.id}`} />
              </div>
              <button type="submit" className="warning">
                {t("case.document.reject")}
                <span className="visually-hidden">: {name}</span>
              </button>
            </Form>
          )}
        </div>
      )}
    </li>
  );
}

function Details({ data: d }: { data: LoaderData }) {
  const { t, i18n } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const lng = i18n.language as Language;
  const x = d.case.details;
  const rows: [string, string | null | undefined, boolean?][] = [
    ["familyName", x.familyName],
    ["familyNameMrz", x.familyNameMrz, true],
    ["givenNames", x.givenNames],
    ["birthDate", x.birthDate ? formatDay(lng, x.birthDate) : null],
    ["nationality", x.nationality ? countryName(lng, x.nationality, ta("about.stateless")) : null],
    ["email", x.email, true],
    ["phone", x.phone, true],
    ["address", [x.street, [x.postcode, x.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")],
    ["permitExpires", x.permitExpires ? formatDay(lng, x.permitExpires) : null],
    ["language", isLanguage(d.case.language) ? nativeNames[d.case.language] : d.case.language],
  ];
  return (
    <dl className="summary">
      {rows
        .filter(([, v]) => v)
        .map(([k, v, ltr]) => (
          <div key={k}>
            <dt>{t(`case.fields.${k}`)}</dt>
            <dd dir={ltr ? "ltr" : undefined}>
              <bdi>{v}</bdi>
            </dd>
          </div>
        ))}
    </dl>
  );
}

export type { StaffUser };
