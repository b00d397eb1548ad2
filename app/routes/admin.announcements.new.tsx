import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createAnnouncement } from "~/commands/announcements.server";
import { AnnouncementForm, announcementSchema } from "~/components/Announcements";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "New announcement · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: announcementSchema(t, new Date()) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { id } = await createAnnouncement({
    actorId: user.id,
    values: submission.value,
    ipAddress: clientIp(context),
  });
  return redirect(`/admin/announcements/${id}?created=1`);
}

export default function NewAnnouncement() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section className="card announcement-editor" aria-labelledby="announcement-new-title">
      <p className="announcement-back">
        <Link to="/admin/announcements">← {t("announcements.back")}</Link>
      </p>
      <h2 id="announcement-new-title">{t("announcements.newTitle")}</h2>
      <AnnouncementForm
        id="announcement-new"
        lastResult={actionData?.result}
        submitLabel={t("announcements.create")}
        busy={navigation.state === "submitting"}
      />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
