import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { restoreRevision } from "~/commands/restore-revision.server";
import { VersionDiff } from "~/components/content-admin/Diff";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getHistory } from "~/models/content-admin.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { clientIp, notFound } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "History · CS console" }];

function revisionParam(value: string | null): number | null {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const search = new URL(request.url).searchParams;
  const history = await getHistory(
    params.id ?? "",
    revisionParam(search.get("from")),
    revisionParam(search.get("to")),
  );
  if (!history) throw notFound();
  return history;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  const number = revisionParam(String(formData.get("revision") ?? ""));
  if (formData.get("intent") !== "restore" || number === null) {
    throw new Response("Bad Request", { status: 400 });
  }
  const articleId = params.id ?? "";
  const result = await restoreRevision({
    actorId: user.id,
    articleId,
    number,
    ipAddress: clientIp(context),
  });
  if (!result.ok) throw notFound();
  return redirect(`/admin/content/${articleId}/history?restored=${number}&as=${result.revision}`);
}

export default function ArticleHistory() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { article, revisions, from, to } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const restored = params.get("restored");
  const restoredAs = params.get("as");

  return (
    <div className="content-admin content-history">
      <p className="breadcrumb-back">
        <Link to={`/admin/content/${article.id}`}>← {t("contentAdmin.editTitle")}</Link>
      </p>
      <h2>{t("contentAdmin.historyTitle", { title: article.title })}</h2>
      {restored && restoredAs ? (
        <div className="alert alert-success" role="status">
          <p>{t("contentAdmin.restored", { from: restored, number: restoredAs })}</p>
        </div>
      ) : null}

      <Form method="get" className="history-compare">
        <div className="table-wrap">
          <table className="history-table">
            <caption className="visually-hidden">{t("contentAdmin.revisions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contentAdmin.columnsHistory.number")}</th>
                <th scope="col">{t("contentAdmin.columnsHistory.source")}</th>
                <th scope="col">{t("contentAdmin.columnsHistory.author")}</th>
                <th scope="col">{t("contentAdmin.columnsHistory.time")}</th>
                <th scope="col">{t("contentAdmin.compareFrom")}</th>
                <th scope="col">{t("contentAdmin.compareTo")}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.number}
                    {r.number === article.revisionNumber ? (
                      <span className="badge">{t("contentAdmin.current")}</span>
                    ) : null}
                  </th>
                  <td>{t(`contentAdmin.sources.${r.source}`, { defaultValue: r.source })}</td>
                  <td>{r.author?.name ?? "—"}</td>
                  <td className="nowrap">{moment.format(new Date(r.createdAt))}</td>
                  <td>
                    <input
                      type="radio"
                      name="from"
                      value={r.number}
                      defaultChecked={from?.number === r.number}
                      aria-label={`${t("contentAdmin.compareFrom")} ${r.number}`}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="to"
                      value={r.number}
                      defaultChecked={to?.number === r.number}
                      aria-label={`${t("contentAdmin.compareTo")} ${r.number}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {revisions.length > 1 ? (
          <button type="submit" className="button">
            {t("contentAdmin.compare")}
          </button>
        ) : null}
      </Form>

      {from && to ? (
        <section className="card" aria-labelledby="compare-title">
          <h3 id="compare-title">
            {t("contentAdmin.compareTitle", { from: from.number, to: to.number })}
          </h3>
          <VersionDiff before={from} after={to} />
          <div className="restore-buttons">
            {[from, to]
              .filter((r) => r.number !== article.revisionNumber)
              .map((r) => (
                <Form method="post" key={r.number} className="restore-form">
                  <input type="hidden" name="intent" value="restore" />
                  <input type="hidden" name="revision" value={r.number} />
                  <button
                    type="submit"
                    className="button button-secondary"
                    disabled={navigation.state === "submitting"}
                  >
                    {t("contentAdmin.restore")} ({r.number})
                  </button>
                </Form>
              ))}
            <p className="field-hint">{t("contentAdmin.restoreHint")}</p>
          </div>
        </section>
      ) : (
        <p className="muted">{t("contentAdmin.onlyOneRevision")}</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
