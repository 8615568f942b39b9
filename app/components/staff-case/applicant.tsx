// The right-hand column of a case: the applicant's details, their answers, and the history.
import { useTranslation } from "react-i18next";
import { countryName } from "#app/domain/applications/countries";
import { formatDay } from "#app/lib/i18n/format";
import { isLanguage, nativeNames, pick } from "#app/lib/i18n/languages";
import type { CaseData, CaseNames } from "./case-names";

export function ApplicantColumn({ data: d, names }: { data: CaseData; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const { lng } = names;
  const c = d.case;
  return (
    <div>
      <section aria-labelledby="applicant-title">
        <h2 id="applicant-title">{t("case.applicantTitle")}</h2>
        <Details data={d} names={names} />
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
              <time dateTime={e.at}>{names.when(e.at)}</time> · {eventText(t, e, names)} ·{" "}
              <span className="hint">{e.actorKind === "staff" ? (d.staffNames[Number(e.actorId)] ?? "?") : t(`case.actor.${e.actorKind}`)}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function eventText(t: (key: string, values?: Record<string, unknown>) => string, e: { type: string; data: Record<string, unknown> }, names: CaseNames): string {
  const values: Record<string, unknown> = {};
  if (typeof e.data.deadline === "string") values.deadline = formatDay(names.lng, e.data.deadline);
  if (Array.isArray(e.data.items)) values.items = (e.data.items as string[]).map(names.docName).join(", ");
  if (typeof e.data.unitId === "string") values.unit = names.unitName(e.data.unitId);
  if (typeof e.data.decision === "string") values.decision = t(`case.decisions.${e.data.decision}`);
  return t(`case.events.${e.type}`, values);
}

function Details({ data: d, names }: { data: CaseData; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const { lng } = names;
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
