import { data } from "react-router";
import type { Route } from "./+types/case-receipt";
import { findCase, receiptContents } from "#app/domain/applications/case-view.server";
import { renderReceipt } from "#app/domain/applications/receipt.server";
import { appContext } from "#app/lib/context";
import { isLanguage, type Language } from "#app/lib/i18n/languages";

// The receipt (Eingangsbestätigung) as a PDF, in the applicant's language and in German.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const app = context.get(appContext);
  const found = await findCase(app, params.code);
  if (!found.ok) throw data(null, { status: found.status });
  const { application } = found;
  const asked = new URL(request.url).searchParams.get("lng");
  const language: Language = isLanguage(asked) ? asked : isLanguage(application.language) ? application.language : "de";
  const contents = await receiptContents(app, application, language, new Date());
  if (!contents) throw data(null, { status: 404 });
  const pdf = await renderReceipt(contents);
  return new Response(pdf as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="receipt-${application.reference}.pdf"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Length": String(pdf.length),
    },
  });
}
