// API keys and event types for the events API. Admins create and revoke keys and edit the types;
// CS sees the same page read-only (the models enforce it). A new key's secret exists only in the
// answer to the create request; a revocation takes a second, deliberate click (?revoke=<id>).
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
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
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FieldErrors, FormErrors, Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import { canManageApiKeys, createApiKey, listApiKeys, revokeApiKey } from "~/models/api-key.server";
import {
  getEventTypeSettings,
  PORTAL_EVENT_TYPES,
  saveEventTypeSettings,
} from "~/models/event-types.server";
import {
  API_KEY_RULES,
  API_SCOPES,
  EVENT_TYPE_PATTERN,
  MAX_KNOWN_EVENT_TYPES,
  RESERVED_EVENT_TYPE_PREFIX,
} from "~/models/integration-rules";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Integrations · CS console" }];

const PAGE_PATH = "/admin/integrations";

function createSchema(t: TFunction) {
  return z.object({
    name: z
      .string({ required_error: t("validation.required") })
      .trim()
      .min(1, t("validation.required"))
      .max(
        API_KEY_RULES.maxNameLength,
        t("validation.tooLong", { max: API_KEY_RULES.maxNameLength }),
      ),
    scopes: z
      .array(z.enum(API_SCOPES, { errorMap: () => ({ message: t("validation.invalidChoice") }) }), {
        required_error: t("integrations.keys.scopesRequired"),
      })
      .min(1, t("integrations.keys.scopesRequired")),
  });
}

function typesSchema(t: TFunction) {
  return z
    .object({
      strict: z.literal("on").optional(),
      known: z
        .string()
        .optional()
        .transform((v) =>
          (v ?? "")
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
        )
        .superRefine((types, ctx) => {
          const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
          if (types.length > MAX_KNOWN_EVENT_TYPES) {
            issue(t("integrations.types.tooMany", { max: MAX_KNOWN_EVENT_TYPES }));
          }
          for (const type of types) {
            if (!EVENT_TYPE_PATTERN.test(type))
              issue(t("integrations.types.invalidType", { type }));
            else if (type.toLowerCase().startsWith(RESERVED_EVENT_TYPE_PREFIX)) {
              issue(t("integrations.types.reservedType", { type }));
            }
          }
        }),
    })
    .refine((v) => !v.strict || v.known.length > 0, {
      message: t("integrations.types.strictNeedsTypes"),
      path: ["known"],
    });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const url = new URL(request.url);
  const [keys, types] = await Promise.all([listApiKeys(user), getEventTypeSettings()]);
  const canManage = canManageApiKeys(user);
  const revokeId = canManage ? url.searchParams.get("revoke") : null;
  const revokedId = url.searchParams.get("revoked");
  return {
    keys,
    types,
    canManage,
    portalTypes: PORTAL_EVENT_TYPES,
    scopes: API_SCOPES,
    maxNameLength: API_KEY_RULES.maxNameLength,
    maxTypes: MAX_KNOWN_EVENT_TYPES,
    confirmRevoke: keys.find((k) => k.id === revokeId && !k.revokedAt) ?? null,
    revokedName: keys.find((k) => k.id === revokedId && k.revokedAt)?.name ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ip = clientIp(context);
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: createSchema(t) });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), created: null }, { status: 400 });
    }
    const created = await createApiKey(user, submission.value, ip);
    return data({
      intent,
      result: submission.reply({ resetForm: true }),
      created: { name: created.name, key: created.key },
    });
  }
  if (intent === "revoke") {
    const id = formData.get("id");
    if (typeof id !== "string" || !id) throw new Response("Missing key id", { status: 400 });
    await revokeApiKey(user, id, ip);
    return redirect(`${PAGE_PATH}?revoked=${encodeURIComponent(id)}`);
  }
  if (intent === "types") {
    const submission = parseWithZod(formData, { schema: typesSchema(t) });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), created: null }, { status: 400 });
    }
    await saveEventTypeSettings(
      user,
      { strict: submission.value.strict === "on", known: submission.value.known },
      ip,
    );
    return data({ intent, result: submission.reply(), created: null });
  }
  throw new Response("Unknown intent", { status: 400 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function CreateKeyForm({
  scopes,
  maxNameLength,
}: {
  scopes: readonly string[];
  maxNameLength: number;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-key",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    defaultValue: { scopes: ["events:write"] },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema(t) }),
  });
  const scopeErrorId = `${fields.scopes.id}-errors`;
  return (
    <ConformForm form={form}>
      <input type="hidden" name="intent" value="create" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("integrations.keys.name")}
        hint={t("integrations.keys.nameHint", { max: maxNameLength })}
        meta={fields.name}
        autoComplete="off"
      />
      <fieldset
        className="scope-choices"
        aria-describedby={fields.scopes.errors ? scopeErrorId : undefined}
      >
        <legend>{t("integrations.keys.scopes")}</legend>
        {scopes.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              name={fields.scopes.name}
              value={scope}
              defaultChecked={scope === "events:write"}
            />{" "}
            {/* i18next reads ":" as a namespace separator, hence "_" in the message keys. */}
            {t(`integrations.keys.scopeNames.${scope.replace(":", "_")}`)}
          </label>
        ))}
        <FieldErrors id={scopeErrorId} errors={fields.scopes.errors} />
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("integrations.keys.createButton")}
      </button>
    </ConformForm>
  );
}

