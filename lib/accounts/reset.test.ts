import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { testDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/fixtures";
import { startLocalSmtp } from "@/tests/helpers/smtp";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/passwords";
import { requestPasswordReset, resetPassword, RESET_TTL_MS } from "./reset";

const inbox = startLocalSmtp();

let db: Db;
async function signsInWith(email: string, password: string): Promise<boolean> {
  const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, email));
  return !!u && (await verifyPassword(u.hash, password));
}
beforeAll(async () => {
  db = await testDb();
});

/** The reset link in the last mail to `to` (quoted-printable soft breaks undone). */
function linkFor(to: string): string {
  const mail = [...inbox].reverse().find((m) => m.to.includes(to));
  if (!mail) throw new Error(`no mail to ${to}`);
  const body = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const m = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(body);
  if (!m) throw new Error("no link in the mail");
  return m[0];
}
const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get("token")!);

describe("忘记密码 by e-mail", () => {
  it("mails a link through SMTP; the link sets a new password once; the old password stops working", async () => {
    const u = await makeUser(db, { password: "OldPassw0rd!" });
    await requestPasswordReset(db, u.email, "http://127.0.0.1:3000");
    const token = tokenOf(linkFor(u.email));
    const res = await resetPassword(db, token, "NewPassw0rd!");
    expect(res).toEqual({ ok: true, value: { email: u.email } });
    expect(await signsInWith(u.email, "NewPassw0rd!")).toBe(true);
    expect(await signsInWith(u.email, "OldPassw0rd!")).toBe(false);
    // the same link again: refused, and the password stays
    expect(await resetPassword(db, token, "Hijack3d!!")).toMatchObject({ ok: false, code: "reset_link_invalid" });
    expect(await signsInWith(u.email, "NewPassw0rd!")).toBe(true);
  });

  it("sends nothing for an unknown address (and says nothing different)", async () => {
    const before = inbox.length;
    await expect(requestPasswordReset(db, "nobody-here@test.local", "http://127.0.0.1:3000")).resolves.toBeUndefined();
    expect(inbox.length).toBe(before);
  });

  it("refuses an expired link, a forged signature and another account's id", async () => {
    const u = await makeUser(db);
    const other = await makeUser(db);
    const then = new Date(Date.now() - RESET_TTL_MS - 1000);
    await requestPasswordReset(db, u.email, "http://x", then);
    const token = tokenOf(linkFor(u.email));
    expect(await resetPassword(db, token, "Whatever12!")).toMatchObject({ ok: false, code: "reset_link_expired" });
    const [, exp, sig] = token.split(".");
    const far = Date.now() + 3600_000;
    expect(await resetPassword(db, `${u.id}.${far}.${sig}`, "Whatever12!")).toMatchObject({ ok: false, code: "reset_link_invalid" });
    expect(await resetPassword(db, `${other.id}.${exp}.${sig}`, "Whatever12!")).toMatchObject({ ok: false, code: "reset_link_invalid" });
    expect(await resetPassword(db, "garbage", "Whatever12!")).toMatchObject({ ok: false, code: "reset_link_invalid" });
  });
});
