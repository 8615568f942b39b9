// The draft's documents page (app/routes/application-documents.tsx): one slot per document the
// rules ask for, with what is expected and why, the files that arrived and an upload form; and
// the files no rule asks for any more, which can be taken back.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { UploadForm } from "#app/components/upload-form";
import type { DocumentSlot } from "#app/domain/applications/drafts.server";
import type { UploadFormErrors } from "#app/domain/applications/upload-messages";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";

export type SlotFailure = { slot: string | null; errors: UploadFormErrors; values: { documentDate?: string; validUntil?: string } };

function RemoveButton({ action, documentId, name }: { action: string; documentId: string; name?: string }) {
  const { t } = useTranslation("apply");
  return (
    <Form method="post" action={action}>
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="documentId" value={documentId} />
      <button type="submit" className="secondary">
        {t("documents.remove")}
        {name !== undefined && <span className="visually-hidden"> {name}</span>}
      </button>
    </Form>
  );
}

export function DocumentSlotSection({ slot, action, uploadUrl, failed }: { slot: DocumentSlot; action: string; uploadUrl: string; failed: SlotFailure | null }) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const mine = failed?.slot === slot.documentTypeId ? failed : null;
  return (
    <section id={`slot-${slot.documentTypeId}`} className="document-slot" aria-labelledby={`title-${slot.documentTypeId}`} data-status={slot.status}>
      <h2 id={`title-${slot.documentTypeId}`}>{pick(slot.name, lng)}</h2>
      <p className={`slot-status status-${slot.status}`}>{t(`case.rule.${slot.status}`, { needed: slot.needed, have: slot.have })}</p>
      <p>{pick(slot.description, lng)}</p>
      <ul className="rule-hints">
        {slot.needed > 1 && <li>{t("catalogue:service.checklist.count", { count: slot.needed })}</li>}
        {slot.hints.map((h) => (
          <li key={h.key}>{t(`catalogue:service.checklist.${h.key}`, { count: h.count })}</li>
        ))}
      </ul>
      <p className="hint">{slot.because ? t("documents.because", { answer: pick(slot.because, lng) }) : t("documents.always")}</p>
      {slot.files.length > 0 && (
        <ul className="uploaded-files">
          {slot.files.map((f, i) => (
            <li key={f.id} data-verdict={f.verdict}>
              <span>
                {f.name ?? t("documents.file", { number: i + 1 })} ({t(f.mediaType === "application/pdf" ? "documents.pdfPages" : "documents.photo", { count: f.pages })})
                {f.documentDate && <> · {t("documents.issuedOn", { date: formatDay(lng, f.documentDate) })}</>}
                {f.validUntil && <> · {t("documents.validUntil", { date: formatDay(lng, f.validUntil) })}</>}
              </span>
              <RemoveButton action={action} documentId={f.id} name={f.name ?? pick(slot.name, lng)} />
            </li>
          ))}
        </ul>
      )}
      <UploadForm
        action={action}
        uploadUrl={uploadUrl}
        documentTypeId={slot.documentTypeId}
        documentName={pick(slot.name, lng)}
        needsDocumentDate={slot.needsDocumentDate}
        needsValidUntil={slot.needsValidUntil}
        errors={mine?.errors}
        values={mine?.values}
      />
    </section>
  );
}

export function NotNeededDocuments({ files, action }: { files: Array<{ id: string; name: string | null }>; action: string }) {
  const { t } = useTranslation("apply");
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="not-needed-title">
      <h2 id="not-needed-title">{t("documents.notNeededTitle")}</h2>
      <p>{t("documents.notNeededHint")}</p>
      <ul className="uploaded-files">
        {files.map((f) => (
          <li key={f.id}>
            <span>{f.name ?? t("documents.file", { number: 1 })}</span>
            <RemoveButton action={action} documentId={f.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The summary of what the last upload refused, each entry linking to its slot. */
export function uploadSummary(failed: SlotFailure | null, t: (key: string, values?: Record<string, unknown>) => string) {
  if (!failed) return [];
  const field = `slot-${failed.slot ?? ""}`;
  return [
    ...(failed.errors.file ?? []).map((e) => ({ field, message: `${e.fileName ? `${e.fileName}: ` : ""}${t(e.key, e.values)}` })),
    ...[failed.errors.documentDate, failed.errors.validUntil].flatMap((e) => (e ? [{ field, message: t(e.key, e.values) }] : [])),
  ];
}
