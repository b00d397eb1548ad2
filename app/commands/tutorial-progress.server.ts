// A customer ticks off the numbered steps of a tutorial; progress is per user and article.
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";

export class StepOutOfRangeError extends Error {
  constructor(
    public step: number,
    public steps: number,
  ) {
    super(`Step ${step} is not one of the ${steps} steps`);
  }
}

export async function setTutorialStep(input: {
  article: { id: string; slug: string; steps: number };
  user: { id: string; accountId: string | null };
  step: number;
  done: boolean;
}) {
  const { article, user, step, done } = input;
  if (!Number.isInteger(step) || step < 1 || step > article.steps) {
    throw new StepOutOfRangeError(step, article.steps);
  }
  const key = { userId_articleId_step: { userId: user.id, articleId: article.id, step } };
  if (done) {
    const existing = await db.tutorialStepDone.findUnique({ where: key, select: { step: true } });
    if (!existing) {
      await db.tutorialStepDone.create({ data: { userId: user.id, articleId: article.id, step } });
      await recordEvent({
        type: PORTAL_EVENTS.tutorialStepDone,
        accountId: user.accountId,
        userId: user.id,
        properties: { articleId: article.id, slug: article.slug, step, steps: article.steps },
      });
    }
  } else {
    await db.tutorialStepDone.deleteMany({
      where: { userId: user.id, articleId: article.id, step },
    });
  }
  return db.tutorialStepDone.count({ where: { userId: user.id, articleId: article.id } });
}
