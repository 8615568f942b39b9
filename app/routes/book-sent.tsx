import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/book-sent";
import { PageTitle } from "#app/components/page-title";

// Shown when a confirmation is sent twice (a double click, a retried request): the booking
// exists once, and its link was sent by message.
export function loader({ request }: Route.LoaderArgs) {
  const code = new URL(request.url).searchParams.get("code") ?? "";
  if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code)) throw data(null, { status: 404 });
  return { code };
}

export default function BookSent({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("booking");
  return (
    <div className="page booking">
      <PageTitle>{t("appointment.booked")}</PageTitle>
      <div className="success-panel" role="status">
        <h1>{t("appointment.booked")}</h1>
        <p>
          {t("appointment.code")}: <strong dir="ltr">{loaderData.code}</strong>
        </p>
        <p>{t("sent.body")}</p>
      </div>
    </div>
  );
}
