import { useTranslation } from "react-i18next";
import { ChevronIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { OfficeAddress, OfficeContact } from "#app/components/office-contact";
import { OpeningHours } from "#app/components/opening-hours";
import { useRootData } from "#app/root";

export default function Home() {
  const { t } = useTranslation("catalogue");
  const root = useRootData();
  const { office } = root;
  const tasks = [
    { key: "documents", to: "/services" },
    { key: "book", to: "/services?show=appointment" },
    { key: "apply", to: "/services?show=application" },
  ] as const;
  return (
    <div className="page home">
      <title>{t("common:pageTitle", { page: t("home.title"), office: office.name })}</title>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title" className="visually-hidden">
          {t("home.tasksLabel")}
        </h2>
        <ul className="cards">
          {tasks.map((task) => (
            <li key={task.key} className="card">
              <h3>
                <LocalizedLink to={task.to} className="card-link">
                  {t(`home.${task.key}.title`)}
                  <ChevronIcon />
                </LocalizedLink>
              </h3>
              <p>{t(`home.${task.key}.text`)}</p>
            </li>
          ))}
          <li className="card" id="status">
            <h3>
              <LocalizedLink to="/status" className="card-link">
                {t("home.status.title")}
                <ChevronIcon />
              </LocalizedLink>
            </h3>
            <p>{t("apply:entry.statusOnline")}</p>
            <p>{t("home.status.text")}</p>
            <OfficeContact office={office} />
          </li>
        </ul>
      </section>
      <section className="visit" aria-labelledby="visit-title">
        <h2 id="visit-title">{t("home.visit.title")}</h2>
        <OfficeAddress office={office} />
        <OpeningHours hours={root.hours} nextHoliday={root.nextHoliday} headingLevel={3} />
      </section>
    </div>
  );
}
