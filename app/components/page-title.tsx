import { useTranslation } from "react-i18next";
import { useRootData } from "#app/root";

/** The document title: the page's name, then the office's. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const { office } = useRootData();
  return <title>{t("pageTitle", { page: children, office: office.name })}</title>;
}
