import { useTranslation } from "react-i18next";
import type { OfficeReply } from "#app/domain/booking/office-refusals";
import type { OfficeAction } from "#app/domain/booking/office-schemas";

/**
 * One form's part of the office action's reply: its errors (i18n keys) and the values as sent,
 * when the reply is about this form (the sent `intent` names it); `error` translates a field's.
 */
export function useOfficeForm(reply: OfficeReply | undefined, intent: OfficeAction["intent"]) {
  const { t } = useTranslation("servicepoint");
  const mine = reply?.values.intent === intent ? reply : undefined;
  const errors = mine?.errors ?? {};
  return {
    errors,
    values: mine?.values ?? null,
    error: (field: string) => (errors[field] ? t(errors[field]) : undefined),
  };
}
