import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { completeStepByHand } from "~/commands/onboarding-progress.server";
import { OnboardingError } from "~/commands/onboarding-errors.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState } from "~/components/EmptyState";
import { Checklist } from "~/components/onboarding/Checklist";
import { TeamProgress } from "~/components/onboarding/TeamProgress";
import { getCustomerOnboarding } from "~/models/onboarding.server";
import { isStaff } from "~/models/roles";
import { requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "Onboarding · Acme Cloud Support" }];

/** Step ids are cuids; anything longer is not one. */
const STEP_ID_MAX_LENGTH = 40;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getRequestT(request, user);
  return {
    staff: isStaff(user),
    checklists: await getCustomerOnboarding(user, locale),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  const stepId = form.get("stepId");
  if (form.get("intent") !== "done") {
    return data({ ok: false, message: t("onboarding.errors.invalidIntent") }, { status: 400 });
  }
  if (typeof stepId !== "string" || !stepId || stepId.length > STEP_ID_MAX_LENGTH) {
    return data({ ok: false, message: t("onboarding.errors.notFound") }, { status: 404 });
  }
  try {
    const result = await completeStepByHand({ user, stepId });
    return {
      ok: true,
      message: t(result === "done" ? "onboarding.marked" : "onboarding.alreadyDone"),
    };
  } catch (error) {
    if (error instanceof OnboardingError) {
      return data(
        { ok: false, message: t(`onboarding.errors.${error.code}`, error.params) },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function OnboardingPage() {
  const { t } = useTranslation();
  const { staff, checklists } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (staff) {
    return (
      <section className="empty-state">
        <h1>{t("onboarding.title")}</h1>
        <p>{t("onboarding.staffNote")}</p>
        <p>
          <Link to="/admin/checklists" className="button">
            {t("onboarding.manage")}
          </Link>
        </p>
      </section>
    );
  }
  if (!checklists.length) {
    return <EmptyState title={t("onboarding.title")} text={t("onboarding.none")} />;
  }
  return (
    <div className="onboarding stack">
      <header>
        <h1>{t("onboarding.title")}</h1>
        <p className="muted">{t("onboarding.intro")}</p>
      </header>
      {actionData ? (
        <div
          className={`alert ${actionData.ok ? "alert-success" : "alert-error"}`}
          role={actionData.ok ? "status" : "alert"}
        >
          {actionData.message}
        </div>
      ) : null}
      {checklists.map((c) => (
        <div key={c.assignmentId} className="stack">
          <Checklist checklist={c} />
          {c.team && c.team.steps.length ? <TeamProgress title={c.title} team={c.team} /> : null}
        </div>
      ))}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
