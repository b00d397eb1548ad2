// Steps 2 and 3 of the CSV import: map columns (presets for common CRM exports), preview row by
// row, apply. While applying, the page polls the job row for progress.
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
  useRevalidator,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  claimImportJob,
  getImportJob,
  ImportRequestError,
  previewImportJob,
  runImportJob,
  type RowOutcome,
} from "~/commands/account-import.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import {
  fieldsFor,
  mappingFromPreset,
  presetsFor,
  REQUIRED_ACCOUNT_FIELDS,
  REQUIRED_USER_FIELDS,
} from "~/models/account-import";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Import preview · CS console" }];

/** How often the page asks for progress while a job is being applied. */
const POLL_MS = 1_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const job = await getImportJob(user, params.id ?? "");
  const required: string[] =
    job.kind === "accounts" ? REQUIRED_ACCOUNT_FIELDS : REQUIRED_USER_FIELDS;
  return { job, fields: [...fieldsFor(job.kind)], required };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  const job = await getImportJob(user, id);
  const fieldLabel = (f: string) => t(`accountData.import.fields.${f}`, { defaultValue: f });
  try {
    if (intent === "preset") {
      const preset = presetsFor(job.kind).find((p) => p.key === form.get("preset"));
      if (!preset)
        return data({ errors: [t("accountData.import.errors.mappingChanged")] }, { status: 400 });
      await db.importJob.update({
        where: { id },
        data: {
          preset: preset.key,
          mapping: JSON.stringify(mappingFromPreset(preset, job.headers)),
        },
      });
      return redirect(`/admin/accounts/import/${id}`);
    }
    if (intent === "preview") {
      const mapping: Record<string, string> = {};
      for (const field of fieldsFor(job.kind)) {
        const header = form.get(`map.${field}`);
        if (typeof header === "string" && header !== "") mapping[field] = header;
      }
      const result = await previewImportJob({ actor: user, jobId: id, mapping });
      if (result.mappingErrors.length) {
        return data(
          {
            errors: result.mappingErrors.map((e) =>
              t(`accountData.import.errors.${e.code}`, { field: fieldLabel(e.field) }),
            ),
          },
          { status: 422 },
        );
      }
      return redirect(`/admin/accounts/import/${id}#preview-title`);
    }
    if (intent === "apply") {
      await claimImportJob(user, id);
      // Not awaited: the page polls the job row; the work goes on after this answer.
      void runImportJob(user, id, clientIp(context));
      return redirect(`/admin/accounts/import/${id}`);
    }
    return data({ errors: [t("accountData.import.errors.notPreviewed")] }, { status: 400 });
  } catch (error) {
    if (error instanceof ImportRequestError) {
      return data(
        { errors: [t(`accountData.import.errors.${error.code}`, error.params)] },
        { status: error.status },
      );
    }
    throw error;
  }
}

function ReportDetails({ r }: { r: RowOutcome }) {
  const { t } = useTranslation();
  const label = (f: string) => t(`accountData.import.fields.${f}`, { defaultValue: f });
  if (r.errors?.length) {
    return (
      <ul className="plain">
        {r.errors.map((e, i) => {
          const message = t(`accountData.error.${e.code}`, e.params ?? {});
          return (
            <li key={i}>
              {e.column
                ? t("accountData.import.errorLine", { column: e.column, message })
                : t("accountData.import.errorLineNoColumn", {
                    message: `${label(e.field)}: ${message}`,
                  })}
            </li>
          );
        })}
      </ul>
    );
  }
  if (r.changes?.length) {
    const empty = t("accountData.import.empty");
    return (
      <ul className="plain">
        {r.changes.map((c) => (
          <li key={c.field}>
            {t("accountData.import.changeLine", {
              field: label(c.field),
              from: c.from ?? empty,
              to: c.to ?? empty,
            })}
          </li>
        ))}
      </ul>
    );
  }
  return null;
}

