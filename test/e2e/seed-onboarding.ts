// The onboarding fixture of the e2e database: a published checklist for account c with a step
// that completes when the linked tutorial is read, a manual step, and an account step.
import {
  createArticle,
  createCategory,
  createChecklistTemplate,
  assignChecklist,
} from "../factories";
import { E2E_CHECKLIST } from "./fixtures";

export async function seedOnboardingE2e(accountId: string) {
  const category = await createCategory({ slug: "e2e-onboarding", nameEn: "Onboarding (E2E)" });
  const tutorial = await createArticle({
    slug: E2E_CHECKLIST.tutorialSlug,
    translationKey: E2E_CHECKLIST.tutorialSlug,
    type: "tutorial",
    categoryId: category.id,
    title: E2E_CHECKLIST.tutorialTitle,
    summary: "Make a board, add three cards and move one to Done.",
    body: "## Steps\n\n1. Choose **New board**.\n2. Add three cards.\n3. Drag one card to **Done**.",
  });
  const template = await createChecklistTemplate({
    titleEn: E2E_CHECKLIST.titleEn,
    titleJa: E2E_CHECKLIST.titleJa,
    successGoalEn: "First board shared with the team",
    steps: [
      {
        titleEn: E2E_CHECKLIST.readStepEn,
        titleJa: "はじめてのボードのチュートリアルを読む",
        bodyEn: "Five minutes, with pictures.",
        scope: "user",
        completion: "article",
        articleKey: tutorial.translationKey,
        dueDays: 7,
      },
      {
        titleEn: E2E_CHECKLIST.manualStepEn,
        titleJa: "プロフィール写真を追加する",
        scope: "user",
        completion: "manual",
        dueDays: 14,
      },
      {
        titleEn: "Connect your calendar",
        titleJa: "カレンダーを連携する",
        scope: "account",
        completion: "event",
        eventType: "product.integration_connected",
        propertyMatch: { provider: "calendar" },
        dueDays: 21,
      },
    ],
  });
  await assignChecklist(template.id, accountId);
  return {
    templateId: template.id,
    tutorialTitle: tutorial.title,
    tutorialSlug: tutorial.slug,
  };
}
