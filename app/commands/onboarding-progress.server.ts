// A customer ticks off a manual step. Only their own account's checklist; account-wide steps are
// for account admins; automatic steps complete themselves (docs/decisions/0010-onboarding.md).
import { PORTAL_EVENTS } from "~/models/event-types";
import { ACCOUNT_SUBJECT } from "~/models/onboarding-rules";
import { db } from "~/utils/db.server";
import { recordFinished } from "./onboarding-events.server";
import { OnboardingError } from "./onboarding-errors.server";

export async function completeStepByHand(input: {
  user: { id: string; role: string; accountId: string | null };
  stepId: string;
  now?: Date;
}): Promise<"done" | "already_done"> {
  const now = input.now ?? new Date();
  const { user } = input;
  if (!user.accountId) throw new OnboardingError("notFound");
  const step = await db.checklistStep.findFirst({
    where: { id: input.stepId, removedAt: null, template: { status: "published" } },
    select: { id: true, scope: true, completion: true, templateId: true },
  });
  // A step of a checklist the account does not have is as unknown as one that does not exist.
  const assignment = step
    ? await db.checklistAssignment.findFirst({
        where: {
          templateId: step.templateId,
          accountId: user.accountId,
          account: { status: "active" },
        },
        select: { id: true },
      })
    : null;
  if (!step || !assignment) throw new OnboardingError("notFound");
  if (step.completion !== "manual") throw new OnboardingError("automaticStep");
  if (step.scope === "account" && user.role !== "account_admin") {
    throw new OnboardingError("forbidden");
  }
  const subject = step.scope === "account" ? ACCOUNT_SUBJECT : user.id;
  try {
    await db.$transaction(async (tx) => {
      await tx.stepCompletion.create({
        data: {
          assignmentId: assignment.id,
          stepId: step.id,
          subject,
          source: "manual",
          completedById: user.id,
          completedAt: now,
        },
      });
      await tx.event.create({
        data: {
          type: PORTAL_EVENTS.onboardingStepDone,
          accountId: user.accountId!,
          userId: user.id,
          properties: JSON.stringify({
            templateId: step.templateId,
            stepId: step.id,
            source: "manual",
          }),
          occurredAt: now,
        },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return "already_done";
    throw error;
  }
  await recordFinished([{ assignmentId: assignment.id, subject }], now);
  return "done";
}
