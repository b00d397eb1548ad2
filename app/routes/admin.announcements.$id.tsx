import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  deleteAnnouncement,
  publishAnnouncementNow,
  unpublishAnnouncement,
  updateAnnouncement,
} from "~/commands/announcements.server";
import { AnnouncementForm, announcementSchema, AudienceText } from "~/components/Announcements";
import { Notice } from "~/components/ui/Field";
import { getAnnouncementForEdit } from "~/models/announcement.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, notFound } from "~/utils/request.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Edit announcement · CS console" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const announcement = await getAnnouncementForEdit(params.id ?? "");
  if (!announcement) throw notFound();
  return { announcement };
}

type Notice = "saved" | "published" | "unpublished";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const common = { actorId: user.id, id, ipAddress: clientIp(context) };

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: announcementSchema(t, new Date()) });
    if (submission.status !== "success") {
      return data({ result: submission.reply(), notice: null, error: null }, { status: 400 });
    }
    const saved = await updateAnnouncement({ ...common, values: submission.value });
    if (!saved) throw notFound();
    return { result: submission.reply(), notice: "saved" as Notice, error: null };
  }
  if (intent === "publish") {
    const outcome = await publishAnnouncementNow(common);
    if (outcome === "not_found") throw notFound();
    if (outcome === "expired") {
      return data(
        { result: undefined, notice: null, error: t("announcements.cannotPublishExpired") },
        { status: 400 },
      );
    }
    return { result: undefined, notice: "published" as Notice, error: null };
  }
  if (intent === "unpublish") {
    if (!(await unpublishAnnouncement(common))) throw notFound();
    return { result: undefined, notice: "unpublished" as Notice, error: null };
  }
  if (intent === "delete") {
    if (!(await deleteAnnouncement(common))) throw notFound();
    return redirect("/admin/announcements?deleted=1");
  }
  return data(
    { result: undefined, notice: null, error: t("validation.invalidChoice") },
    { status: 400 },
  );
}

export default function EditAnnouncement() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { announcement: a } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";
  const notice = actionData?.notice ?? (params.get("created") && !actionData ? "created" : null);
  return (
    <section className="card announcement-editor" aria-labelledby="announcement-edit-title">
      <p className="announcement-back">
        <Link to="/admin/announcements">← {t("announcements.back")}</Link>
      </p>
      <h2 id="announcement-edit-title">{t("announcements.editTitle")}</h2>
      {notice && navigation.state === "idle" ? (
        <Notice>{t(`announcements.${notice}`)}</Notice>
      ) : null}
      {actionData?.error ? (
        <div className="alert alert-error" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <dl className="announcement-facts">
        <div>
          <dt>{t("announcements.columns.status")}</dt>
          <dd>
            <span className={`badge announcement-status announcement-status-${a.status}`}>
              {t(`announcements.statuses.${a.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("announcements.columns.published")}</dt>
          <dd>{a.publishedAt ? moment.format(new Date(a.publishedAt)) : "—"}</dd>
        </div>
        <div>
          <dt>{t("announcements.columns.expires")}</dt>
          <dd>{a.expiresAt ? moment.format(new Date(a.expiresAt)) : "—"}</dd>
        </div>
        <div>
          <dt>{t("announcements.columns.audience")}</dt>
          <dd>
            <AudienceText segments={a.segments} plans={a.plans} />
          </dd>
        </div>
        <div>
          <dt>{t("announcements.columns.dismissals")}</dt>
          <dd>{number.format(a.dismissals)}</dd>
        </div>
      </dl>
      <div className="announcement-quick-actions">
        {a.status === "draft" || a.status === "scheduled" ? (
          <Form method="post">
            <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
              {t("announcements.publishNow")}
            </button>
          </Form>
        ) : null}
        {a.status !== "draft" ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="unpublish"
              className="button button-secondary"
              disabled={busy}
            >
              {t("announcements.unpublish")}
            </button>
          </Form>
        ) : null}
      </div>
      <AnnouncementForm
        // A new key after every save resets the form to what is stored.
        key={new Date(a.updatedAt).toISOString()}
        id="announcement-edit"
        defaults={a}
        lastResult={actionData?.result}
        submitLabel={t("announcements.save")}
        busy={busy}
      />
      <Form method="post" className="announcement-delete">
        <p className="muted">{t("announcements.deleteHint")}</p>
        <button
          type="submit"
          name="intent"
          value="delete"
          className="button button-danger"
          disabled={busy}
        >
          {t("announcements.delete")}
        </button>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
