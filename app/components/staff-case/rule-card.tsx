// One rule of the completeness check with its documents, each opened in the browser and, while
// the clerk holds the case in clearing, accepted or rejected with a reason code.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { useLocalizedHref } from "#app/components/localized-link";
import type { CompletenessReason, RuleResult } from "#app/domain/cases/completeness";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import type { CaseData, CaseDocument, CaseNames } from "./case-names";

type Translate = (key: string, values?: Record<string, unknown>) => string;

function reasonText(t: Translate, reason: CompletenessReason | undefined, lng: Language, reasonLabel: (id: string) => string): string | null {
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

export function RuleCard({ rule, data: d, canReview, names }: { rule: RuleResult; data: CaseData; canReview: boolean; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const docs = d.documents.filter((doc) => doc.documentTypeId === rule.documentTypeId);
  const reason = reasonText(t, rule.reason, names.lng, names.reasonLabel);
  const docName = names.docName(rule.documentTypeId);
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
            <DocumentItem key={doc.id} doc={doc} data={d} canReview={canReview} docName={docName} names={names} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DocumentItem({ doc, data: d, canReview, docName, names }: { doc: CaseDocument; data: CaseData; canReview: boolean; docName: string; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const { lng, reasonLabel, when } = names;
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
