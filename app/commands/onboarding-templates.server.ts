// What CS does to checklist templates: create, edit, add/edit/move/remove steps, publish,
// archive. Each change is one transaction with its audit entry. Templates are edited in place:
// steps keep their ids and removed steps are only marked removed, so every completion stays
// (docs/decisions/0010-onboarding.md).
import type { StepInput, TemplateInput } from "~/components/onboarding/schemas";
import { audit } from "~/models/audit.server";
import { findCycle, parseJsonArray } from "~/models/onboarding-rules";
import { db, type Prisma } from "~/utils/db.server";
import { assignPublishedTemplate } from "./onboarding-assign.server";
import { OnboardingError } from "./onboarding-errors.server";

export const CHECKLIST_AUDIT = {
  created: "checklist.created",
  updated: "checklist.updated",
  stepSaved: "checklist.step_saved",
  stepMoved: "checklist.step_moved",
  stepRemoved: "checklist.step_removed",
  published: "checklist.published",
  archived: "checklist.archived",
  assigned: "checklist.assigned",
} as const;

type Actor = { actorId: string; ipAddress?: string };

function templateRow(v: TemplateInput) {
  return {
    titleEn: v.titleEn,
    titleJa: v.titleJa,
    descriptionEn: v.descriptionEn,
    descriptionJa: v.descriptionJa,
    successGoalEn: v.successGoalEn,
    successGoalJa: v.successGoalJa,
    successGoalDays: v.successGoalDays,
    audienceSegments: JSON.stringify([...new Set(v.segments)]),
    audiencePlans: JSON.stringify([...new Set(v.plans)]),
  };
}

export async function createTemplate(
  input: Actor & { values: { titleEn: string; titleJa: string } },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await tx.checklistTemplate.create({
      data: { ...input.values, createdById: input.actorId },
      select: { id: true },
    });
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.created,
        targetType: "checklist",
        targetId: row.id,
        data: input.values,
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return row;
  });
}

async function lockTemplate(tx: Prisma.TransactionClient, id: string) {
  const template = await tx.checklistTemplate.findUnique({
    where: { id },
    select: { id: true, status: true },
  });
  if (!template) throw new OnboardingError("notFound");
  if (template.status === "archived") throw new OnboardingError("archived");
  return template;
}

async function bump(tx: Prisma.TransactionClient, id: string) {
  await tx.checklistTemplate.update({ where: { id }, data: { revision: { increment: 1 } } });
}

export async function updateTemplate(input: Actor & { id: string; values: TemplateInput }) {
  await db.$transaction(async (tx) => {
    await lockTemplate(tx, input.id);
    await tx.checklistTemplate.update({
      where: { id: input.id },
      data: { ...templateRow(input.values), revision: { increment: 1 } },
    });
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.updated,
        targetType: "checklist",
        targetId: input.id,
        data: { ...input.values },
        ipAddress: input.ipAddress,
      },
      tx,
    );
  });
}

/** Adds a step (stepId null) or saves an existing one. Rule changes never undo completions. */
export async function saveStep(
  input: Actor & { templateId: string; stepId: string | null; values: StepInput },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    await lockTemplate(tx, input.templateId);
    const steps = await tx.checklistStep.findMany({
      where: { templateId: input.templateId, removedAt: null },
      select: { id: true, position: true, requires: true, eventType: true, propertyMatch: true },
    });
    const existing = input.stepId ? steps.find((s) => s.id === input.stepId) : null;
    if (input.stepId && !existing) throw new OnboardingError("notFound");
    const ids = new Set(steps.map((s) => s.id));
    for (const r of input.values.requires) {
      if (!ids.has(r) || r === input.stepId) throw new OnboardingError("unknownRequirement");
    }
    const id = input.stepId ?? "new-step";
    const graph = steps.map((s) => ({
      id: s.id,
      requires: s.id === id ? input.values.requires : parseJsonArray(s.requires),
    }));
    if (!input.stepId) graph.push({ id, requires: input.values.requires });
    if (findCycle(graph)) throw new OnboardingError("cycle");

    const v = input.values;
    const data = {
      titleEn: v.titleEn,
      titleJa: v.titleJa,
      bodyEn: v.bodyEn,
      bodyJa: v.bodyJa,
      articleKey: v.articleKey,
      dueDays: v.dueDays,
      scope: v.scope,
      completion: v.completion,
      eventType: v.eventType,
      propertyMatch: JSON.stringify(v.propertyMatch),
      eventCount: v.eventCount,
      requires: JSON.stringify(v.requires),
    };
    let stepId: string;
    if (existing) {
      await tx.checklistStep.update({ where: { id: existing.id }, data });
      stepId = existing.id;
      // Events counted towards the old rule do not count towards a different one.
      if (existing.eventType !== data.eventType || existing.propertyMatch !== data.propertyMatch) {
        await tx.stepProgress.deleteMany({ where: { stepId } });
      }
    } else {
      const position = steps.reduce((max, s) => Math.max(max, s.position), 0) + 1;
      stepId = (
        await tx.checklistStep.create({
          data: { ...data, templateId: input.templateId, position },
          select: { id: true },
        })
      ).id;
    }
    await bump(tx, input.templateId);
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.stepSaved,
        targetType: "checklist",
        targetId: input.templateId,
        data: { stepId, created: !existing, ...data },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { id: stepId };
  });
}

