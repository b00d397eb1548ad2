import { applyOnboardingEvents } from "~/commands/onboarding-events.server";
import { db, type Prisma } from "~/utils/db.server";
import { afterCommit } from "~/utils/transaction-context.server";
import { PORTAL_EVENTS } from "./event-types";

export { PORTAL_EVENTS };

/**
 * Records an engagement signal for the user's account; staff (no account) are not counted. Pass
 * the transaction as `client` when the event must exist together with what it reports.
 */
export async function recordEvent(
  input: {
    type: string;
    accountId: string | null;
    userId?: string | null;
    properties?: Record<string, unknown>;
    occurredAt?: Date;
  },
  client: Pick<Prisma.TransactionClient, "event"> = db,
) {
  if (!input.accountId) return;
  const event = await client.event.create({
    data: {
      type: input.type,
      accountId: input.accountId,
      userId: input.userId ?? null,
      properties: JSON.stringify(input.properties ?? {}),
      occurredAt: input.occurredAt ?? new Date(),
    },
    select: { id: true, accountId: true, userId: true, type: true, occurredAt: true },
  });
  const apply = () => applyToOnboarding({ ...event, properties: input.properties ?? {} });
  // Inside a caller's transaction, onboarding (which writes in transactions of its own) runs
  // once that transaction has committed, and not at all if it rolls back.
  if (client === db) await apply();
  else afterCommit(() => track(apply()));
}

/** Onboarding work started after a commit; each leaves the set when done. */
const pending = new Set<Promise<void>>();

function track(work: Promise<void>) {
  pending.add(work);
  void work.finally(() => pending.delete(work));
}

/** Resolves once onboarding has seen every event recorded so far (tests await it before teardown). */
export async function settleRecordedEvents(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/**
 * Onboarding steps waiting for this event complete now. The event is stored either way; a
 * failure here must not fail what the person did, so it is logged rather than thrown.
 */
async function applyToOnboarding(event: Parameters<typeof applyOnboardingEvents>[0][number]) {
  try {
    await applyOnboardingEvents([event]);
  } catch (error) {
    console.error("Onboarding could not apply an event", error);
  }
}
