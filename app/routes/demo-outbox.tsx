import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/demo-outbox";
import { PageTitle } from "#app/components/page-title";
import { latestMessages } from "#app/domain/messages/outbox.server";
import { appContext } from "#app/lib/context";
import { directionOf, isLanguage } from "#app/lib/i18n/languages";

// Demo mode only: the messages Lotse would have sent, so that a tester can follow links in them.
export async function loader({ context }: Route.LoaderArgs) {
  const { db, env } = context.get(appContext);
  if (!env.demoMode) throw data(null, { status: 404 });
  const messages = await latestMessages(db);
  return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export default function DemoOutbox({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("booking");
  return (
    <div className="page outbox">
      <PageTitle>{t("outbox.title")}</PageTitle>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {loaderData.messages.length === 0 && <p>{t("outbox.empty")}</p>}
      <ol className="messages">
        {loaderData.messages.map((m) => (
          <li key={m.id} className="card" data-message-kind={m.kind}>
            <p className="hint" dir="ltr">
              {t("outbox.to")}: {m.toEmail ?? m.toPhone} · {m.createdAt}
            </p>
            <article lang={m.language} dir={isLanguage(m.language) ? directionOf(m.language) : "ltr"}>
              <h2>{m.subject}</h2>
              {m.body.split("\n\n").map((paragraph, i) => (
                <p key={i}>{linkify(paragraph)}</p>
              ))}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part.replace(/^https?:\/\/[^/]+/, "")} dir="ltr">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
