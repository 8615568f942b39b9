// The form for one document slot: choose files or take a photo, optionally the document's
// dates, and send. Server-rendered and complete without JavaScript (a multipart POST to the
// page's action with intent=upload); public/upload.js, where it can run, shrinks photos in the
// browser and sends the files in resumable pieces to `uploadUrl`, with a progress bar.
// Texts: the "upload" namespace; refusals may also come from "documents" (keys carry their namespace).
import { useTranslation } from "react-i18next";
import type { UploadFormErrors, UploadMessage } from "#app/domain/applications/upload-messages";
import { useNonce } from "#app/lib/nonce";

export const acceptedTypes = "image/jpeg,image/png,image/heic,image/heif,application/pdf";

export type UploadFormProps = {
  /** Where the form posts without JavaScript (the page's own action). */
  action: string;
  /** The upload API for this application: /application/:secret/uploads or /case/:secret/uploads. */
  uploadUrl: string;
  documentTypeId: string;
  /** The document's name in the page's language. */
  documentName: string;
  needsDocumentDate: boolean;
  needsValidUntil: boolean;
  errors?: UploadFormErrors | undefined;
  /** The dates as sent, to show them again after a refusal. */
  values?: { documentDate?: string; validUntil?: string } | undefined;
};

export function UploadForm(props: UploadFormProps) {
  const { t } = useTranslation(["upload", "documents"]);
  const nonce = useNonce();
  const { errors = {}, values = {} } = props;
  const id = `upload-${props.documentTypeId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const say = (m: UploadMessage) => t(m.key, m.values);
  // Placeholders the script fills in ({current}, {total}, …), so the texts stay translated here.
  const texts = {
    "data-text-preparing": t("status.preparing", { current: "{current}", total: "{total}" }),
    "data-text-uploading": t("status.uploading", { current: "{current}", total: "{total}", percent: "{percent}" }),
    "data-text-retrying": t("status.retrying", { seconds: "{seconds}" }),
    "data-text-resuming": t("status.resuming"),
    "data-text-done": t("status.done"),
    "data-text-partly": t("status.partly", { stored: "{stored}", total: "{total}" }),
    "data-text-paused": t("status.paused"),
    "data-text-failed": t("status.failed"),
  };
  const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(" ") || undefined;
  const fileError = !!errors.file && errors.file.length > 0;

  return (
    <>
      <form method="post" encType="multipart/form-data" action={props.action} className="upload-form" data-upload-url={props.uploadUrl} {...texts}>
        <input type="hidden" name="intent" value="upload" />
        <input type="hidden" name="documentTypeId" value={props.documentTypeId} />
        <fieldset>
          <legend>{t("form.legend", { document: props.documentName })}</legend>
          {fileError && (
            <ul className="error-message upload-errors" id={`${id}-file-error`}>
              {errors.file!.map((m, i) => (
                <li key={i}>{m.fileName ? t("form.refusedFile", { name: m.fileName, message: say(m) }) : say(m)}</li>
              ))}
            </ul>
          )}
          <div className="upload-field">
            <label htmlFor={`${id}-file`}>{t("form.file")}</label>
            <p className="hint" id={`${id}-file-hint`}>
              {t("form.fileHint")}
            </p>
            <input
              id={`${id}-file`}
              type="file"
              name="file"
              multiple
              accept={acceptedTypes}
              aria-describedby={describedBy(`${id}-file-hint`, fileError && `${id}-file-error`)}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <div className="upload-field">
            <label htmlFor={`${id}-camera`}>{t("form.camera")}</label>
            <p className="hint" id={`${id}-camera-hint`}>
              {t("form.cameraHint")}
            </p>
            <input id={`${id}-camera`} type="file" name="file" accept="image/*" capture="environment" aria-describedby={`${id}-camera-hint`} />
          </div>
          {props.needsDocumentDate && (
            <DateField
              id={`${id}-document-date`}
              name="documentDate"
              label={t("form.documentDate")}
              hint={t("form.documentDateHint")}
              value={values.documentDate}
              error={errors.documentDate && say(errors.documentDate)}
            />
          )}
          {props.needsValidUntil && (
            <DateField
              id={`${id}-valid-until`}
              name="validUntil"
              label={t("form.validUntil")}
              hint={t("form.validUntilHint")}
              value={values.validUntil}
              error={errors.validUntil && say(errors.validUntil)}
            />
          )}
          <button type="submit">{t("form.submit")}</button>
          <div className="upload-progress" hidden>
            <label htmlFor={`${id}-progress`} className="visually-hidden">
              {t("form.progress")}
            </label>
            <progress id={`${id}-progress`} max={100} value={0} />
          </div>
          <p className="upload-status" role="status" aria-live="polite" />
        </fieldset>
      </form>
      {/* async: React renders it once however many forms the page has. */}
      <script src="/upload.js" async nonce={nonce} />
    </>
  );
}

function DateField(props: { id: string; name: string; label: string; hint: string; value: string | undefined; error: string | undefined }) {
  return (
    <div className={props.error ? "upload-field field-error" : "upload-field"}>
      <label htmlFor={props.id}>{props.label}</label>
      <p className="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      {props.error && (
        <p className="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        type="date"
        name={props.name}
        defaultValue={props.value}
        min="1900-01-01"
        max="2199-12-31"
        aria-describedby={[`${props.id}-hint`, props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ")}
        aria-invalid={props.error ? true : undefined}
      />
    </div>
  );
}
