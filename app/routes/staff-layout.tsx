// The staff area: every page under /staff (but login and logout) is a child of this layout. Its
// middleware signs the staff member in once, the frame (who, role, logout, navigation) is drawn
// once, and nothing here may be stored by a browser or a proxy.
import { Outlet } from "react-router";
import type { Route } from "./+types/staff-layout";
import { StaffFrame } from "#app/components/staff-frame";
import { currentStaff, staffAreaMiddleware } from "#app/domain/access/guard.server";

export const middleware: Route.MiddlewareFunction[] = [staffAreaMiddleware];

export function headers() {
  return { "Cache-Control": "no-store" };
}

export function loader({ context }: Route.LoaderArgs) {
  const { id, name, role, unitId } = currentStaff(context);
  return { staff: { id, name, role, unitId } };
}

export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  return (
    <StaffFrame staff={loaderData.staff}>
      <Outlet />
    </StaffFrame>
  );
}
