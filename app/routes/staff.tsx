import { useTranslation } from "react-i18next";
import type { Route } from "./+types/staff";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { listUnits } from "#app/domain/staff/accounts.server";
import { currentStaff } from "#app/domain/access/guard.server";
import { staffActor, staffLinks } from "#app/domain/access/policy";
import { appContext } from "#app/lib/context";
import { type Language, pick } from "#app/lib/i18n/languages";

export async function loader({ context }: Route.LoaderArgs) {
  const staff = currentStaff(context);
  const { db } = context.get(appContext);
  const unit = staff.unitId ? ((await listUnits(db)).find((u) => u.id === staff.unitId) ?? null) : null;
  return { staff, unitName: unit?.name ?? null };
}

export default function StaffStart({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const lng = i18n.language as Language;
  const { staff, unitName } = loaderData;
  const tasks = staffLinks(staffActor(staff)).filter((l) => l.key !== "start");
  return (
    <>
      <PageTitle>{t("start.title")}</PageTitle>
      <h1>{t("start.welcome", { name: staff.name })}</h1>
      <p>
        {t("start.role", { role: t(`roles.${staff.role}`) })}
        {unitName && ` ${t("start.unit", { unit: pick(unitName, lng) })}`}
      </p>
      <h2>{t("start.tasksTitle")}</h2>
      <ul className="cards">
        {tasks.map((task) => (
          <li key={task.key} className="card">
            <h3>
              <LocalizedLink to={task.to}>{t(`nav.${task.key}`)}</LocalizedLink>
            </h3>
            <p>{t(`start.tasks.${task.key}`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
