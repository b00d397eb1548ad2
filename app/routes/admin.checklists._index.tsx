import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createTemplate } from "~/commands/onboarding-templates.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { newTemplateSchema } from "~/components/onboarding/schemas";
import { Field, FormErrors } from "~/components/ui/Field";
import { ConformForm } from "~/components/ui/ConformForm";
import { TableWrap } from "~/components/ui/TableWrap";
import { listTemplatesForStaff } from "~/models/onboarding.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Checklists · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { templates: await listTemplatesForStaff() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const submission = parseWithZod(await request.formData(), { schema: newTemplateSchema(t) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { id } = await createTemplate({
    actorId: user.id,
    ipAddress: clientIp(context),
    values: submission.value,
  });
  return redirect(`/admin/checklists/${id}`);
}

export default function Checklists() {
  const { t, i18n } = useTranslation();
  const { date, number } = useFormatters();
  const { templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "checklist-new",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newTemplateSchema(t) }),
  });
  const ja = i18n.language === "ja";
  return (
    <>
      <section className="card" aria-labelledby="checklists-title">
        <h2 id="checklists-title">{t("onboarding.admin.title")}</h2>
        <p className="muted">{t("onboarding.admin.intro")}</p>
        {templates.length === 0 ? (
          <p>{t("onboarding.admin.empty")}</p>
        ) : (
          <TableWrap labelledBy="checklists-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("onboarding.admin.columns.title")}</th>
                  <th scope="col">{t("onboarding.admin.columns.status")}</th>
                  <th scope="col">{t("onboarding.admin.columns.steps")}</th>
                  <th scope="col">{t("onboarding.admin.columns.assigned")}</th>
                  <th scope="col">{t("onboarding.admin.columns.completed")}</th>
                  <th scope="col">{t("onboarding.admin.columns.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((tpl) => (
                  <tr key={tpl.id}>
                    <td>
                      <Link to={`/admin/checklists/${tpl.id}`}>
                        {ja ? tpl.titleJa : tpl.titleEn}
                      </Link>
                      {" · "}
                      <Link to={`/admin/checklists/${tpl.id}/funnel`} className="nowrap">
                        {t("onboarding.funnel.title")}
                      </Link>
                    </td>
                    <td>
                      <span className={`badge ob-template-${tpl.status}`}>
                        {t(`onboarding.admin.statuses.${tpl.status}`)}
                      </span>
                    </td>
                    <td>{number.format(tpl.steps)}</td>
                    <td>{number.format(tpl.assigned)}</td>
                    <td>{number.format(tpl.completed)}</td>
                    <td className="nowrap">{date.format(new Date(tpl.updatedAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="card" aria-labelledby="checklist-new-title">
        <h2 id="checklist-new-title">{t("onboarding.admin.new")}</h2>
        <ConformForm form={form} className="ob-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="ob-languages">
            <Field
              label={`${t("onboarding.admin.titleLabel")} (${t("onboarding.admin.english")})`}
              meta={fields.titleEn}
            />
            <Field
              label={`${t("onboarding.admin.titleLabel")} (${t("onboarding.admin.japanese")})`}
              meta={fields.titleJa}
            />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("onboarding.admin.create")}
          </button>
        </ConformForm>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
