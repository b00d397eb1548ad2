// /admin/settings/data: how long raw events are kept and when churned accounts may be erased,
// and a button to run the roll-up and purge now (it also runs daily).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EVENTS_PURGED_ACTION, purgeExpiredEvents } from "~/commands/event-retention.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { audit } from "~/models/audit.server";
import {
  getDataLifecycle,
  LIFECYCLE_LIMITS,
  saveDataLifecycle,
} from "~/models/data-lifecycle.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Data retention · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [lifecycle, lastPurge] = await Promise.all([
    getDataLifecycle(),
    db.auditLog.findFirst({
      where: { action: EVENTS_PURGED_ACTION },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
  ]);
  return { lifecycle, lastPurgeAt: lastPurge?.createdAt ?? null, limits: LIFECYCLE_LIMITS };
}

const whole = /^\d{1,5}$/;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  if (form.get("intent") === "purge") {
    const result = await purgeExpiredEvents({ actorId: user.id });
    return {
      notice: t("accountData.lifecycle.purged", result),
      errors: {} as Record<string, string>,
    };
  }
  const errors: Record<string, string> = {};
  const value: Record<string, number> = {};
  for (const field of ["eventRetentionDays", "churnedGraceDays"] as const) {
    const raw = String(form.get(field) ?? "").trim();
    const n = whole.test(raw) ? Number(raw) : NaN;
    const { min, max } = LIFECYCLE_LIMITS[field];
    if (!(n >= min && n <= max)) errors[field] = t("accountData.lifecycle.number", { min, max });
    else value[field] = n;
  }
  if (Object.keys(errors).length) return data({ notice: null, errors }, { status: 400 });
  const parsed = z
    .object({ eventRetentionDays: z.number(), churnedGraceDays: z.number() })
    .parse(value);
  await db.$transaction(async (tx) => {
    await saveDataLifecycle(tx, parsed);
    await audit(
      {
        actorId: user.id,
        action: "settings.data_lifecycle",
        data: parsed,
        ipAddress: clientIp(context),
      },
      tx,
    );
  });
  return { notice: t("accountData.lifecycle.saved"), errors: {} as Record<string, string> };
}

export default function DataRetention() {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const { lifecycle, lastPurgeAt, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors ?? {};
  const field = (name: "eventRetentionDays" | "churnedGraceDays", hintKey: string) => (
    <div className="field">
      <label htmlFor={`lifecycle-${name}`}>{t(`accountData.lifecycle.${name}`)}</label>
      <input
        id={`lifecycle-${name}`}
        name={name}
        type="number"
        inputMode="numeric"
        min={limits[name].min}
        max={limits[name].max}
        defaultValue={lifecycle[name]}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`lifecycle-${name}-hint${errors[name] ? ` lifecycle-${name}-error` : ""}`}
      />
      <p id={`lifecycle-${name}-hint`} className="field-hint">
        {t(hintKey, limits[name])}
      </p>
      {errors[name] ? (
        <div id={`lifecycle-${name}-error`} className="field-errors">
          <p>{errors[name]}</p>
        </div>
      ) : null}
    </div>
  );
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/settings">← {t("admin.settings")}</Link>
      </p>
      <section className="card" aria-labelledby="lifecycle-title">
        <h2 id="lifecycle-title">{t("accountData.lifecycle.title")}</h2>
        <p className="muted">{t("accountData.lifecycle.intro")}</p>
        {result?.notice ? (
          <div className="alert alert-success" role="status">
            <p>{result.notice}</p>
          </div>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="save" />
          {field("eventRetentionDays", "accountData.lifecycle.eventRetentionHint")}
          {field("churnedGraceDays", "accountData.lifecycle.churnedGraceHint")}
          <button type="submit" className="button button-wrap" disabled={busy}>
            {t("accountData.lifecycle.save")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="purge-title">
        <h2 id="purge-title">{t("accountData.lifecycle.purgeNow")}</h2>
        {lastPurgeAt ? (
          <p>
            {t("accountData.lifecycle.lastPurge", { date: date.format(new Date(lastPurgeAt)) })}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="purge" />
          <button type="submit" className="button button-secondary button-wrap" disabled={busy}>
            {t("accountData.lifecycle.purgeNow")}
          </button>
        </Form>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
