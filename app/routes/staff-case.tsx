// One case for staff: the applicant's details and answers, the completeness result per rule
// with every document (viewed in the browser, accepted or rejected with a reason code), the
// document request, forwarding with the routing decision shown first, the case worker's steps,
// and the history. Every action is a plain POST form with an intent (case-actions.ts); the
// server checks role, claim and scope on each (clearing.server.ts), and a refusal is answered
// as refusal-replies.ts says.
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/staff-case";
import { ErrorSummary } from "#app/components/form-fields";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { ActionButton } from "#app/components/staff-case/action-button";
import { ApplicantColumn } from "#app/components/staff-case/applicant";
import { useCaseNames } from "#app/components/staff-case/case-names";
import { CaseSummary } from "#app/components/staff-case/case-summary";
import { ForwardPanel, OpenRequestPanel, RequestPanel } from "#app/components/staff-case/clearing-panels";
import { ProcessingPanel } from "#app/components/staff-case/processing-panel";
import { RuleCard } from "#app/components/staff-case/rule-card";
import { useStaffActor } from "#app/components/use-staff";
import { allow } from "#app/domain/access/guard.server";
import { can } from "#app/domain/access/policy";
import { caseActionInput, caseFieldAnchor, caseFieldsSent, isCaseNotice, noticeAfter, parseCaseAction } from "#app/domain/clearing/case-actions";
import { performCaseAction } from "#app/domain/clearing/case-actions.server";
import type { CaseState } from "#app/domain/cases/case-states";
import { caseFile, caseForStaff } from "#app/domain/clearing/clearing.server";
import { requestableItems } from "#app/domain/clearing/requests.server";
import { routingFor } from "#app/domain/clearing/forwarding.server";
import { officeDay } from "#app/domain/cases/days";
import { refusalReply } from "#app/domain/clearing/refusal-replies";
import { listUnits } from "#app/domain/staff/accounts.server";
import { appContext } from "#app/lib/context";
import { summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { fullName } from "#app/lib/names";
import { withLanguage } from "#app/lib/urls";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

/** The named fields of a row, and nothing else, for the browser. */
function only<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, object[k]])) as Pick<T, K>;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const staff = allow(context, "case:view");
  const { db } = context.get(appContext);
  const row = await caseForStaff(db, staff, params.reference);
  if (!row) throw data(null, { status: 404 });
  const now = new Date();
  const file = await caseFile(db, row, now);
  const clearingStage = row.state === "in_clearing" || row.state === "complete";
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    today: officeDay(now),
    notice: isCaseNotice(notice) ? notice : null,
    // Only what the page shows: the row also holds the applicant's secrets' hashes.
    case: {
      ...only(row, ["id", "language", "details", "answers", "claimedBy", "documentRequest", "routedUnitId", "routedCaseWorkerId", "decision"]),
      reference: row.reference!,
      state: row.state as CaseState,
      submittedAt: row.submittedAt!.toISOString(),
      forwardedAt: row.forwardedAt?.toISOString() ?? null,
    },
    service: file.service
      ? { name: file.service.name, questions: file.service.questions, rules: file.service.rules.map((r) => ({ documentTypeId: r.documentTypeId, name: r.name })) }
      : null,
    documents: file.documents.map((d) => ({
      ...only(d, ["id", "documentTypeId", "mediaType", "pages", "displayName", "documentDate", "validUntil", "review", "reasonCode", "reviewNote"]),
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    completeness: file.completeness,
    requestable: file.completeness ? requestableItems(file.completeness) : [],
    events: file.events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at.toISOString(),
      actorKind: e.actorKind,
      actorId: e.actorId,
      data: e.data as Record<string, unknown>,
    })),
    staffNames: file.staffNames,
    reasonCodes: file.reasonCodes.map((r) => ({ id: r.id, label: r.label })),
    units: (await listUnits(db)).map((u) => ({ id: u.id, name: u.name })),
    routing: clearingStage && file.completeness?.summary.complete ? await routingFor(db, row) : null,
    byHelper: file.events.some((e) => e.type === "submitted" && e.actorKind === "helper"),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const staff = allow(context, "case:view");
  const { db, env } = context.get(appContext);
  const row = await caseForStaff(db, staff, params.reference);
  if (!row) throw data(null, { status: 404 });
  const form = await request.formData();
  const parsed = parseCaseAction(caseActionInput(form));
  if (!parsed.ok) {
    if (!parsed.errors) throw data(null, { status: 400 });
    return invalid(parsed.errors, caseFieldsSent(form));
  }
  const outcome = await performCaseAction(db, staff, row.id, parsed.action, env.publicUrl, new Date());
  if (!outcome.ok) {
    const { status, key, values } = refusalReply(outcome.refusal);
    return data({ ok: false as const, refusal: { key, values } }, { status });
  }
  // A case the clerk can no longer see (forwarded to another unit stays visible to clearing) stays here.
  return redirect(withLanguage(`/staff/cases/${row.reference}`, new URL(request.url).searchParams.get("lng"), { notice: noticeAfter[parsed.action.intent] }));
}

