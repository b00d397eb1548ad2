import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { updateSegmentThresholds } from "~/commands/update-segment-thresholds.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FormErrors, Notice } from "~/components/ui/Field";
import { getSegmentThresholds, MAX_THRESHOLD_ARR } from "~/models/setting.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { useFormatters } from "~/utils/format";
import { ConformForm } from "~/components/ui/ConformForm";

export const meta: MetaFunction = () => [{ title: "Settings · CS console" }];

/** The form's rule with localized messages; `max` comes from the server so both sides agree. */
function thresholdsSchema(t: TFunction, max: number) {
  const arr = z
    .number({
      required_error: t("validation.required"),
      invalid_type_error: t("validation.number"),
    })
    .int(t("validation.number"))
    .min(0, t("validation.number"))
    .max(max, t("admin.thresholdMax", { max }));
  return z
    .object({ highTouchMinArr: arr, lowTouchMinArr: arr })
    .refine((v) => v.highTouchMinArr > v.lowTouchMinArr, {
      message: t("validation.thresholdOrder"),
      path: ["highTouchMinArr"],
    });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { thresholds: await getSegmentThresholds(), maxArr: MAX_THRESHOLD_ARR };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: thresholdsSchema(t, MAX_THRESHOLD_ARR) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), changed: null }, { status: 400 });
  }
  const { changed } = await updateSegmentThresholds({
    actorId: user.id,
    thresholds: submission.value,
    ipAddress: clientIp(context),
  });
  return data({ result: submission.reply(), changed });
}

export default function AdminSettings() {
  const { t } = useTranslation();
  const { money } = useFormatters();
  const { thresholds, maxArr } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "segment-thresholds",
    lastResult: actionData?.result,
    defaultValue: {
      highTouchMinArr: String(thresholds.highTouchMinArr),
      lowTouchMinArr: String(thresholds.lowTouchMinArr),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: thresholdsSchema(t, maxArr) }),
  });
  return (
    <section className="card admin-settings" aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">{t("admin.thresholdsTitle")}</h2>
      <p className="muted">{t("admin.thresholdsIntro")}</p>
      <p>
        {t("admin.currentThresholds", {
          high: money.format(thresholds.highTouchMinArr),
          low: money.format(thresholds.lowTouchMinArr),
        })}
      </p>
      {actionData && actionData.changed !== null && navigation.state === "idle" ? (
        <Notice>{t("admin.thresholdsSaved", { count: actionData.changed })}</Notice>
      ) : null}
      <ConformForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("admin.highTouchMinArr")}
          hint={t("admin.highTouchHint")}
          meta={fields.highTouchMinArr}
          type="number"
          inputMode="numeric"
        />
        <Field
          label={t("admin.lowTouchMinArr")}
          hint={t("admin.lowTouchHint")}
          meta={fields.lowTouchMinArr}
          type="number"
          inputMode="numeric"
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("admin.saveThresholds")}
        </button>
      </ConformForm>
      <p>
        <Link to="/admin/settings/data">{t("accountData.lifecycle.title")} →</Link>
      </p>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
