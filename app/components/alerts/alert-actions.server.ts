// The alert forms' action (acknowledge, assign, close with a note, reopen), shared by the alerts
// inbox and the CS account page. Answers { ok, message } with 400/404/409/422 on bad requests.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import {
  acknowledge,
  ALERT_NOTE_MAX_LENGTH,
  assignAlert,
  closeAlert,
  reopenAlert,
  type AlertChangeResult,
} from "~/commands/alerts.server";
import { requireHealthViewer } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

/** Alert and user ids are cuids. */
const ID_MAX_LENGTH = 40;
export const ALERT_INTENTS = ["acknowledge", "assign", "close", "reopen"] as const;
type Intent = (typeof ALERT_INTENTS)[number];

const STATUS_FOR_ERROR = { notFound: 404, conflict: 409, invalidAssignee: 422 } as const;

function isId(value: FormDataEntryValue | null): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= ID_MAX_LENGTH;
}

/** With `accountId`, only that account's alerts can be changed. */
export async function alertAction(
  { request, context }: Pick<ActionFunctionArgs, "request" | "context">,
  accountId?: string,
  form?: FormData,
) {
  const user = await requireHealthViewer(request);
  const { t } = await getRequestT(request, user);
  const fields = form ?? (await request.formData());
  const intent = fields.get("intent");
  const alertId = fields.get("alertId");
  const fail = (status: number, message: string, field?: "note" | "assigneeId") =>
    data({ ok: false as const, intent, alertId, message, field }, { status });
  if (!ALERT_INTENTS.includes(intent as Intent) || !isId(alertId)) {
    return fail(400, t("alerts.errors.invalid"));
  }
  const base = { actorId: user.id, id: alertId, accountId, ipAddress: clientIp(context) };
  let result: AlertChangeResult;
  if (intent === "assign") {
    const assignee = fields.get("assigneeId");
    if (assignee !== "" && !isId(assignee)) return fail(400, t("alerts.errors.invalid"));
    result = await assignAlert({ ...base, assigneeId: assignee || null });
  } else if (intent === "close") {
    const note = String(fields.get("note") ?? "").trim();
    if (!note) return fail(422, t("alerts.errors.noteRequired"), "note");
    if (note.length > ALERT_NOTE_MAX_LENGTH) {
      return fail(422, t("alerts.errors.noteTooLong", { max: ALERT_NOTE_MAX_LENGTH }), "note");
    }
    result = await closeAlert({ ...base, note });
  } else if (intent === "reopen") {
    result = await reopenAlert(base);
  } else {
    result = await acknowledge(base);
  }
  if (!result.ok) {
    return fail(
      STATUS_FOR_ERROR[result.error],
      t(`alerts.errors.${result.error}`),
      result.error === "invalidAssignee" ? "assigneeId" : undefined,
    );
  }
  return data({
    ok: true as const,
    intent,
    alertId,
    message: t(`alerts.done.${intent as Intent}`),
    field: undefined,
  });
}
