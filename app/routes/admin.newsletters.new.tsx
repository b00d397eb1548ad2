import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewsletterEditor } from "~/components/NewsletterEditor";
import { AUDIENCE_OPTIONS } from "~/models/newsletter-audience";
import { handleEditorAction } from "~/models/newsletter-form.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "New newsletter · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { options: AUDIENCE_OPTIONS };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const answer = await handleEditorAction({
    form: await request.formData(),
    id: null,
    actor: user,
    t,
  });
  if ("redirect" in answer) return redirect(answer.redirect);
  return data(answer.result, { status: answer.status });
}

const EMPTY = {
  subject: "",
  body: "",
  audience: { segments: [], plans: [], stages: [], locales: [] },
};

export default function NewNewsletter() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card" aria-labelledby="newsletter-new-title">
      <p>
        <Link to="/admin/newsletters">← {t("notifications.newsletters.back")}</Link>
      </p>
      <h2 id="newsletter-new-title">{t("notifications.newsletters.new")}</h2>
      <NewsletterEditor
        values={result?.values ?? EMPTY}
        errors={result?.errors ?? {}}
        options={AUDIENCE_OPTIONS}
        recipients={result?.recipients ?? null}
        saved={false}
        busy={busy}
      />
      {result?.preview ? (
        <section aria-labelledby="newsletter-preview-title">
          <h3 id="newsletter-preview-title">{t("notifications.newsletters.previewHeading")}</h3>
          <div
            className="newsletter-preview prose"
            dangerouslySetInnerHTML={{ __html: result.preview }}
          />
        </section>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
