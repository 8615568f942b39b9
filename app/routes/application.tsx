import { data, redirect } from "react-router";
import type { Route } from "./+types/application";
import { SubmittedNotice } from "#app/components/application-frame";
import { applicationByDraftSecret } from "#app/domain/applications/applications.server";
import { applicationPath } from "#app/domain/applications/paths";
import { appContext } from "#app/lib/context";

// The draft's own link: a draft continues where the person stopped; a submitted application
// says so and points to the status page, which needs the access code (the draft link alone
// does not show the case).
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const application = await applicationByDraftSecret(db, params.secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  if (application.state === "draft") throw redirect(applicationPath(params.secret, application.step, lng));
  return { reference: application.reference!, submittedAt: application.submittedAt!.toISOString() };
}

export default function Application({ loaderData }: Route.ComponentProps) {
  return <SubmittedNotice reference={loaderData.reference} submittedAt={loaderData.submittedAt} />;
}
