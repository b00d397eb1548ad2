// The choices of a newsletter audience; shared by the editor (browser) and the server.
import { LOCALES } from "~/i18n";
import { PLANS, SEGMENTS } from "./segment";

export const LIFECYCLE_STAGES = ["onboarding", "adopting", "mature", "at_risk"] as const;

export const AUDIENCE_OPTIONS = {
  segments: SEGMENTS,
  plans: PLANS,
  stages: LIFECYCLE_STAGES,
  locales: LOCALES,
} as const;
