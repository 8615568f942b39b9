import { useTranslation } from "react-i18next";
import { PageTitle } from "./page-title";

/** The short wait for people without JavaScript: the page moves on by itself. */
export function WaitPage({ seconds, next }: { seconds: number; next: string }) {
  const { t } = useTranslation("booking");
  return (
    <div className="page booking">
      <PageTitle>{t("wait.title")}</PageTitle>
      <meta httpEquiv="refresh" content={`${seconds};url=${next}`} />
      <h1>{t("wait.title")}</h1>
      <p>{t("wait.body", { count: seconds })}</p>
      <p>
        <a href={next}>{t("wait.continue")}</a>
      </p>
    </div>
  );
}