function RevokeConfirmation({ apiKey }: { apiKey: { id: string; name: string } }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <div className="revoke-confirm" role="group" aria-labelledby="revoke-title">
      <p id="revoke-title">
        <strong>{t("integrations.keys.revokeTitle", { name: apiKey.name })}</strong>
      </p>
      <p>{t("integrations.keys.revokeText")}</p>
      <Form method="post" action={PAGE_PATH} className="revoke-actions">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="id" value={apiKey.id} />
        <button
          type="submit"
          className="button button-danger"
          disabled={navigation.state === "submitting"}
        >
          {t("integrations.keys.revokeConfirm")}
        </button>
        <Link to={PAGE_PATH} className="button button-secondary">
          {t("integrations.keys.cancel")}
        </Link>
      </Form>
    </div>
  );
}

function KeyTable({ keys, canManage }: { keys: LoaderData["keys"]; canManage: boolean }) {
  const { t } = useTranslation();
  const { date, moment } = useFormatters();
  return (
    <TableWrap labelledBy="keys-list">
      <table className="api-keys">
        <thead>
          <tr>
            <th scope="col">{t("integrations.keys.columns.name")}</th>
            <th scope="col">{t("integrations.keys.columns.prefix")}</th>
            <th scope="col">{t("integrations.keys.columns.scopes")}</th>
            <th scope="col">{t("integrations.keys.columns.created")}</th>
            <th scope="col">{t("integrations.keys.columns.lastUsed")}</th>
            <th scope="col">{t("integrations.keys.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className={key.revokedAt ? "api-key-revoked" : undefined}>
              <th scope="row">{key.name}</th>
              <td>
                <code>csp_{key.prefix}_…</code>
              </td>
              <td>
                {key.scopes.map((scope) => (
                  <code key={scope} className="scope">
                    {scope}
                  </code>
                ))}
              </td>
              <td className="nowrap">
                {date.format(new Date(key.createdAt))}
                {key.createdBy ? (
                  <div className="muted">
                    {t("integrations.keys.by", { name: key.createdBy.name })}
                  </div>
                ) : null}
              </td>
              <td>
                {key.lastUsedAt
                  ? moment.format(new Date(key.lastUsedAt))
                  : t("integrations.keys.never")}
              </td>
              <td>
                {key.revokedAt ? (
                  <>
                    <span className="badge badge-churned">
                      {t("integrations.keys.revokedOn", {
                        date: date.format(new Date(key.revokedAt)),
                      })}
                    </span>
                    {key.revokedBy ? (
                      <div className="muted">
                        {t("integrations.keys.by", { name: key.revokedBy.name })}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <>
                    <span className="badge badge-tech_touch">{t("integrations.keys.active")}</span>
                    {canManage ? (
                      <div className="api-key-actions">
                        <Link
                          to={`${PAGE_PATH}?revoke=${key.id}`}
                          className="button button-secondary button-small"
                          aria-label={t("integrations.keys.revokeLabel", { name: key.name })}
                        >
                          {t("integrations.keys.revoke")}
                        </Link>
                      </div>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function EventTypesForm({
  types,
  canManage,
  maxTypes,
}: {
  types: LoaderData["types"];
  canManage: boolean;
  maxTypes: number;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.intent === "types" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "event-types",
    lastResult,
    defaultValue: { strict: types.strict ? "on" : undefined, known: types.known.join("\n") },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: typesSchema(t) }),
  });
  const saved = lastResult?.status === "success" && navigation.state === "idle";
  const hintId = `${fields.known.id}-hint`;
  return (
    <ConformForm form={form}>
      <input type="hidden" name="intent" value="types" />
      {saved ? <Notice>{t("integrations.types.saved")}</Notice> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field field-checkbox">
        <label className="checkbox">
          <input
            type="checkbox"
            role="switch"
            name={fields.strict.name}
            id={fields.strict.id}
            defaultChecked={types.strict}
            disabled={!canManage}
          />{" "}
          {t("integrations.types.strict")}
        </label>
      </div>
      <div className="field">
        <label htmlFor={fields.known.id}>{t("integrations.types.known")}</label>
        <p className="field-hint" id={hintId}>
          {t("integrations.types.knownHint", { max: maxTypes })}
        </p>
        <textarea
          id={fields.known.id}
          name={fields.known.name}
          defaultValue={types.known.join("\n")}
          rows={6}
          readOnly={!canManage}
          aria-invalid={fields.known.errors ? true : undefined}
          aria-describedby={[hintId, fields.known.errors ? fields.known.errorId : null]
            .filter(Boolean)
            .join(" ")}
          spellCheck={false}
          autoCapitalize="off"
        />
        <FieldErrors id={fields.known.errorId} errors={fields.known.errors} />
      </div>
      {canManage ? (
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("integrations.types.save")}
        </button>
      ) : null}
    </ConformForm>
  );
}

export default function Integrations() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const { keys, types, canManage, portalTypes, scopes, confirmRevoke, revokedName } = loaderData;
  const actionData = useActionData<typeof action>();
  const created = actionData?.intent === "create" ? actionData.created : null;
  return (
    <div className="integrations">
      <h2>{t("integrations.title")}</h2>
      <p className="muted">{t("integrations.intro")}</p>
      {canManage ? null : <p className="alert alert-info">{t("integrations.readOnly")}</p>}

      <section className="card" aria-labelledby="keys-heading">
        <h3 id="keys-heading">{t("integrations.keys.heading")}</h3>
        {created ? (
          <ShownOnceSecret
            id="created-key"
            secret={created.key}
            title={t("integrations.keys.createdTitle", { name: created.name })}
            warning={t("integrations.keys.createdWarning")}
            label={t("integrations.keys.keyLabel")}
            copyLabel={t("integrations.keys.copy")}
            copiedLabel={t("integrations.keys.copied")}
          />
        ) : null}
        {revokedName && !actionData ? (
          <Notice>{t("integrations.keys.revoked", { name: revokedName })}</Notice>
        ) : null}
        {confirmRevoke ? <RevokeConfirmation apiKey={confirmRevoke} /> : null}
        <h4 id="keys-list">{t("integrations.keys.list")}</h4>
        {keys.length === 0 ? (
          <p>{t("integrations.keys.none")}</p>
        ) : (
          <KeyTable keys={keys} canManage={canManage} />
        )}
        {canManage ? (
          <>
            <h4 id="create-key-heading">{t("integrations.keys.create")}</h4>
            {/* A new key after each creation empties the form for the next one. */}
            <CreateKeyForm
              key={keys.length}
              scopes={scopes}
              maxNameLength={loaderData.maxNameLength}
            />
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="webhooks-heading">
        <h3 id="webhooks-heading">{t("webhooks.title")}</h3>
        <p className="muted">{t("webhooks.cardText")}</p>
        <Link to="/admin/integrations/webhooks" className="button button-secondary">
          {t("webhooks.open")}
        </Link>
      </section>

      <section className="card" aria-labelledby="types-heading">
        <h3 id="types-heading">{t("integrations.types.heading")}</h3>
        <p className="muted">{t("integrations.types.intro")}</p>
        <p>
          <strong>
            {types.strict ? t("integrations.types.strictOn") : t("integrations.types.strictOff")}
          </strong>
        </p>
        <EventTypesForm types={types} canManage={canManage} maxTypes={loaderData.maxTypes} />
        <h4 id="portal-types">{t("integrations.types.portalTypes")}</h4>
        <ul className="portal-types">
          {portalTypes.map((type) => (
            <li key={type}>
              <code>{type}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