export async function moveStep(
  input: Actor & { templateId: string; stepId: string; direction: "up" | "down" },
) {
  await db.$transaction(async (tx) => {
    await lockTemplate(tx, input.templateId);
    const steps = await tx.checklistStep.findMany({
      where: { templateId: input.templateId, removedAt: null },
      select: { id: true, position: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    const i = steps.findIndex((s) => s.id === input.stepId);
    if (i < 0) throw new OnboardingError("notFound");
    const j = input.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= steps.length) return;
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    // Renumbered 1..n so that positions stay dense whatever happened before.
    for (let k = 0; k < steps.length; k++) {
      await tx.checklistStep.update({ where: { id: steps[k]!.id }, data: { position: k + 1 } });
    }
    await bump(tx, input.templateId);
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.stepMoved,
        targetType: "checklist",
        targetId: input.templateId,
        data: { stepId: input.stepId, direction: input.direction },
        ipAddress: input.ipAddress,
      },
      tx,
    );
  });
}

/** Takes a step out of the list; its completions stay as history. */
export async function removeStep(input: Actor & { templateId: string; stepId: string }) {
  await db.$transaction(async (tx) => {
    await lockTemplate(tx, input.templateId);
    const steps = await tx.checklistStep.findMany({
      where: { templateId: input.templateId, removedAt: null },
      select: { id: true, requires: true },
    });
    if (!steps.some((s) => s.id === input.stepId)) throw new OnboardingError("notFound");
    await tx.checklistStep.update({
      where: { id: input.stepId },
      data: { removedAt: new Date(), requires: "[]" },
    });
    for (const s of steps) {
      const requires = parseJsonArray(s.requires);
      if (requires.includes(input.stepId)) {
        await tx.checklistStep.update({
          where: { id: s.id },
          data: { requires: JSON.stringify(requires.filter((r) => r !== input.stepId)) },
        });
      }
    }
    await bump(tx, input.templateId);
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.stepRemoved,
        targetType: "checklist",
        targetId: input.templateId,
        data: { stepId: input.stepId },
        ipAddress: input.ipAddress,
      },
      tx,
    );
  });
}

/**
 * Makes the template live and assigns it to the active accounts in onboarding that match its
 * audience. Refused without steps or with a cycle in the "comes after" links.
 */
export async function publishTemplate(input: Actor & { id: string; now?: Date }) {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const template = await lockTemplate(tx, input.id);
    const steps = await tx.checklistStep.findMany({
      where: { templateId: input.id, removedAt: null },
      select: { id: true, requires: true },
    });
    if (!steps.length) throw new OnboardingError("noSteps");
    if (findCycle(steps.map((s) => ({ id: s.id, requires: parseJsonArray(s.requires) })))) {
      throw new OnboardingError("cycle");
    }
    if (template.status === "published") return;
    await tx.checklistTemplate.update({
      where: { id: input.id },
      data: { status: "published", publishedAt: now, revision: { increment: 1 } },
    });
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.published,
        targetType: "checklist",
        targetId: input.id,
        ipAddress: input.ipAddress,
      },
      tx,
    );
  });
  return assignPublishedTemplate(input.id, now);
}

/** Customers stop seeing it; assignments and completions are kept for the record. */
export async function archiveTemplate(input: Actor & { id: string }) {
  await db.$transaction(async (tx) => {
    const template = await tx.checklistTemplate.findUnique({
      where: { id: input.id },
      select: { id: true },
    });
    if (!template) throw new OnboardingError("notFound");
    await tx.checklistTemplate.update({
      where: { id: input.id },
      data: { status: "archived", revision: { increment: 1 } },
    });
    await audit(
      {
        actorId: input.actorId,
        action: CHECKLIST_AUDIT.archived,
        targetType: "checklist",
        targetId: input.id,
        ipAddress: input.ipAddress,
      },
      tx,
    );
  });
}
