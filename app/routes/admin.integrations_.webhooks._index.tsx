// Webhooks: admins add (URL checked, SSRF-conscious), test, disable and delete them; the secret is
// shown once, in the answer to the create request. CS sees the list read-only. See decision 0014.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { ShownOnceSecret } from "~/components/ui/ShownOnceSecret";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import {
  canManageWebhooks,
  createWebhook,
  deleteWebhook,
  listWebhooks,
  pingWebhook,
  setWebhookActive,
} from "~/models/webhook.server";
import {
  SIGNATURE_HEADER,
  WEBHOOK_EVENTS,
  WEBHOOK_RULES,
  type UrlProblem,
} from "~/models/webhook-rules";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · CS console" }];

const WEBHOOKS_PATH = "/admin/integrations/webhooks";
const ID_MAX_LENGTH = 40;

function createSchema(t: TFunction) {
  return z.object({
    url: z
      .string({ required_error: t("webhooks.errors.urlRequired") })
      .trim()
      .min(1, t("webhooks.errors.urlRequired")),
    description: z
      .string()
      .trim()
      .max(
        WEBHOOK_RULES.maxDescriptionLength,
        t("webhooks.errors.descriptionTooLong", { max: WEBHOOK_RULES.maxDescriptionLength }),
      )
      .default(""),
    events: z
      .array(z.enum(WEBHOOK_EVENTS), { required_error: t("webhooks.errors.eventsRequired") })
      .min(1, t("webhooks.errors.eventsRequired")),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const url = new URL(request.url);
  const hooks = await listWebhooks(user);
  const canManage = canManageWebhooks(user);
  const deleteId = canManage ? url.searchParams.get("delete") : null;
  return {
    hooks,
    canManage,
    events: WEBHOOK_EVENTS,
    rules: {
      maxAttempts: WEBHOOK_RULES.maxAttempts,
      maxDescriptionLength: WEBHOOK_RULES.maxDescriptionLength,
      maxUrlLength: WEBHOOK_RULES.maxUrlLength,
    },
    signatureHeader: SIGNATURE_HEADER,
    confirmDelete: hooks.find((h) => h.id === deleteId) ?? null,
    done: url.searchParams.get("done"),
  };
}

type FieldErrors = Partial<Record<"url" | "description" | "events", string[]>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = clientIp(context);
  if (intent === "create") {
    const parsed = createSchema(t).safeParse({
      url: form.get("url") ?? undefined,
      description: form.get("description") ?? "",
      events: form.getAll("events"),
    });
    const values = {
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
    };
    if (!parsed.success) {
      const errors = parsed.error.flatten().fieldErrors as FieldErrors;
      return data({ intent, errors, values, created: null }, { status: 400 });
    }
    const created = await createWebhook(user, parsed.data, ip);
    if (!created.ok) {
      const message =
        created.problem === "tooMany"
          ? t("webhooks.errors.tooMany", { max: WEBHOOK_RULES.maxWebhooks })
          : t(`webhooks.errors.${created.problem satisfies UrlProblem}`, {
              max: WEBHOOK_RULES.maxUrlLength,
            });
      const status = created.problem === "tooMany" ? 409 : 422;
      return data(
        { intent, errors: { url: [message] } as FieldErrors, values, created: null },
        { status },
      );
    }
    return data({
      intent,
      errors: {} as FieldErrors,
      values: null,
      created: { secret: created.secret },
    });
  }
  const id = form.get("id");
  if (typeof id !== "string" || !id || id.length > ID_MAX_LENGTH) {
    throw new Response("Missing webhook id", { status: 400 });
  }
  if (intent === "disable" || intent === "enable") {
    await setWebhookActive(user, id, intent === "enable", ip);
    return redirect(`${WEBHOOKS_PATH}?done=${intent}d`);
  }
  if (intent === "delete") {
    await deleteWebhook(user, id, ip);
    return redirect(`${WEBHOOKS_PATH}?done=deleted`);
  }
  if (intent === "ping") {
    const queued = await pingWebhook(user, id);
    if (!queued) return data({ intent, error: t("webhooks.inactive") }, { status: 409 });
    return redirect(`${WEBHOOKS_PATH}/${id}?done=pinged`);
  }
  throw new Response("Unknown intent", { status: 400 });
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} className="field-errors" aria-live="polite">
      {errors?.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

function CreateForm({
  events,
  maxDescription,
}: {
  events: readonly string[];
  maxDescription: number;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const result =
    actionData && actionData.intent === "create" && "errors" in actionData ? actionData : null;
  const errors = result?.errors ?? {};
  const values = result?.values ?? null;
  return (
    <Form method="post" noValidate className="webhook-form">
      <input type="hidden" name="intent" value="create" />
      <div className="field">
        <label htmlFor="webhook-url">{t("webhooks.url")}</label>
        <p className="field-hint" id="webhook-url-hint">
          {t("webhooks.urlHint")}
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          required
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/portal"
          defaultValue={values?.url ?? ""}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={`webhook-url-hint${errors.url ? " webhook-url-errors" : ""}`}
        />
        <FieldError id="webhook-url-errors" errors={errors.url} />
      </div>
      <div className="field">
        <label htmlFor="webhook-description">{t("webhooks.description")}</label>
        <p className="field-hint" id="webhook-description-hint">
          {t("webhooks.descriptionHint", { max: maxDescription })}
        </p>
        <input
          id="webhook-description"
          name="description"
          maxLength={maxDescription}
          defaultValue={values?.description ?? ""}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={`webhook-description-hint${errors.description ? " webhook-description-errors" : ""}`}
        />
        <FieldError id="webhook-description-errors" errors={errors.description} />
      </div>
      <fieldset
        className="scope-choices"
        aria-describedby={errors.events ? "webhook-events-errors" : undefined}
      >
        <legend>{t("webhooks.events")}</legend>
        {events.map((event) => (
          <label key={event} className="checkbox">
            <input type="checkbox" name="events" value={event} defaultChecked />{" "}
            {t(`webhooks.eventNames.${event.replace(".", "_")}`)}
          </label>
        ))}
        <FieldError id="webhook-events-errors" errors={errors.events} />
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("webhooks.createButton")}
      </button>
    </Form>
  );
}

export default function Webhooks() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { hooks, canManage, events, rules, confirmDelete, done, signatureHeader } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const created = actionData && "created" in actionData ? actionData.created : null;
  const busy = navigation.state === "submitting";
  const doneText: Record<string, string> = {
    deleted: t("webhooks.deleted"),
    enabled: t("webhooks.enabled"),
    disabled: t("webhooks.disabledNotice"),
  };
  return (
    <div className="integrations webhooks">
      <p>
        <Link to="/admin/integrations">← {t("webhooks.back")}</Link>
      </p>
      <h2>{t("webhooks.title")}</h2>
      <p className="muted">{t("webhooks.intro", { max: rules.maxAttempts })}</p>
      <p className="muted">{t("webhooks.signatureHelp", { header: signatureHeader })}</p>
      {canManage ? null : <p className="alert alert-info">{t("webhooks.readOnly")}</p>}
      {done && doneText[done] && !actionData ? <Notice>{doneText[done]}</Notice> : null}
      {actionData && "error" in actionData ? (
        <div className="alert alert-error" role="alert">
          {actionData.error}
        </div>
      ) : null}

      <section className="card" aria-labelledby="webhooks-list">
        <h3 id="webhooks-list">{t("webhooks.list")}</h3>
        {created ? (
          <ShownOnceSecret
            id="created-secret"
            secret={created.secret}
            title={t("webhooks.createdTitle")}
            warning={t("webhooks.createdWarning")}
            label={t("webhooks.secretLabel")}
            copyLabel={t("webhooks.copy")}
            copiedLabel={t("webhooks.copied")}
          />
        ) : null}
        {confirmDelete ? (
          <div className="revoke-confirm" role="group" aria-labelledby="delete-title">
            <p id="delete-title">
              <strong>{t("webhooks.deleteTitle", { url: confirmDelete.url })}</strong>
            </p>
            <p>{t("webhooks.deleteText")}</p>
            <Form method="post" className="revoke-actions">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="id" value={confirmDelete.id} />
              <button type="submit" className="button button-danger" disabled={busy}>
                {t("webhooks.deleteConfirm")}
              </button>
              <Link to={WEBHOOKS_PATH} className="button button-secondary">
                {t("webhooks.cancel")}
              </Link>
            </Form>
          </div>
        ) : null}
        {hooks.length === 0 ? (
          <p>{t("webhooks.none")}</p>
        ) : (
          <TableWrap labelledBy="webhooks-list">
            <table className="webhooks-table">
              <thead>
                <tr>
                  <th scope="col">{t("webhooks.columns.url")}</th>
                  <th scope="col">{t("webhooks.columns.events")}</th>
                  <th scope="col">{t("webhooks.columns.status")}</th>
                  <th scope="col">{t("webhooks.columns.last")}</th>
                  <th scope="col">{t("webhooks.columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((h) => (
                  <tr key={h.id}>
                    <th scope="row" className="webhook-url">
                      <Link to={`${WEBHOOKS_PATH}/${h.id}`}>{h.url}</Link>
                      {h.description ? <div className="muted">{h.description}</div> : null}
                    </th>
                    <td>
                      {h.events.map((e) => (
                        <code key={e} className="scope">
                          {e}
                        </code>
                      ))}
                    </td>
                    <td>
                      <span className={`badge ${h.active ? "badge-tech_touch" : "badge-churned"}`}>
                        {h.active ? t("webhooks.active") : t("webhooks.disabled")}
                      </span>
                    </td>
                    <td>
                      {h.lastDelivery ? (
                        <>
                          <span className={`badge delivery-${h.lastDelivery.status}`}>
                            {t(`webhooks.statuses.${h.lastDelivery.status}`)}
                          </span>
                          <div className="muted">
                            {h.lastDelivery.lastAttemptAt
                              ? moment.format(new Date(h.lastDelivery.lastAttemptAt))
                              : null}
                          </div>
                        </>
                      ) : (
                        t("webhooks.never")
                      )}
                    </td>
                    <td>
                      <div className="api-key-actions">
                        <Link
                          to={`${WEBHOOKS_PATH}/${h.id}`}
                          className="button button-secondary button-small"
                        >
                          {t("webhooks.log")}
                        </Link>
                        {canManage ? (
                          <>
                            {h.active ? (
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="id" value={h.id} />
                                <button
                                  type="submit"
                                  name="intent"
                                  value="ping"
                                  className="button button-secondary button-small"
                                  aria-label={t("webhooks.pingLabel", { url: h.url })}
                                  disabled={busy}
                                >
                                  {t("webhooks.ping")}
                                </button>
                              </Form>
                            ) : null}
                            <Form method="post" className="inline-form">
                              <input type="hidden" name="id" value={h.id} />
                              <button
                                type="submit"
                                name="intent"
                                value={h.active ? "disable" : "enable"}
                                className="button button-secondary button-small"
                                disabled={busy}
                              >
                                {h.active ? t("webhooks.disable") : t("webhooks.enable")}
                              </button>
                            </Form>
                            <Link
                              to={`${WEBHOOKS_PATH}?delete=${h.id}`}
                              className="button button-secondary button-small"
                              aria-label={t("webhooks.deleteLabel", { url: h.url })}
                            >
                              {t("webhooks.delete")}
                            </Link>
                          </>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {canManage ? (
          <>
            <h4 id="create-webhook">{t("webhooks.create")}</h4>
            <CreateForm
              key={hooks.length}
              events={events}
              maxDescription={rules.maxDescriptionLength}
            />
          </>
        ) : null}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
