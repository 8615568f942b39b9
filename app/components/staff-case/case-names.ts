import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import type { loader } from "#app/routes/staff-case";

/** What the case page's loader sends (the page's parts each take the part they show). */
export type CaseData = Awaited<ReturnType<typeof loader>>;
export type CaseDocument = CaseData["documents"][number];

/** The names the case page writes: documents, units, review reasons, and instants in the office's time zone. */
export function useCaseNames(d: CaseData) {
  const { i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  return {
    lng,
    when: (iso: string) => formatDateTime(lng, new Date(iso), office.timeZone),
    unitName: (id: string | null) => (id ? pick((d.units.find((u) => u.id === id)?.name ?? { de: id }) as never, lng) : ""),
    docName: (id: string) => {
      const rule = d.service?.rules.find((r) => r.documentTypeId === id);
      return rule ? pick(rule.name, lng) : id;
    },
    reasonLabel: (id: string) => {
      const r = d.reasonCodes.find((x) => x.id === id);
      return r ? pick(r.label as never, lng) : id;
    },
    serviceName: d.service ? pick(d.service.name, lng) : "",
  };
}

export type CaseNames = ReturnType<typeof useCaseNames>;
