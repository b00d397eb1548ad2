// /admin/health: the health model (weights, bands, custom components per segment), a preview of
// a change before it is saved, and how well the score separated churned from retained accounts.
// Staff see it; admins change it (docs/decisions/0013-health.md). Customers get 404.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  removeSegmentModel,
  saveHealthModel,
  isModelSegment,
} from "~/commands/save-health-model.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import {
  isBuiltinKey,
  WINDOW_DAYS,
  type ComponentConfig,
  type HealthModelConfig,
} from "~/health/model";
import {
  validateHealthModel,
  WEIGHT_TOTAL,
  MAX_COMPONENTS,
  type HealthModelError,
} from "~/health/validate";
import {
  canEditHealthModel,
  getHealthModelPage,
  knownProductEventTypes,
  previewHealthModelChange,
} from "~/models/health.server";
import { isStaff } from "~/models/roles";
import { requireUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { clientIp, notFound } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Health model · CS console" }];

/** Staff only; to anyone else the page does not exist. */
async function requireHealthViewer(request: Request) {
  const user = await requireUser(request);
  if (!isStaff(user)) throw notFound();
  return user;
}

function segmentParam(url: URL): string {
  const segment = url.searchParams.get("segment") ?? "";
  if (!isModelSegment(segment)) throw notFound();
  return segment;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireHealthViewer(request);
  const segment = segmentParam(new URL(request.url));
  const page = await getHealthModelPage(segment);
  return { ...page, canEdit: canEditHealthModel(user), windowDays: WINDOW_DAYS };
}

const MAX_ROWS = MAX_COMPONENTS + 1;
const intText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? Number.NaN : Number(s)));

const rowSchema = z.object({
  key: z.string().trim().max(60),
  kind: z.enum(["builtin", "event"]),
  eventType: z.string().trim().max(100).optional(),
  target: intText.optional(),
  weight: intText,
  remove: z.literal("on").optional(),
});

/** The form's rows and bands as a model; shape errors (a tampered form) are a 400. */
function parseModel(form: FormData): HealthModelConfig | null {
  const rows: ComponentConfig[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const key = form.get(`c${i}.key`);
    if (key === null) continue;
    const parsed = rowSchema.safeParse({
      key,
      kind: form.get(`c${i}.kind`),
      eventType: form.get(`c${i}.eventType`) ?? undefined,
      target: form.get(`c${i}.target`) ?? undefined,
      weight: form.get(`c${i}.weight`) ?? "",
      remove: form.get(`c${i}.remove`) ?? undefined,
    });
    if (!parsed.success) return null;
    if (parsed.data.remove) continue;
    const { remove: _remove, ...row } = parsed.data;
    rows.push(row.kind === "builtin" ? { key: row.key, kind: row.kind, weight: row.weight } : row);
  }
  const newKey = String(form.get("new.key") ?? "").trim();
  if (newKey) {
    const parsed = rowSchema.safeParse({
      key: newKey,
      kind: "event",
      eventType: form.get("new.eventType") ?? "",
      target: form.get("new.target") ?? "",
      weight: form.get("new.weight") ?? "",
    });
    if (!parsed.success) return null;
    const { remove: _remove, ...row } = parsed.data;
    rows.push(row);
  }
  const bands = z.object({ yellowFrom: intText, greenFrom: intText }).safeParse({
    yellowFrom: form.get("yellowFrom") ?? "",
    greenFrom: form.get("greenFrom") ?? "",
  });
  if (!bands.success) return null;
  return { components: rows, bands: bands.data };
}

