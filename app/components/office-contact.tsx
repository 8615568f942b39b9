import { useTranslation } from "react-i18next";

type Office = { name: string; street: string; postcode: string; city: string; phone: string; email: string };

/** The office's postal address. German address lines keep their order on right-to-left pages. */
export function OfficeAddress({ office }: { office: Office }) {
  return (
    <address>
      <strong>{office.name}</strong>
      <br />
      <span dir="ltr">{office.street}</span>
      <br />
      <span dir="ltr">
        {office.postcode} {office.city}
      </span>
    </address>
  );
}

/** Phone and e-mail as links that phones can act on. */
export function OfficeContact({ office }: { office: Office }) {
  const { t } = useTranslation();
  return (
    <p className="contact">
      {t("footer.phone")}:{" "}
      <a href={`tel:${office.phone.replace(/[^+\d]/g, "")}`} dir="ltr">
        {office.phone}
      </a>
      <br />
      {t("footer.email")}:{" "}
      <a href={`mailto:${office.email}`} dir="ltr">
        {office.email}
      </a>
    </p>
  );
}
