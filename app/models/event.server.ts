import { applyOnboardingEvents } from "~/commands/onboarding-events.server";
import { db } from "~/utils/db.server";
import { PORTAL_EVENTS } from "./event-types";

export { PORTAL_EVENTS };

/** Records an engagement signal for the user's account; staff (no account) are not counted. */
export async function recordEvent(input: {
  type: string;
  accountId: string | null;
  userId?: string | null;
  properties?: Record<string, unknown>;
  occurredAt?: Date;
}) {
  if (!input.accountId) return;
  const event = await db.event.create({
    data: {
      type: input.type,
      accountId: input.accountId,
      userId: input.userId ?? null,
      properties: JSON.stringify(input.properties ?? {}),
      occurredAt: input.occurredAt ?? new Date(),
    },
    select: { id: true, accountId: true, userId: true, type: true, occurredAt: true },
  });
  // Onboarding steps waiting for this event complete now. The event is stored either way; a
  // failure here must not fail what the person did, so it is logged rather than thrown.
  try {
    await applyOnboardingEvents([{ ...event, properties: input.properties ?? {} }]);
  } catch (error) {
    console.error("Onboarding could not apply an event", error);
  }
}
