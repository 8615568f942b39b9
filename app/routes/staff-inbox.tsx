// The case worker's inbox: the forwarded cases of their unit and letter range only (team leads
// and admins see every forwarded case, with who holds it).
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/staff-inbox";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { listServices } from "#app/domain/catalogue/catalogue.server";
import { inbox } from "#app/domain/clearing/inbox.server";
import { allow } from "#app/domain/access/guard.server";
import { can } from "#app/domain/access/policy";
import { useStaffActor } from "#app/components/use-staff";
import { appContext } from "#app/lib/context";
import { formatDate } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ context }: Route.LoaderArgs) {
  const staff = allow(context, "inbox:view");
  const { db } = context.get(appContext);
  const services = (await listServices(db)).map((s) => ({ id: s.id, name: s.name }));
  return { items: await inbox(db, staff), services };
}

export default function StaffInbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const { items, services } = loaderData;
  // Team leads see every forwarded case, with who holds it; a case worker only their own.
  const overseer = can(useStaffActor(), "cases:oversee");
  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? pick(s.name, lng) : id;
  };
  return (
    <>
      <PageTitle>{t("inbox.title")}</PageTitle>
      <h1>{t("inbox.title")}</h1>
      <p>{overseer ? t("inbox.introLead") : t("inbox.intro")}</p>
      {items.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <ul className="cards queue-list">
          {items.map((item) => (
            <li key={item.id} className="card">
              <h2 className="queue-heading">
                <LocalizedLink to={`/staff/cases/${item.reference}`}>
                  <span dir="ltr">{item.reference}</span> · {item.name}
                </LocalizedLink>
              </h2>
              <p className="badges">
                <span className="badge">{ta(`case.states.${item.state}`)}</span>
              </p>
              <dl className="summary">
                <div>
                  <dt>{t("queue.columns.service")}</dt>
                  <dd>{serviceName(item.serviceId)}</dd>
                </div>
                <div>
                  <dt>{t("inbox.forwardedAt")}</dt>
                  <dd>{formatDate(lng, new Date(item.forwardedAt), office.timeZone)}</dd>
                </div>
                {overseer && (
                  <div>
                    <dt>{t("inbox.caseWorker")}</dt>
                    <dd>{item.caseWorker ?? "–"}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