export default function ImportJobPage() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { job, fields, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const busy = navigation.state !== "idle";

  useEffect(() => {
    if (job.status !== "applying") return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [job.status, revalidator]);

  const previewed = job.status === "previewed";
  const changes = job.counts.create + job.counts.update;
  const total = job.counts.create + job.counts.update + job.counts.unchanged + job.counts.reject;
  const editable = job.status === "uploaded" || job.status === "previewed";

  return (
    <>
      <p>
        <Link to="/admin/accounts/import">← {t("accountData.import.back")}</Link>
      </p>
      <section className="card" aria-labelledby="job-title">
        <h2 id="job-title">
          {t("accountData.import.title")}: {t(`accountData.import.kinds.${job.kind}`)}
        </h2>
        <p className="muted">
          {t("accountData.import.fileSummary", {
            file: job.fileName,
            rows: number.format(job.rowCount),
            encoding: t(`accountData.import.encodings.${job.encoding}`, {
              defaultValue: job.encoding,
            }),
          })}
        </p>
        {actionData?.errors?.length ? (
          <div className="alert alert-error" role="alert" id="job-errors">
            {actionData.errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        ) : null}
        {job.error && job.status === "previewed" ? (
          <div className="alert alert-error" role="alert">
            <p>{t(`accountData.import.errors.${job.error}`, { defaultValue: job.error })}</p>
          </div>
        ) : null}
        {job.status === "applying" ? (
          <div role="status" aria-live="polite" className="import-progress">
            <p>
              {t("accountData.import.applying", {
                processed: number.format(job.processed),
                total: number.format(job.rowCount),
              })}
            </p>
            <progress
              max={job.rowCount}
              value={job.processed}
              aria-label={t("accountData.import.statuses.applying")}
            />
          </div>
        ) : null}
        {job.status === "done" ? (
          <div className="alert alert-success" role="status">
            <p>
              {t("accountData.import.done", {
                create: number.format(job.counts.create),
                update: number.format(job.counts.update),
                unchanged: number.format(job.counts.unchanged),
              })}
            </p>
            <p>
              <Link to="/admin/accounts/import">{t("accountData.import.importAnother")}</Link>
            </p>
          </div>
        ) : null}
      </section>

      {editable ? (
        <section className="card" aria-labelledby="mapping-title">
          <h2 id="mapping-title">{t("accountData.import.mapping")}</h2>
          <p className="muted">{t("accountData.import.mappingIntro")}</p>
          <Form method="post" className="inline-form import-preset">
            <input type="hidden" name="intent" value="preset" />
            <div className="field">
              <label htmlFor="import-preset">{t("accountData.import.preset")}</label>
              <select id="import-preset" name="preset" defaultValue={job.preset ?? ""}>
                {job.presets.map((p) => (
                  <option key={p} value={p}>
                    {t(`accountData.import.presets.${p}`, { defaultValue: p })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary button-wrap" disabled={busy}>
              {t("accountData.import.applyPreset")}
            </button>
          </Form>
          {/* The key remounts the selects when a preset changed the stored mapping. */}
          <Form method="post" key={JSON.stringify(job.mapping)} className="import-mapping">
            <input type="hidden" name="intent" value="preview" />
            <div className="mapping-grid">
              {fields.map((f) => (
                <div className="field" key={f}>
                  <label htmlFor={`map-${f}`}>
                    {t(`accountData.import.fields.${f}`)}
                    {required.includes(f) ? ` (${t("accountData.import.required")})` : ""}
                  </label>
                  <select id={`map-${f}`} name={`map.${f}`} defaultValue={job.mapping[f] ?? ""}>
                    <option value="">{t("accountData.import.notMapped")}</option>
                    {job.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <button type="submit" className="button button-wrap" disabled={busy}>
              {t("accountData.import.preview")}
            </button>
          </Form>
        </section>
      ) : null}

      {job.status !== "uploaded" ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t("accountData.import.previewTitle")}</h2>
          {previewed ? <p className="muted">{t("accountData.import.previewIntro")}</p> : null}
          <ul className="stat-row" aria-label={t("accountData.import.previewTitle")}>
            {(["create", "update", "unchanged", "reject"] as const).map((k) => (
              <li key={k} className={`stat stat-${k}`}>
                <span className="stat-value">{number.format(job.counts[k])}</span>{" "}
                <span className="stat-label">{t(`accountData.import.counts.${k}`)}</span>
              </li>
            ))}
          </ul>
          {previewed ? (
            job.counts.reject > 0 ? (
              <p className="alert alert-error" role="alert">
                {t("accountData.import.cannotApply", { count: job.counts.reject })}
              </p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="apply" />
                <button type="submit" className="button button-wrap" disabled={busy}>
                  {changes > 0
                    ? t("accountData.import.apply", { count: changes })
                    : t("accountData.import.applyNothing")}
                </button>
              </Form>
            )
          ) : null}
          {job.report.length < total ? (
            <p className="muted">
              {t("accountData.import.reportCapped", {
                shown: number.format(job.report.length),
                total: number.format(total),
              })}
            </p>
          ) : null}
          {job.report.length ? (
            <TableWrap labelledBy="preview-title">
              <table className="import-report">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("accountData.import.reportColumns.row")}
                    </th>
                    <th scope="col">{t("accountData.import.reportColumns.key")}</th>
                    <th scope="col">{t("accountData.import.reportColumns.outcome")}</th>
                    <th scope="col">{t("accountData.import.reportColumns.details")}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.report.map((r) => (
                    <tr key={r.row} className={`outcome-${r.outcome}`}>
                      <td className="num">{r.row}</td>
                      <td>
                        <code>{r.key || "—"}</code>
                      </td>
                      <td>
                        <span className={`badge badge-outcome-${r.outcome}`}>
                          {t(`accountData.import.outcomes.${r.outcome}`)}
                        </span>
                      </td>
                      <td>
                        <ReportDetails r={r} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
