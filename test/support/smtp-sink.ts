// A local SMTP server for tests: accepts mail, or answers with the code a test asks for.
import { SMTPServer } from "smtp-server";

export type SinkMessage = { from: string; to: string[]; raw: string };

export async function startSmtpSink() {
  const messages: SinkMessage[] = [];
  /** The reply to the next RCPT TO per address: e.g. 451 (try later) or 550 (no such user). */
  const rejections = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = rejections.get(address.address.toLowerCase());
      if (code) {
        const error = new Error(code >= 500 ? "No such user here" : "Mailbox busy, try later");
        (error as Error & { responseCode: number }).responseCode = code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
