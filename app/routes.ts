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
  route("demo/outbox", "routes/demo-outbox.tsx"),
  route("healthz", "routes/healthz.ts"),
  // Every other URL: a translated 404 page (and the i18n middleware always has a route to run on).
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
