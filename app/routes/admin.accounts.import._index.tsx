// Step 1 of the CSV import: upload a file (accounts or members). The file is read into memory
// up to the size limit and refused with 413 beyond it, before the rest is read.
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createImportJob, isCsvFileError, listImportJobs } from "~/commands/account-import.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import { IMPORT_KINDS, IMPORT_LIMITS, type ImportKind } from "~/models/account-import";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "Import · CS console" }];

/** Room for the form's other fields and the multipart boundaries around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MB = 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { jobs: await listImportJobs(user), maxMb: IMPORT_LIMITS.maxFileBytes / MB };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const maxMb = IMPORT_LIMITS.maxFileBytes / MB;
  const fail = (status: number, message: string) => data({ error: message }, { status });
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > IMPORT_LIMITS.maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
    return fail(413, t("accountData.import.errors.tooLarge", { max: `${maxMb} MB` }));
  }
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return fail(400, t("accountData.import.errors.notMultipart"));
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_LIMITS.maxFileBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return fail(413, t("accountData.import.errors.tooLarge", { max: `${maxMb} MB` }));
    }
    return fail(400, t("accountData.import.errors.notMultipart"));
  }
  const kind = form.get("kind");
  if (!(IMPORT_KINDS as readonly unknown[]).includes(kind)) {
    return fail(400, t("accountData.import.errors.kindInvalid"));
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) {
    return fail(
      400,
      t(
        file instanceof Blob
          ? "accountData.fileError.empty"
          : "accountData.import.errors.fileRequired",
      ),
    );
  }
  try {
    const job = await createImportJob({
      actor: user,
      kind: kind as ImportKind,
      fileName: (file as File).name ?? "upload.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return redirect(`/admin/accounts/import/${job.id}`);
  } catch (error) {
    if (isCsvFileError(error)) {
      return fail(422, t(`accountData.fileError.${error.code}`, error.params));
    }
    throw error;
  }
}

export default function ImportUpload() {
  const { t } = useTranslation();
  const { number, moment } = useFormatters();
  const { jobs, maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t("accountData.import.title")}</h2>
        <p className="muted">{t("accountData.import.intro")}</p>
        {actionData?.error ? (
          <div className="alert alert-error" role="alert" id="upload-error">
            <p>{actionData.error}</p>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <fieldset className="field">
            <legend>{t("accountData.import.kind")}</legend>
            {IMPORT_KINDS.map((k, i) => (
              <label key={k} className="checkbox">
                <input type="radio" name="kind" value={k} defaultChecked={i === 0} />{" "}
                {t(`accountData.import.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="import-file">{t("accountData.import.file")}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".csv,text/csv"
              required
              aria-describedby="import-file-hint"
            />
            <p id="import-file-hint" className="hint">
              {t("accountData.import.fileHint", { max: `${maxMb} MB` })}
            </p>
          </div>
          <button
            type="submit"
            className="button button-wrap"
            disabled={navigation.state === "submitting"}
          >
            {t("accountData.import.upload")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="imports-recent">
        <h2 id="imports-recent">{t("accountData.import.recent")}</h2>
        {jobs.length === 0 ? (
          <p className="card">{t("accountData.import.none")}</p>
        ) : (
          <TableWrap labelledBy="imports-recent">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("accountData.import.columns.file")}</th>
                  <th scope="col">{t("accountData.import.columns.kind")}</th>
                  <th scope="col" className="num">
                    {t("accountData.import.columns.rows")}
                  </th>
                  <th scope="col">{t("accountData.import.columns.status")}</th>
                  <th scope="col">{t("accountData.import.columns.result")}</th>
                  <th scope="col">{t("accountData.import.columns.when")}</th>
                  <th scope="col">{t("accountData.import.columns.by")}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.id}>
                    <th scope="row">
                      <Link to={`/admin/accounts/import/${j.id}`}>{j.fileName}</Link>
                    </th>
                    <td>{t(`accountData.import.kinds.${j.kind}`, { defaultValue: j.kind })}</td>
                    <td className="num">{number.format(j.rowCount)}</td>
                    <td>
                      {t(`accountData.import.statuses.${j.status}`, { defaultValue: j.status })}
                    </td>
                    <td>
                      {j.status === "uploaded"
                        ? "—"
                        : t("accountData.import.resultLine", {
                            create: number.format(j.created),
                            update: number.format(j.updated),
                            unchanged: number.format(j.unchanged),
                            reject: number.format(j.rejected),
                          })}
                    </td>
                    <td>{moment.format(new Date(j.createdAt))}</td>
                    <td>{j.createdBy?.name ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
