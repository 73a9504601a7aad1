import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";

export interface Mail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free local port for the calling test file, keeping every message
 * it receives in the returned inbox; SMTP_URL points the app's mailer at it while the file runs.
 */
export function startLocalSmtp(): Mail[] {
  const inbox: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  beforeAll(async () => {
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await new Promise<void>((r) => smtp.close(() => r()));
  });
  return inbox;
}