export default function StaffCase({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("clearing");
  const names = useCaseNames(d);
  const actor = useStaffActor();
  const c = d.case;
  const resource = { id: c.id, state: c.state, routedUnitId: c.routedUnitId, routedCaseWorkerId: c.routedCaseWorkerId };
  const clearing = can(actor, "case:clear", resource);
  const processing = can(actor, "case:process", resource);
  const mine = c.claimedBy === actor.id;
  const held = c.claimedBy !== null && ["in_clearing", "documents_requested", "complete"].includes(c.state);
  const inClearing = c.state === "in_clearing";
  const problems = !actionData
    ? []
    : "refusal" in actionData
      ? [{ message: t(actionData.refusal.key, actionData.refusal.values) }]
      : summaryItems(
          actionData.errors,
          (key) => t(key),
          (field) => caseFieldAnchor(field, actionData.values),
        );
  return (
    <>
      <PageTitle>{t("case.title", { reference: c.reference })}</PageTitle>
      <p>
        {can(actor, "queue:view") ? (
          <LocalizedLink to="/staff/clearing">{t("case.back")}</LocalizedLink>
        ) : (
          <LocalizedLink to="/staff/inbox">{t("case.backInbox")}</LocalizedLink>
        )}
      </p>
      <h1>
        <span dir="ltr">{c.reference}</span> · {fullName(c.details)}
      </h1>
      {d.notice && (
        <div className="notice" role="status">
          <p>{t(`case.notices.${d.notice}`)}</p>
        </div>
      )}
      <ErrorSummary title={t("case.problemTitle")} errors={problems} />
      <CaseSummary data={d} names={names} />
      {d.byHelper && <p className="notice">{t("case.byHelper")}</p>}

      {clearing && (c.state === "submitted" || held) && (
        <div className="doc-actions">
          {c.state === "submitted" && <ActionButton intent="claim" label={t("case.claim")} />}
          {held && (mine || can(actor, "cases:oversee")) && <ActionButton intent="release" label={t("case.release")} secondary />}
        </div>
      )}
      {clearing && c.state === "submitted" && <p className="hint">{t("case.claimFirst")}</p>}

      <div className="case-grid">
        <div>
          <section aria-labelledby="completeness-title">
            <h2 id="completeness-title">{t("case.completenessTitle")}</h2>
            {d.completeness && <p>{t(`case.completenessSummary.${d.completeness.summary.state}`)}</p>}
            <ul className="rule-list">
              {(d.completeness?.rules ?? []).map((rule) => (
                <RuleCard key={rule.documentTypeId} rule={rule} data={d} canReview={mine && inClearing} names={names} />
              ))}
            </ul>
          </section>
          {clearing && mine && inClearing && <RequestPanel data={d} names={names} />}
          {c.state === "documents_requested" && c.documentRequest && <OpenRequestPanel request={c.documentRequest} mayAct={clearing && mine} names={names} />}
          {clearing && mine && inClearing && <ForwardPanel routing={d.routing} names={names} />}
          {c.routedUnitId && c.forwardedAt && <p>{t("case.routedTo", { unit: names.unitName(c.routedUnitId), when: names.when(c.forwardedAt) })}</p>}
          {processing && ["forwarded_to_unit", "in_processing", "decided", "ready_for_pickup"].includes(c.state) && <ProcessingPanel c={c} />}
        </div>
        <ApplicantColumn data={d} names={names} />
      </div>
    </>
  );
}
