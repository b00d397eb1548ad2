import { db } from "~/utils/db.server";

/**
 * Queues an e-mail. Every message is a row in EmailOutbox first; delivery over SMTP is the
 * notifications issue's worker. Until then, and whenever SMTP_URL is unset, the server log
 * shows the message so a developer can follow links such as invitations.
 */
export async function enqueueEmail(input: {
  to: string;
  subject: string;
  text: string;
  kind: string;
  locale: string;
}) {
  const row = await db.emailOutbox.create({ data: input, select: { id: true } });
  if (process.env.NODE_ENV !== "test") {
    console.log(
      `[email ${row.id}] to=${input.to} subject=${JSON.stringify(input.subject)}\n${input.text}`,
    );
  }
  return row;
}
