// The "acknowledge" form of an alert list (app/components/onboarding/AlertList.tsx), shared by
// the pages that show one: the CS account page and a checklist's funnel.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { acknowledgeAlert } from "~/commands/alerts.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

/** Alert ids are cuids. */
const ALERT_ID_MAX_LENGTH = 40;

/** Answers { ok, message }; with `accountId`, only that account's alerts can be acknowledged. */
export async function acknowledgeAlertAction(
  { request, context }: Pick<ActionFunctionArgs, "request" | "context">,
  accountId?: string,
) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  const alertId = form.get("alertId");
  if (
    form.get("intent") !== "acknowledge" ||
    typeof alertId !== "string" ||
    alertId.length > ALERT_ID_MAX_LENGTH
  ) {
    return data({ ok: false, message: t("onboarding.errors.invalidIntent") }, { status: 400 });
  }
  const done = await acknowledgeAlert({
    actorId: user.id,
    id: alertId,
    accountId,
    ipAddress: clientIp(context),
  });
  if (!done) return data({ ok: false, message: t("onboarding.funnel.alertGone") }, { status: 409 });
  return data({ ok: true, message: t("onboarding.funnel.alertAcknowledged") });
}
