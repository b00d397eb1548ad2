// /admin/accounts/:id/data: the history of the account's facts (ARR, plan, status, seats) and,
// for a churned account past the grace period, the erasure of its personal data.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  EraseRefusedError,
  eraseChurnedAccount,
  erasableFrom,
} from "~/commands/erase-personal-data.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import { listAccountChanges } from "~/models/account-history.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, notFound } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.name} · data · CS console` : "CS console" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const account = await db.account.findUnique({
    where: { id: params.id ?? "" },
    select: {
      id: true,
      name: true,
      externalId: true,
      status: true,
      churnedAt: true,
      erasedAt: true,
    },
  });
  if (!account) throw notFound();
  const [changes, window] = await Promise.all([
    listAccountChanges(account.id),
    erasableFrom(account.status === "churned" ? account.churnedAt : null),
  ]);
  return {
    account,
    changes,
    erasableFrom: window?.from ?? null,
    graceDays: window?.days ?? null,
    now: new Date(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  try {
    const result = await eraseChurnedAccount({
      actor: user,
      accountId: params.id ?? "",
      confirmExternalId: String(form.get("confirm") ?? ""),
      ipAddress: clientIp(context),
    });
    return { notice: t("accountData.erase.done", result), error: null };
  } catch (error) {
    if (error instanceof EraseRefusedError) {
      const key =
        error.code === "erased" ? "accountData.erase.erased" : `accountData.erase.${error.code}`;
      return data({ notice: null, error: t(key, error.params) }, { status: error.status });
    }
    throw error;
  }
}

export default function AccountData() {
  const { t } = useTranslation();
  const { date, moment, money } = useFormatters();
  const { account, changes, erasableFrom, graceDays, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const fieldValue = (field: string, value: string | null) => {
    if (value === null) return "—";
    if (field === "arr") return money.format(Number(value));
    if (field === "status") return t(`statuses.${value}`, { defaultValue: value });
    if (field === "plan") return t(`plans.${value}`, { defaultValue: value });
    return value;
  };
  const canErase =
    account.status === "churned" &&
    !account.erasedAt &&
    erasableFrom !== null &&
    new Date(erasableFrom).getTime() <= new Date(now).getTime();
  return (
    <>
      <p className="admin-back">
        <Link to={`/admin/accounts/${account.id}`}>← {account.name}</Link>
      </p>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("accountData.history.title")}</h2>
        {changes.length === 0 ? (
          <p className="card">{t("accountData.history.none")}</p>
        ) : (
          <TableWrap labelledBy="history-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("accountData.history.columns.when")}</th>
                  <th scope="col">{t("accountData.history.columns.field")}</th>
                  <th scope="col">{t("accountData.history.columns.from")}</th>
                  <th scope="col">{t("accountData.history.columns.to")}</th>
                  <th scope="col">{t("accountData.history.columns.source")}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap">{moment.format(new Date(c.changedAt))}</td>
                    <td>{t(`accountData.history.fields.${c.field}`, { defaultValue: c.field })}</td>
                    <td>{fieldValue(c.field, c.oldValue)}</td>
                    <td>{fieldValue(c.field, c.newValue)}</td>
                    <td>
                      {t(`accountData.history.sources.${c.source}`, { defaultValue: c.source })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card danger-zone" aria-labelledby="erase-title">
        <h2 id="erase-title">{t("accountData.erase.title")}</h2>
        {result?.notice ? (
          <div className="alert alert-success" role="status">
            <p>{result.notice}</p>
          </div>
        ) : null}
        {result?.error ? (
          <div className="alert alert-error" role="alert" id="erase-error">
            <p>{result.error}</p>
          </div>
        ) : null}
        {account.erasedAt ? (
          <p>{t("accountData.erase.erased", { date: date.format(new Date(account.erasedAt)) })}</p>
        ) : account.status !== "churned" || !account.churnedAt ? (
          <p>{t("accountData.erase.notChurned")}</p>
        ) : !canErase ? (
          <p>
            {t("accountData.erase.notYet", {
              date: erasableFrom ? date.format(new Date(erasableFrom)) : "—",
              days: graceDays ?? 0,
            })}
          </p>
        ) : (
          <>
            <p>
              {t("accountData.erase.intro", { date: date.format(new Date(account.churnedAt)) })}
            </p>
            <Form method="post" className="stack">
              <div className="field">
                <label htmlFor="erase-confirm">
                  {t("accountData.erase.confirmLabel", { externalId: account.externalId })}
                </label>
                <input
                  id="erase-confirm"
                  name="confirm"
                  autoComplete="off"
                  required
                  aria-describedby={result?.error ? "erase-error" : undefined}
                />
              </div>
              <button type="submit" className="button button-danger button-wrap" disabled={busy}>
                {t("accountData.erase.button")}
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
