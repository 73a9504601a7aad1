import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { SIGNUP_TERMS_VERSION } from "@/lib/legal/documents";
import { testDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/fixtures";
import { startLocalSmtp } from "@/tests/helpers/smtp";
import { RESEND_LIMIT, sendVerificationMail, verifyEmail, VERIFY_TTL_MS } from "./email-verify";
import { registerFormSchema } from "./schemas";
import { registerUser } from "./users";

const inbox = startLocalSmtp();

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

function tokenFor(to: string): string {
  const mail = [...inbox].reverse().find((m) => m.to.includes(to));
  if (!mail) throw new Error(`no mail to ${to}`);
  const body = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const m = /https?:\/\/\S+\/verify-email\?token=(\S+)/.exec(body);
  if (!m) throw new Error("no link in the mail");
  return decodeURIComponent(m[1]!);
}
const verifiedAt = async (id: string) => (await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, id)))[0]!.at;

describe("邮箱验证 by e-mail link", () => {
  it("mails a link through SMTP; opening it verifies the address; opening it again only says so", async () => {
    const u = await makeUser(db);
    expect(await verifiedAt(u.id)).toBeNull();
    const sent = await sendVerificationMail(db, u.id, "http://127.0.0.1:3000");
    expect(sent).toEqual({ ok: true, value: { email: u.email, delivered: true } });
    const token = tokenFor(u.email);
    expect(await verifyEmail(db, token)).toEqual({ ok: true, value: { email: u.email, alreadyVerified: false } });
    expect(await verifiedAt(u.id)).toBeInstanceOf(Date);
    expect(await verifyEmail(db, token)).toEqual({ ok: true, value: { email: u.email, alreadyVerified: true } });
    // a verified address gets no more mail
    const before = inbox.length;
    expect(await sendVerificationMail(db, u.id, "http://x")).toMatchObject({ ok: false, code: "email_already_verified" });
    expect(inbox.length).toBe(before);
  });

  it("refuses an expired link, a forged signature, another account's id and a link for an old address", async () => {
    const u = await makeUser(db);
    const other = await makeUser(db);
    await sendVerificationMail(db, u.id, "http://x", new Date(Date.now() - VERIFY_TTL_MS - 1000));
    const token = tokenFor(u.email);
    expect(await verifyEmail(db, token)).toMatchObject({ ok: false, code: "verify_link_expired" });
    const [, exp, sig] = token.split(".");
    expect(await verifyEmail(db, `${u.id}.${Date.now() + 3600_000}.${sig}`)).toMatchObject({ ok: false, code: "verify_link_invalid" });
    expect(await verifyEmail(db, `${other.id}.${exp}.${sig}`)).toMatchObject({ ok: false, code: "verify_link_invalid" });
    expect(await verifyEmail(db, "garbage")).toMatchObject({ ok: false, code: "verify_link_invalid" });

    await sendVerificationMail(db, u.id, "http://x");
    const fresh = tokenFor(u.email);
    await db.update(users).set({ email: `moved-${u.email}` }).where(eq(users.id, u.id));
    expect(await verifyEmail(db, fresh)).toMatchObject({ ok: false, code: "verify_link_invalid" });
    expect(await verifiedAt(u.id)).toBeNull();
  });

  it("重新发送 is limited per account", async () => {
    const u = await makeUser(db);
    const now = new Date();
    for (let i = 0; i < RESEND_LIMIT.max; i++) expect((await sendVerificationMail(db, u.id, "http://x", now)).ok).toBe(true);
    expect(await sendVerificationMail(db, u.id, "http://x", now)).toMatchObject({ ok: false, code: "verify_mail_throttled" });
  });
});

describe("consent to 《用户协议》《隐私政策》 at sign-up", () => {
  const form = { email: "a@b.cn", password: "Passw0rd!x", confirm: "Passw0rd!x", name: "" };
  it("refuses a sign-up without the box ticked, naming both documents", () => {
    const res = registerFormSchema.safeParse(form);
    expect(res.success).toBe(false);
    expect(res.error!.issues.find((i) => i.path[0] === "agree")?.message).toBe("请阅读并勾选同意《用户协议》和《隐私政策》");
    expect(registerFormSchema.safeParse({ ...form, agree: "yes" }).success).toBe(false);
    expect(registerFormSchema.safeParse({ ...form, agree: "on" }).success).toBe(true);
  });

  it("records the accepted version and time on the account", async () => {
    const email = `terms-${Date.now()}@test.local`;
    const res = await registerUser(db, { email, password: "Passw0rd!x", name: "", termsVersion: SIGNUP_TERMS_VERSION });
    expect(res.ok).toBe(true);
    const [row] = await db.select({ v: users.termsVersion, at: users.termsAcceptedAt }).from(users).where(eq(users.email, email));
    expect(row!.v).toBe(SIGNUP_TERMS_VERSION);
    expect(row!.at).toBeInstanceOf(Date);
  });
});