type ActionData =
  | { intent: "preview"; preview: Awaited<ReturnType<typeof previewHealthModelChange>>; errors: [] }
  | { intent: "save" | "remove"; done: true; errors: [] }
  | { intent: "preview" | "save"; errors: HealthModelError[]; formError?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireHealthViewer(request);
  const segment = segmentParam(new URL(request.url));
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "remove") {
    await removeSegmentModel(user, segment, { ipAddress: clientIp(context) });
    return data<ActionData>({ intent: "remove", done: true, errors: [] });
  }
  if (intent !== "preview" && intent !== "save") {
    return data<ActionData>({ intent: "save", errors: [], formError: true }, { status: 400 });
  }
  if (intent === "save" && !canEditHealthModel(user)) {
    throw new Response("Forbidden", { status: 403 });
  }
  const model = parseModel(form);
  if (!model) return data<ActionData>({ intent, errors: [], formError: true }, { status: 400 });
  if (intent === "preview") {
    const errors = validateHealthModel(model, new Set(await knownProductEventTypes()));
    if (errors.length) return data<ActionData>({ intent, errors }, { status: 422 });
    const preview = await previewHealthModelChange(segment, model);
    return data<ActionData>({ intent, preview, errors: [] });
  }
  const result = await saveHealthModel(user, { segment, model }, { ipAddress: clientIp(context) });
  if (!result.ok) return data<ActionData>({ intent, errors: result.errors }, { status: 422 });
  return data<ActionData>({ intent: "save", done: true, errors: [] });
}

function componentLabel(t: (k: string, o?: Record<string, unknown>) => string, key: string) {
  return isBuiltinKey(key) ? t(`health.components.${key}`) : key;
}

