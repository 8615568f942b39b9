import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("services", "routes/services.tsx"),
  route("services/:serviceId", "routes/service.tsx"),
  route("book/:serviceId", "routes/book-calendar.tsx"),
  route("book/:serviceId/day/:day", "routes/book-day.tsx"),
  route("book/:serviceId/day/:day/hold", "routes/book-hold.ts"),
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
  // Applications and their status
  route("apply/resume", "routes/apply-resume.tsx"),
  route("apply/:serviceId", "routes/apply-start.tsx"),
  route("application/:secret", "routes/application.tsx"),
  route("application/:secret/documents", "routes/application-documents.tsx"),
  route("application/:secret/submit", "routes/application-submit.tsx"),
  route("application/:secret/:step", "routes/application-step.tsx"),
  route("status", "routes/status.tsx"),
  route("case/:code", "routes/case.tsx"),
  route("case/:code/export.zip", "routes/case-export.ts"),
  route("case/:code/receipt.pdf", "routes/case-receipt.ts"),
  route("demo/outbox", "routes/demo-outbox.tsx"),
  route("healthz", "routes/healthz.ts"),
  // Staff
  route("staff/login", "routes/staff-login.tsx"),
  route("staff/login/code", "routes/staff-login-code.tsx"),
  route("staff/logout", "routes/staff-logout.ts"),
  // The staff area: one layout whose middleware signs the staff member in (see staff-layout.tsx).
  layout("routes/staff-layout.tsx", [
    route("staff", "routes/staff.tsx"),
    route("staff/account", "routes/staff-account.tsx"),
    route("staff/accounts", "routes/staff-accounts.tsx"),
    // Clearing, the case workers' inbox, and routing data
    route("staff/clearing", "routes/staff-clearing.tsx"),
    route("staff/clearing/queue.json", "routes/staff-clearing-queue.ts"),
    route("staff/cases/:reference", "routes/staff-case.tsx"),
    route("staff/cases/:reference/documents/:documentId", "routes/staff-case-document.ts"),
    route("staff/inbox", "routes/staff-inbox.tsx"),
    route("staff/letter-ranges", "routes/staff-letter-ranges.tsx"),
    // Service point and office settings
    route("staff/service-point", "routes/staff-service-point.tsx"),
    route("staff/office", "routes/staff-office.tsx"),
  ]),
  route("display", "routes/display.tsx"),
  // Document uploads into a draft (by its secret) and into a submitted case (by its access code)
  route("application/:secret/uploads", "routes/application-uploads.ts"),
  route("application/:secret/uploads/:uploadId", "routes/application-upload.ts"),
  route("case/:secret/uploads", "routes/case-uploads.ts"),
  route("case/:secret/uploads/:uploadId", "routes/case-upload.ts"),
  // Every other URL: a translated 404 page (and the i18n middleware always has a route to run on).
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
