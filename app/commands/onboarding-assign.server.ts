// Giving checklists to accounts: automatically when an account starts (it is created, or a
// template it matches is published while it is still onboarding) and by hand from the console.
// Per-user steps need no rows per member: every member of an assigned account, including people
// who join later, has them (due counted from the day they joined).
import { audit } from "~/models/audit.server";
import { matchesAudience, parseJsonArray } from "~/models/onboarding-rules";
import { db } from "~/utils/db.server";
import { OnboardingError } from "./onboarding-errors.server";

/** Automatic assignment reaches accounts in this lifecycle stage only; others are assigned by hand. */
export const AUTO_ASSIGN_STAGE = "onboarding";

function audienceOf(t: { audienceSegments: string; audiencePlans: string }) {
  return { segments: parseJsonArray(t.audienceSegments), plans: parseJsonArray(t.audiencePlans) };
}

/** Called when an account is created: every published template whose audience it matches. */
export async function assignOnStart(accountId: string, now = new Date()): Promise<number> {
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { id: true, segment: true, plan: true, status: true, lifecycleStage: true },
  });
  if (!account || account.status !== "active" || account.lifecycleStage !== AUTO_ASSIGN_STAGE) {
    return 0;
  }
  const templates = await db.checklistTemplate.findMany({
    where: { status: "published" },
    select: { id: true, audienceSegments: true, audiencePlans: true },
  });
  const matching = templates.filter((t) => matchesAudience(audienceOf(t), account));
  let created = 0;
  for (const t of matching) {
    created += await createIfMissing(t.id, account.id, "auto", null, now);
  }
  return created;
}

/** Called when a template is published: the onboarding accounts it matches that lack it. */
export async function assignPublishedTemplate(templateId: string, now = new Date()) {
  const template = await db.checklistTemplate.findUnique({
    where: { id: templateId },
    select: { id: true, status: true, audienceSegments: true, audiencePlans: true },
  });
  if (!template || template.status !== "published") return 0;
  const accounts = await db.account.findMany({
    where: {
      status: "active",
      lifecycleStage: AUTO_ASSIGN_STAGE,
      checklists: { none: { templateId } },
    },
    select: { id: true, segment: true, plan: true },
  });
  const audience = audienceOf(template);
  const matching = accounts.filter((a) => matchesAudience(audience, a));
  if (!matching.length) return 0;
  await db.checklistAssignment.createMany({
    data: matching.map((a) => ({
      templateId,
      accountId: a.id,
      source: "auto",
      startedAt: now,
      progressAt: now,
    })),
  });
  return matching.length;
}

async function createIfMissing(
  templateId: string,
  accountId: string,
  source: "auto" | "manual",
  assignedBy: string | null,
  now: Date,
): Promise<number> {
  try {
    await db.checklistAssignment.create({
      data: { templateId, accountId, source, assignedBy, startedAt: now, progressAt: now },
    });
    return 1;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return 0;
    throw error;
  }
}

/**
 * CS assigns a published template to one account, named by its CRM id (or internal id).
 * Churned accounts are refused: a checklist for a customer who left only makes noise.
 */
export async function assignTemplateByHand(input: {
  actorId: string;
  templateId: string;
  account: string;
  now?: Date;
  ipAddress?: string;
}): Promise<{ accountId: string }> {
  const now = input.now ?? new Date();
  const template = await db.checklistTemplate.findUnique({
    where: { id: input.templateId },
    select: { id: true, status: true },
  });
  if (!template) throw new OnboardingError("notFound");
  if (template.status !== "published") throw new OnboardingError("notPublished");
  const ref = input.account.trim();
  const account = await db.account.findFirst({
    where: { OR: [{ externalId: ref }, { id: ref }] },
    select: { id: true, name: true, status: true },
  });
  if (!account) throw new OnboardingError("unknownAccount", { account: ref });
  if (account.status === "churned")
    throw new OnboardingError("churnedAccount", { name: account.name });
  try {
    return await assignInTransaction(input, template.id, account, now);
  } catch (error) {
    // Two clicks at once: the second loses the race on the unique (template, account).
    if ((error as { code?: string }).code === "P2002") {
      throw new OnboardingError("alreadyAssigned", { name: account.name });
    }
    throw error;
  }
}

function assignInTransaction(
  input: { actorId: string; ipAddress?: string },
  templateId: string,
  account: { id: string; name: string },
  now: Date,
) {
  const template = { id: templateId };
  return db.$transaction(async (tx) => {
    const existing = await tx.checklistAssignment.findUnique({
      where: { templateId_accountId: { templateId: template.id, accountId: account.id } },
      select: { id: true },
    });
    if (existing) throw new OnboardingError("alreadyAssigned", { name: account.name });
    await tx.checklistAssignment.create({
      data: {
        templateId: template.id,
        accountId: account.id,
        source: "manual",
        assignedBy: input.actorId,
        startedAt: now,
        progressAt: now,
      },
    });
    await audit(
      {
        actorId: input.actorId,
        action: "checklist.assigned",
        targetType: "checklist",
        targetId: template.id,
        data: { accountId: account.id },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { accountId: account.id };
  });
}
