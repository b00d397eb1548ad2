// Refusals of onboarding commands. Routes turn the code into a translated message
// (onboarding.errors.<code>) and a 4xx status; nothing is stored when one is thrown.
export const ONBOARDING_ERROR_STATUS = {
  notFound: 404,
  forbidden: 403,
  noSteps: 422,
  cycle: 422,
  unknownRequirement: 422,
  notPublished: 422,
  archived: 422,
  unknownAccount: 422,
  churnedAccount: 422,
  alreadyAssigned: 409,
  automaticStep: 422,
  alreadyDone: 409,
} as const;
export type OnboardingErrorCode = keyof typeof ONBOARDING_ERROR_STATUS;

export class OnboardingError extends Error {
  name = "OnboardingError";
  constructor(
    public code: OnboardingErrorCode,
    public params: Record<string, string | number> = {},
  ) {
    super(`Onboarding: ${code}`);
  }
  get status(): number {
    return ONBOARDING_ERROR_STATUS[this.code];
  }
}
