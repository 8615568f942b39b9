import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/application";
import { LocalizedLink } from "~/components/localized-link";
import { PageTitle } from "~/components/page-title";
import { applicationByDraftSecret } from "~/domain/applications/applications.server";
import { applicationPath } from "~/domain/applications/paths";
import { appContext } from "~/lib/context";
import { formatDate, formatTime } from "~/lib/i18n/format";
import type { Language } from "~/lib/i18n/languages";

// The draft's own link: a draft continues where the person stopped; a submitted application
// says so and points to the status page, which needs the access code (the draft link alone
// does not show the case).
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const application = await applicationByDraftSecret(db, params.secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  if (application.state === "draft") throw redirect(applicationPath(params.secret, application.step, lng));
  return { reference: application.reference!, submittedAt: application.submittedAt!.toISOString() };
}

export default function Application({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const at = new Date(loaderData.submittedAt);
  return (
    <div className="page apply">
      <PageTitle>{t("submitted.title")}</PageTitle>
      <h1>{t("submitted.title")}</h1>
      <p>
        {t("submitted.body", {
          reference: loaderData.reference,
          when: `${formatDate(lng, at, "Europe/Berlin")}, ${formatTime(lng, at, "Europe/Berlin")}`,
        })}
      </p>
      <p>
        <LocalizedLink to="/status">{t("submitted.toStatus")}</LocalizedLink>
      </p>
    </div>
  );
}
