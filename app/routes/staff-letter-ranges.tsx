// Admins edit each specialist unit's letter ranges: who handles which first letters of the
// family name (as the passport's machine-readable zone writes it). A gap or an overlap is
// refused with what is wrong, and nothing is saved.
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/staff-letter-ranges";
import { PageTitle } from "#app/components/page-title";
import { letterRangesOf, saveLetterRanges, type RangeInput } from "#app/domain/clearing/letter-ranges.server";
import type { LetterRangeProblem } from "#app/domain/clearing/routing";
import { listUnits } from "#app/domain/staff/accounts.server";
import { caseWorkers, specialistUnitIds } from "#app/domain/staff/staff-queries.server";
import { allow } from "#app/domain/access/guard.server";
import { ErrorSummary } from "#app/components/form-fields";
import { appContext } from "#app/lib/context";
import { type Language, pick } from "#app/lib/i18n/languages";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
/** Rows offered per unit: the current ranges plus room for new ones. */
const EXTRA_ROWS = 2;

export async function loader({ context }: Route.LoaderArgs) {
  allow(context, "letter-ranges:manage");
  const { db } = context.get(appContext);
  const [units, ranges, workers, specialist] = await Promise.all([listUnits(db), letterRangesOf(db), caseWorkers(db), specialistUnitIds(db)]);
  return {
    units: units
      .filter((u) => specialist.has(u.id))
      .map((u) => ({
        id: u.id,
        name: u.name,
        ranges: ranges.filter((r) => r.unitId === u.id).map((r) => ({ firstLetter: r.firstLetter, lastLetter: r.lastLetter, staffUserId: r.staffUserId })),
        workers: workers.filter((w) => w.unitId === u.id).map((w) => ({ id: w.id, name: w.name })),
      })),
  };
}

type ActionData = {
  unitId: string;
  saved: boolean;
  problems: LetterRangeProblem[];
  unknownWorker: boolean;
  rows: { firstLetter: string; lastLetter: string; staffUserId: string }[];
};

export async function action({ context, request }: Route.ActionArgs) {
  const staff = allow(context, "letter-ranges:manage");
  const { db } = context.get(appContext);
  const form = await request.formData();
  const unitId = String(form.get("unitId") ?? "");
  if (!/^[a-z][a-z0-9-]*$/.test(unitId)) throw data(null, { status: 400 });
  const firsts = form.getAll("firstLetter").map(String);
  const lasts = form.getAll("lastLetter").map(String);
  const workers = form.getAll("staffUserId").map(String);
  if (firsts.length > 26 + EXTRA_ROWS || firsts.length !== lasts.length || firsts.length !== workers.length) throw data(null, { status: 400 });
  const rows = firsts.map((f, i) => ({ firstLetter: f.trim().toUpperCase(), lastLetter: (lasts[i] ?? "").trim().toUpperCase(), staffUserId: workers[i] ?? "" }));
  // A row left empty is a range removed.
  const filled = rows.filter((r) => r.firstLetter || r.lastLetter || r.staffUserId);
  const input: RangeInput[] = filled.map((r) => ({ firstLetter: r.firstLetter, lastLetter: r.lastLetter, staffUserId: Number(r.staffUserId) || 0 }));
  const result = await saveLetterRanges(db, staff, unitId, input, new Date());
  if (result.ok) return data<ActionData>({ unitId, saved: true, problems: [], unknownWorker: false, rows: [] });
  return data<ActionData>({ unitId, saved: false, problems: result.problems, unknownWorker: Boolean(result.unknownWorker), rows: filled }, { status: 422 });
}

export default function StaffLetterRanges({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const { units } = loaderData;
  return (
    <>
      <PageTitle>{t("ranges.title")}</PageTitle>
      <h1>{t("ranges.title")}</h1>
      <p>{t("ranges.intro")}</p>
      {units.map((unit) => {
        const result = actionData?.unitId === unit.id ? actionData : null;
        const rows =
          result && !result.saved
            ? result.rows.map((r) => ({ ...r }))
            : unit.ranges.map((r) => ({ firstLetter: r.firstLetter, lastLetter: r.lastLetter, staffUserId: String(r.staffUserId ?? "") }));
        const shown = [...rows, ...Array.from({ length: EXTRA_ROWS }, () => ({ firstLetter: "", lastLetter: "", staffUserId: "" }))];
        const name = pick(unit.name, lng);
        return (
          <section key={unit.id} aria-labelledby={`unit-${unit.id}`} className="panel">
            <h2 id={`unit-${unit.id}`}>{name}</h2>
            {result?.saved && (
              <div className="notice" role="status">
                <p>{t("ranges.saved", { unit: name })}</p>
              </div>
            )}
            {result && !result.saved && (
              <ErrorSummary
                title={t("ranges.errors.title")}
                errors={[
                  ...(result.unknownWorker ? [{ message: t("ranges.errors.unknownWorker") }] : []),
                  ...result.problems.map((p) => ({
                    message: t(`ranges.errors.${p.code}`, { from: "from" in p ? p.from : p.firstLetter, to: "to" in p ? p.to : p.lastLetter }),
                  })),
                ]}
              />
            )}
            {unit.workers.length === 0 ? (
              <p>{t("ranges.noCaseWorkers")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="unitId" value={unit.id} />
                <div className="table-scroll">
                  <table className="range-table">
                    <caption className="visually-hidden">{name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("ranges.from")}</th>
                        <th scope="col">{t("ranges.to")}</th>
                        <th scope="col">{t("ranges.caseWorker")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((row, i) => {
                        const label = t("ranges.row", { number: i + 1 });
                        return (
                          <tr key={i}>
                            <td>
                              <LetterSelect name="firstLetter" value={row.firstLetter} label={`${label}: ${t("ranges.from")}`} />
                            </td>
                            <td>
                              <LetterSelect name="lastLetter" value={row.lastLetter} label={`${label}: ${t("ranges.to")}`} />
                            </td>
                            <td>
                              <select name="staffUserId" defaultValue={row.staffUserId} aria-label={`${label}: ${t("ranges.caseWorker")}`}>
                                <option value="">–</option>
                                {unit.workers.map((w) => (
                                  <option key={w.id} value={w.id}>
                                    {w.name}
                                  </option>
                                ))}
                              </select>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                <p className="hint">{t("ranges.empty")}</p>
                <button type="submit">
                  {t("ranges.save")}
                  <span className="visually-hidden">: {name}</span>
                </button>
              </Form>
            )}
          </section>
        );
      })}
    </>
  );
}

function LetterSelect({ name, value, label }: { name: string; value: string; label: string }) {
  return (
    <select name={name} defaultValue={value} aria-label={label} dir="ltr">
      <option value="">–</option>
      {LETTERS.map((l) => (
        <option key={l} value={l}>
          {l}
        </option>
      ))}
    </select>
  );
}
