// /settings/data: download your own data (JSON) and delete your account.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteOwnAccount, EraseRefusedError } from "~/commands/erase-personal-data.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { isStaff, requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { endSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your data · Acme Cloud Support" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { staff: isStaff(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  const password = form.get("password");
  if (typeof password !== "string" || password === "") {
    return data({ error: t("accountData.me.wrongPassword") }, { status: 400 });
  }
  try {
    await deleteOwnAccount({ userId: user.id, password, ipAddress: clientIp(context) });
  } catch (error) {
    if (error instanceof EraseRefusedError) {
      return data(
        { error: t(`accountData.me.${error.code}`, error.params) },
        { status: error.status },
      );
    }
    throw error;
  }
  // The sessions are gone already; this clears the browser's cookie.
  const cookie = await endSession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export default function YourData() {
  const { t } = useTranslation();
  const { staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="stack">
      <p>
        <Link to="/settings">← {t("settings.title")}</Link>
      </p>
      <section className="card" aria-labelledby="data-title">
        <h1 id="data-title">{t("accountData.me.title")}</h1>
        <p>{t("accountData.me.downloadIntro")}</p>
        <a className="button button-wrap" href="/settings/data/export" download>
          {t("accountData.me.download")}
        </a>
      </section>
      <section className="card danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("accountData.me.deleteTitle")}</h2>
        {staff ? (
          <p>{t("accountData.me.staffNotAllowed")}</p>
        ) : (
          <>
            <p>{t("accountData.me.deleteIntro")}</p>
            {actionData?.error ? (
              <div className="alert alert-error" role="alert" id="delete-error">
                <p>{actionData.error}</p>
              </div>
            ) : null}
            <Form method="post" className="stack">
              <div className="field">
                <label htmlFor="delete-password">{t("accountData.me.password")}</label>
                <input
                  id="delete-password"
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  aria-describedby={actionData?.error ? "delete-error" : undefined}
                />
              </div>
              <button
                type="submit"
                className="button button-danger button-wrap"
                disabled={navigation.state === "submitting"}
              >
                {t("accountData.me.confirm")}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
