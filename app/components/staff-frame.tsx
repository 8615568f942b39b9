import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { staffActor, staffLinks } from "#app/domain/access/policy";
import type { Role } from "#app/domain/staff/roles";
import { LocalizedLink, useLocalizedHref } from "./localized-link";

/**
 * The frame of every staff page: who is signed in, with which role, a logout button (a plain
 * POST form) and the pages the role may use. The staff layout draws it once around every staff page.
 */
export function StaffFrame({ staff, children }: { staff: { id: number; name: string; role: Role; unitId: string | null }; children: ReactNode }) {
  const { t } = useTranslation("staff");
  const { pathname } = useLocation();
  const logoutAction = useLocalizedHref("/staff/logout");
  return (
    <div className="staff-frame">
      <div className="staff-bar">
        <p className="staff-who">
          {t("frame.signedInAs", { name: staff.name })} <span className="staff-role">{t(`roles.${staff.role}`)}</span>
        </p>
        <Form method="post" action={logoutAction} className="inline-form">
          <button type="submit" className="secondary">
            {t("frame.logout")}
          </button>
        </Form>
      </div>
      <nav className="staff-nav" aria-label={t("frame.navLabel")}>
        <ul>
          {staffLinks(staffActor(staff)).map((link) => (
            <li key={link.key}>
              <LocalizedLink to={link.to} aria-current={pathname === link.to ? "page" : undefined}>
                {t(`nav.${link.key}`)}
              </LocalizedLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="staff-content">{children}</div>
    </div>
  );
}
