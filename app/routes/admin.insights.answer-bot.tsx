// Answer-bot insights for CS: how conversations ended, the questions the bot could not answer
// (grouped by wording, each one click from a new draft article), recent conversations and, with
// ?c=<id>, one transcript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ChatTranscript } from "~/components/chat/ChatTranscript";
import { TableWrap } from "~/components/ui/TableWrap";
import {
  CHAT_INSIGHT_PERIODS,
  getAnswerBotInsights,
  getConversationForStaff,
  parseChatPeriod,
  type UnansweredGroup,
} from "~/models/chat-insights.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Answer bot · Insights · CS console" }];

const PATH = "/admin/insights/answer-bot";
const NEW_ARTICLE_PATH = "/admin/content/new";
const ID_MAX = 64;

// Filters come from links: a bad value means the default, not an error.
const paramsSchema = z.object({
  page: z.coerce.number().int().positive().catch(1),
  c: z.string().trim().min(1).max(ID_MAX).nullable().catch(null),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const { page, c } = paramsSchema.parse({
    page: params.get("page") ?? undefined,
    c: params.get("c"),
  });
  const days = parseChatPeriod(params.get("days"));
  const [insights, conversation] = await Promise.all([
    getAnswerBotInsights({ days, page }),
    c ? getConversationForStaff(c) : null,
  ]);
  return { ...insights, conversation, periods: CHAT_INSIGHT_PERIODS };
}

function link(days: number, extra: Record<string, string> = {}) {
  return `${PATH}?${new URLSearchParams({ days: String(days), ...extra })}`;
}

function draftLink(group: UnansweredGroup) {
  const params = new URLSearchParams({ title: group.question.slice(0, 150), locale: group.locale });
  return `${NEW_ARTICLE_PATH}?${params}`;
}

export default function AnswerBotInsights() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const f = useFormatters();
  const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)} %`);
  const kpis = [
    {
      key: "total",
      label: t("answerBot.insights.conversations"),
      value: f.number.format(data.total),
    },
    {
      key: "resolved",
      label: t("answerBot.insights.resolutionRate"),
      value: pct(data.rates.resolved),
    },
    {
      key: "escalated",
      label: t("answerBot.insights.escalationRate"),
      value: pct(data.rates.escalated),
    },
    {
      key: "abandoned",
      label: t("answerBot.insights.abandonedRate"),
      value: pct(data.rates.abandoned),
    },
    {
      key: "open",
      label: t("answerBot.insights.openNow"),
      value: f.number.format(data.byStatus.open),
    },
  ];
  return (
    <>
      <p className="muted">{t("answerBot.insights.intro")}</p>
      <Form method="get" className="inline-form admin-filter insights-filter">
        <div className="field">
          <label htmlFor="bot-days">{t("answerBot.insights.period")}</label>
          <select id="bot-days" name="days" defaultValue={String(data.days)}>
            {data.periods.map((d) => (
              <option key={d} value={d}>
                {t("answerBot.insights.lastDays", { count: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("answerBot.insights.show")}
        </button>
      </Form>

      <dl className="stats insights-kpis" aria-label={t("answerBot.insights.conversations")}>
        {kpis.map((k) => (
          <div className="stat" key={k.key} data-kpi={k.key}>
            <dt>{k.label}</dt>
            <dd>
              <span className="insights-kpi-value">{k.value}</span>
            </dd>
          </div>
        ))}
      </dl>

      {data.conversation ? (
        <section className="card" aria-labelledby="bot-transcript">
          <h3 id="bot-transcript">
            {t("answerBot.insights.transcript")}: {data.conversation.account.name}
            {data.conversation.user ? ` · ${data.conversation.user.name}` : ""}
          </h3>
          <p className="muted">
            {f.moment.format(new Date(data.conversation.createdAt))} ·{" "}
            {t(`answerBot.insights.statuses.${data.conversation.status}`, {
              defaultValue: data.conversation.status,
            })}
          </p>
          <ChatTranscript
            messages={data.conversation.messages}
            open
            title={t("answerBot.insights.transcript")}
          />
          <p>
            <Link to={link(data.days)}>{t("answerBot.insights.back")}</Link>
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="bot-unanswered">
        <h3 id="bot-unanswered">{t("answerBot.insights.unansweredTitle")}</h3>
        <p className="muted">{t("answerBot.insights.unansweredIntro")}</p>
        {data.unanswered.length ? (
          <ul className="bot-groups">
            {data.unanswered.map((g) => (
              <li key={`${g.locale}:${g.question}`} lang={g.locale}>
                <strong>{g.question}</strong>{" "}
                <span className="muted">({t("answerBot.insights.asked", { count: g.count })})</span>
                {g.examples.length > 1 ? (
                  <ul aria-label={t("answerBot.insights.examples")}>
                    {g.examples.slice(1).map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                ) : null}
                <Link className="button button-small button-secondary" to={draftLink(g)}>
                  {t("answerBot.insights.writeArticle")}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("answerBot.insights.unansweredNone")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="bot-list">
        <h3 id="bot-list">{t("answerBot.insights.listTitle")}</h3>
        {data.conversations.length ? (
          <TableWrap labelledBy="bot-list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("answerBot.insights.started")}</th>
                  <th scope="col">{t("answerBot.insights.account")}</th>
                  <th scope="col">{t("answerBot.insights.person")}</th>
                  <th scope="col">{t("answerBot.insights.language")}</th>
                  <th scope="col">{t("answerBot.insights.questions")}</th>
                  <th scope="col">{t("answerBot.insights.status")}</th>
                  <th scope="col">{t("answerBot.insights.transcript")}</th>
                </tr>
              </thead>
              <tbody>
                {data.conversations.map((c) => (
                  <tr key={c.id}>
                    <td>{f.moment.format(new Date(c.createdAt))}</td>
                    <td>
                      <Link to={`/admin/accounts/${c.account.id}`}>{c.account.name}</Link>
                    </td>
                    <td>{c.userName ?? "—"}</td>
                    <td>{c.locale}</td>
                    <td>{f.number.format(c.questions)}</td>
                    <td>
                      {t(`answerBot.insights.statuses.${c.status}`, { defaultValue: c.status })}
                      {c.escalatedTo
                        ? ` ${t(`answerBot.insights.escalatedTo.${c.escalatedTo}`, { defaultValue: "" })}`
                        : ""}
                    </td>
                    <td>
                      <Link
                        to={link(data.days, { c: c.id, page: String(data.page) })}
                        aria-label={`${t("answerBot.insights.open")}: ${c.account.name} ${f.moment.format(new Date(c.createdAt))}`}
                      >
                        {t("answerBot.insights.open")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t("answerBot.insights.listNone")}</p>
        )}
        {data.pageCount > 1 ? (
          <nav className="pagination" aria-label={t("answerBot.insights.listTitle")}>
            {data.page > 1 ? (
              <Link to={link(data.days, { page: String(data.page - 1) })}>
                {t("answerBot.insights.previous")}
              </Link>
            ) : null}
            {data.page < data.pageCount ? (
              <Link to={link(data.days, { page: String(data.page + 1) })}>
                {t("answerBot.insights.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
