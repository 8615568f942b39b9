import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("services", "routes/services.tsx"),
  route("services/:serviceId", "routes/service.tsx"),
  route("book/:serviceId", "routes/book-calendar.tsx"),
  route("book/:serviceId/day/:day", "routes/book-day.tsx"),
  route("book/:serviceId/wait", "routes/book-wait.tsx"),
  route("book/:serviceId/details", "routes/book-details.tsx"),
  route("book/:serviceId/sent", "routes/book-sent.tsx"),
  route("appointment/:token", "routes/appointment.tsx"),
  route("appointment/:token/calendar.ics", "routes/appointment-ics.ts"),
  route("book/:serviceId/waitlist", "routes/book-waitlist.tsx"),
  route("waitlist/:token", "routes/waitlist.tsx"),
  route("offer/:token", "routes/offer.tsx"),
  route("book/:serviceId/lottery/:roundId", "routes/book-lottery.tsx"),
  route("lottery/:token", "routes/lottery-request.tsx"),
  route("invitation/:token", "routes/invitation.tsx"),
  route("demo/outbox", "routes/demo-outbox.tsx"),
  route("healthz", "routes/healthz.ts"),
  // Staff
  route("staff", "routes/staff.tsx"),
  route("staff/login", "routes/staff-login.tsx"),
  route("staff/login/code", "routes/staff-login-code.tsx"),
  route("staff/logout", "routes/staff-logout.ts"),
  route("staff/account", "routes/staff-account.tsx"),
  route("staff/accounts", "routes/staff-accounts.tsx"),
  // Service point and office settings
  route("staff/service-point", "routes/staff-service-point.tsx"),
  route("staff/office", "routes/staff-office.tsx"),
  route("display", "routes/display.tsx"),
  // Every other URL: a translated 404 page (and the i18n middleware always has a route to run on).
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