export default function AdminHealth() {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors = actionData?.errors ?? [];
  const errorAt = (path: string) => errors.filter((e) => e.path === path);
  const message = (e: HealthModelError) => t(`health.errors.${e.code}`, e.params ?? {});
  const fieldError = (path: string) => {
    const list = errorAt(path);
    if (!list.length) return null;
    return (
      <p className="field-error" id={`err-${path.replace(/\./g, "-")}`}>
        {list.map(message).join(" ")}
      </p>
    );
  };
  const described = (path: string) =>
    errorAt(path).length
      ? { "aria-invalid": true, "aria-describedby": `err-${path.replace(/\./g, "-")}` }
      : {};
  const model = page.model;
  const segmentName = (s: string) => (s ? t(`segments.${s}`) : t("health.models.default"));
  const query = page.segment ? `?segment=${page.segment}` : "";
  const savedSum = model.components.reduce((sum, c) => sum + c.weight, 0);
  // The total follows what is typed (removed rows excluded), so a wrong sum shows before saving.
  const [typedSum, setTypedSum] = useState<number | null>(null);
  const weightSum = typedSum ?? savedSum;
  useEffect(() => setTypedSum(null), [page.segment, page.updatedAt]);
  const onFormChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    let sum = 0;
    for (const [name, value] of form.entries()) {
      const row = /^(c\d+|new)\.weight$/.exec(name)?.[1];
      if (!row || form.get(`${row}.remove`) === "on") continue;
      const n = Number(value);
      if (value !== "" && Number.isFinite(n)) sum += n;
    }
    setTypedSum(sum);
  };

  return (
    <div className="health-admin">
      <h2 id="health-title">{t("health.title")}</h2>
      <p className="muted">{t("health.intro", { days: page.windowDays })}</p>
      {!page.canEdit ? <p className="muted">{t("health.readOnly")}</p> : null}

      <nav aria-labelledby="health-models-title" className="health-models">
        <h3 id="health-models-title">{t("health.models.heading")}</h3>
        <ul className="subnav">
          <li>
            <Link to="/admin/health" aria-current={page.segment === "" ? "page" : undefined}>
              {t("health.models.default")}
            </Link>
          </li>
          {page.segments.map((s) => (
            <li key={s.segment}>
              <Link
                to={`/admin/health?segment=${s.segment}`}
                aria-current={page.segment === s.segment ? "page" : undefined}
              >
                {t(`segments.${s.segment}`)}
                {s.hasOwnModel ? " ●" : ""}{" "}
                <span className="muted">
                  ({t("health.models.accounts", { count: s.accounts })})
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {actionData && "done" in actionData && navigation.state === "idle" ? (
        <Notice>
          {actionData.intent === "remove"
            ? t("health.models.removed", { segment: segmentName(page.segment) })
            : t("health.form.saved")}
        </Notice>
      ) : null}
      {errors.length || (actionData && "formError" in actionData && actionData.formError) ? (
        <div className="alert alert-error" role="alert">
          <p>
            {actionData && "formError" in actionData && actionData.formError
              ? t("health.errors.badForm")
              : t("health.errors.summary")}
          </p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{message(e)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="card" aria-labelledby="health-model-title">
        <h3 id="health-model-title">{segmentName(page.segment)}</h3>
        {page.segment ? (
          <p className="muted">
            {page.hasOwnModel ? t("health.models.ownModel") : t("health.models.usesDefault")}
          </p>
        ) : null}
        {page.updatedAt ? (
          <p className="muted">
            {t("health.models.updated", { date: date.format(new Date(page.updatedAt)) })}
          </p>
        ) : null}
        <Form
          method="post"
          noValidate
          onChange={onFormChange}
          action={`/admin/health${query}`}
          key={`${page.segment}-${page.updatedAt ?? ""}`}
        >
          <fieldset>
            <legend id="health-components-legend">{t("health.form.legend")}</legend>
            <TableWrap labelledBy="health-components-legend">
              <table className="table health-components">
                <thead>
                  <tr>
                    <th scope="col">{t("health.form.component")}</th>
                    <th scope="col">{t("health.form.eventType")}</th>
                    <th scope="col">{t("health.form.target", { days: page.windowDays })}</th>
                    <th scope="col">{t("health.form.weight")}</th>
                    {page.canEdit ? <th scope="col">{t("health.form.remove")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {model.components.map((c, i) => (
                    <tr key={c.key}>
                      <th scope="row">
                        <span id={`c${i}-label`}>{componentLabel(t, c.key)}</span>
                        <input type="hidden" name={`c${i}.key`} value={c.key} />
                        <input type="hidden" name={`c${i}.kind`} value={c.kind} />
                        <span className="muted health-help">
                          {c.kind === "event"
                            ? t("health.componentHelp.event", {
                                type: c.eventType,
                                target: c.target,
                                days: page.windowDays,
                              })
                            : t(`health.componentHelp.${c.key}`)}
                        </span>
                      </th>
                      <td>
                        {c.kind === "event" ? (
                          <>
                            <select
                              name={`c${i}.eventType`}
                              defaultValue={c.eventType}
                              aria-label={`${componentLabel(t, c.key)}: ${t("health.form.eventType")}`}
                              {...described(`components.${i}.eventType`)}
                            >
                              {[...new Set([c.eventType ?? "", ...page.eventTypes])].map((type) => (
                                <option key={type} value={type}>
                                  {type}
                                </option>
                              ))}
                            </select>
                            {fieldError(`components.${i}.eventType`)}
                          </>
                        ) : (
                          <span className="muted">{t("health.form.kindBuiltin")}</span>
                        )}
                      </td>
                      <td>
                        {c.kind === "event" ? (
                          <>
                            <input
                              type="number"
                              inputMode="numeric"
                              name={`c${i}.target`}
                              defaultValue={c.target}
                              min={1}
                              aria-label={`${componentLabel(t, c.key)}: ${t("health.form.target", { days: page.windowDays })}`}
                              {...described(`components.${i}.target`)}
                            />
                            {fieldError(`components.${i}.target`)}
                          </>
                        ) : null}
                      </td>
                      <td>
                        <input
                          type="number"
                          inputMode="numeric"
                          name={`c${i}.weight`}
                          defaultValue={c.weight}
                          min={0}
                          max={WEIGHT_TOTAL}
                          step={1}
                          className="input-narrow"
                          aria-label={`${componentLabel(t, c.key)}: ${t("health.form.weight")}`}
                          {...described(`components.${i}.weight`)}
                        />
                        {fieldError(`components.${i}.weight`)}
                        {fieldError(`components.${i}.key`)}
                      </td>
                      {page.canEdit ? (
                        <td>
                          <input
                            type="checkbox"
                            name={`c${i}.remove`}
                            aria-label={`${t("health.form.remove")}: ${componentLabel(t, c.key)}`}
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p className="muted" id="weights-total" aria-live="polite">
              {t("health.form.total", { sum: weightSum, total: WEIGHT_TOTAL })}
            </p>
            {fieldError("weights")}
          </fieldset>

          {page.canEdit ? (
            <fieldset className="health-add">
              <legend>{t("health.form.addHeading")}</legend>
              {page.eventTypes.length ? (
                <div className="inline-form">
                  <div className="field">
                    <label htmlFor="new-key">{t("health.form.addKey")}</label>
                    <input
                      id="new-key"
                      name="new.key"
                      aria-describedby="new-key-hint"
                      maxLength={40}
                    />
                    <p className="hint" id="new-key-hint">
                      {t("health.form.addKeyHint")}
                    </p>
                  </div>
                  <div className="field">
                    <label htmlFor="new-type">{t("health.form.eventType")}</label>
                    <select id="new-type" name="new.eventType">
                      {page.eventTypes.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="new-target">
                      {t("health.form.target", { days: page.windowDays })}
                    </label>
                    <input
                      id="new-target"
                      name="new.target"
                      type="number"
                      inputMode="numeric"
                      min={1}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="new-weight">{t("health.form.weight")}</label>
                    <input
                      id="new-weight"
                      name="new.weight"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={WEIGHT_TOTAL}
                    />
                  </div>
                </div>
              ) : (
                <p className="muted">{t("health.form.addNone")}</p>
              )}
            </fieldset>
          ) : null}

          <fieldset>
            <legend>{t("health.form.bandsLegend")}</legend>
            <p className="hint" id="bands-hint">
              {t("health.form.bandsHint")}
            </p>
            <div className="inline-form">
              <div className="field">
                <label htmlFor="yellow-from">{t("health.form.yellowFrom")}</label>
                <input
                  id="yellow-from"
                  name="yellowFrom"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  defaultValue={model.bands.yellowFrom}
                  aria-describedby="bands-hint"
                  {...(errorAt("bands.yellowFrom").length ? { "aria-invalid": true } : {})}
                />
                {fieldError("bands.yellowFrom")}
              </div>
              <div className="field">
                <label htmlFor="green-from">{t("health.form.greenFrom")}</label>
                <input
                  id="green-from"
                  name="greenFrom"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  defaultValue={model.bands.greenFrom}
                  aria-describedby="bands-hint"
                  {...(errorAt("bands.greenFrom").length ? { "aria-invalid": true } : {})}
                />
                {fieldError("bands.greenFrom")}
              </div>
            </div>
          </fieldset>

          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="preview"
              className="button button-secondary"
              disabled={busy}
            >
              {t("health.form.preview")}
            </button>
            {page.canEdit ? (
              <button type="submit" name="intent" value="save" className="button" disabled={busy}>
                {t("health.form.save")}
              </button>
            ) : null}
            {page.canEdit && page.segment && page.hasOwnModel ? (
              <button
                type="submit"
                name="intent"
                value="remove"
                className="button button-secondary"
                disabled={busy}
              >
                {t("health.models.removeSegmentModel")}
              </button>
            ) : null}
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="health-preview-title" aria-live="polite">
        <h3 id="health-preview-title">{t("health.preview.heading")}</h3>
        {actionData && actionData.intent === "preview" && "preview" in actionData ? (
          actionData.preview ? (
            <>
              <p className="health-preview-summary">
                {actionData.preview.changedCount
                  ? t("health.preview.summary", {
                      count: actionData.preview.changedCount,
                      total: number.format(actionData.preview.total),
                    })
                  : t("health.preview.none", { total: number.format(actionData.preview.total) })}
              </p>
              <h4 id="health-preview-distribution">{t("health.preview.distribution")}</h4>
              <TableWrap labelledBy="health-preview-distribution">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("health.preview.band")}</th>
                      <th scope="col">{t("health.preview.now")}</th>
                      <th scope="col">{t("health.preview.after")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {actionData.preview.distribution.map((d) => (
                      <tr key={d.band}>
                        <th scope="row">
                          <span className={`band band-${d.band}`}>
                            {t(`health.bands.${d.band}`)}
                          </span>
                        </th>
                        <td>{number.format(d.before)}</td>
                        <td>{number.format(d.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {actionData.preview.examples.length ? (
                <>
                  <h4 id="health-preview-examples">{t("health.preview.examples")}</h4>
                  <TableWrap labelledBy="health-preview-examples">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t("health.preview.account")}</th>
                          <th scope="col">{t("health.preview.score")}</th>
                          <th scope="col">{t("health.preview.change")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {actionData.preview.examples.map((e) => (
                          <tr key={e.id}>
                            <th scope="row">
                              <Link to={`/admin/accounts/${e.id}`}>{e.name}</Link>
                            </th>
                            <td>
                              {e.from.score} → {e.to.score}
                            </td>
                            <td>
                              {t(`health.bands.${e.from.band}`)} → {t(`health.bands.${e.to.band}`)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                </>
              ) : null}
              <p className="muted">{t("health.preview.note")}</p>
            </>
          ) : (
            <p>{t("health.preview.notComputed")}</p>
          )
        ) : (
          <p className="muted">{t("health.preview.note")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="health-validation-title">
        <h3 id="health-validation-title">{t("health.validation.heading")}</h3>
        <p className="muted">{t("health.validation.intro")}</p>
        {page.validation.hasData ? (
          <>
            <h4 id="health-validation-auc">{t("health.validation.auc")}</h4>
            <TableWrap labelledBy="health-validation-auc">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("health.validation.horizon")}</th>
                    <th scope="col">{t("health.validation.auc")}</th>
                    <th scope="col">{t("health.validation.churned")}</th>
                    <th scope="col">{t("health.validation.retained")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.validation.horizons.map((h) => (
                    <tr key={h.days}>
                      <th scope="row">{h.days}</th>
                      <td>{h.auc == null ? "—" : h.auc.toFixed(2)}</td>
                      <td>{number.format(h.churned)}</td>
                      <td>{number.format(h.retained)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <ul className="health-validation-words">
              {page.validation.horizons
                .filter((h) => h.auc != null)
                .map((h) => (
                  <li key={h.days}>
                    {t("health.validation.aucWords", {
                      days: h.days,
                      percent: `${Math.round(h.auc! * 100)}%`,
                    })}{" "}
                    {t(`health.validation.quality.${h.quality}`)}
                  </li>
                ))}
            </ul>
            <p className="muted">{t("health.validation.aucHelp")}</p>
            {page.validation.horizons
              .filter((h) => h.auc != null)
              .slice(0, 1)
              .map((h) => (
                <div key={h.days}>
                  <h4 id={`health-band-rate-${h.days}`}>
                    {t("health.validation.perBand", { days: h.days })}
                  </h4>
                  <ul className="health-band-rates">
                    {h.perBand.map((b) => (
                      <li key={b.band}>
                        <span className={`band band-${b.band}`}>{t(`health.bands.${b.band}`)}</span>{" "}
                        {b.rate == null
                          ? "—"
                          : t("health.validation.rate", {
                              percent: `${Math.round(b.rate * 100)}%`,
                              churned: b.churned,
                              total: b.total,
                            })}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
          </>
        ) : (
          <p>{t("health.validation.noData")}</p>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
