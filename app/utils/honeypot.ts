// A field people never see (it sits in a `hidden` block, out of the accessibility tree and the
// tab order) but form-filling bots do: a value in it marks the submission as a bot's.
export const HONEYPOT_FIELD = "website";

export function isBotSubmission(form: FormData): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.trim() !== "";
}
