// One-click unsubscribe from an e-mail, without signing in. GET shows what the link would do (mail
// scanners prefetch links, so GET changes nothing); POST applies it, from the page's button or
// from the mail client's own button (RFC 8058 List-Unsubscribe-Post).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import {
  applyUnsubscribe,
  checkUnsubscribe,
  type UnsubscribeCheck,
} from "~/models/unsubscribe.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [
  { title: "Unsubscribe · Acme Cloud Support" },
  { name: "robots", content: "noindex" },
];

/** What the page shows; nothing about the account beyond the address the link was sent to. */
function view(check: UnsubscribeCheck, applied: boolean) {
  if (!("kind" in check)) {
    return data(
      { status: check.status, kind: null, email: null, applied },
      {
        status: check.status === "expired" ? 410 : 400,
      },
    );
  }
  return { status: check.status, kind: check.kind, email: check.email, applied };
}

export async function loader({ params }: LoaderFunctionArgs) {
  return view(await checkUnsubscribe(params.token ?? ""), false);
}

export async function action({ params, context }: ActionFunctionArgs) {
  const result = await applyUnsubscribe(params.token ?? "", clientIp(context));
  return view(result, result.status === "valid");
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted ?? loaded;
  const kind = state.kind ? t(`notifications.kinds.${state.kind}`) : "";
  let message: string | null = null;
  if (state.status === "invalid") message = t("notifications.unsubscribe.invalid");
  else if (state.status === "expired") message = t("notifications.unsubscribe.expired");
  else if (state.status === "reused") message = t("notifications.unsubscribe.reused", { kind });
  else if (state.applied) message = t("notifications.unsubscribe.done", { kind });
  return (
    <section className="card unsubscribe-page" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("notifications.unsubscribe.title")}</h1>
      {message ? (
        <p role="status" className={state.status === "valid" ? "alert alert-success" : "alert"}>
          {message}
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>{t("notifications.unsubscribe.confirm", { kind, email: state.email ?? "" })}</p>
          <button type="submit" className="button">
            {t("notifications.unsubscribe.button")}
          </button>
        </Form>
      )}
      <p>
        <Link to="/settings#notifications">{t("notifications.unsubscribe.manage")}</Link>
      </p>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
