/**
 * Issue 15, "Access and abuse": operator disable, account suspension, sign-in throttling,
 * real-name fingerprints, sessions after a password change, revoking a rotated secret.
 * Integration tests against the PostgreSQL at DATABASE_URL.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apps, auditLog, users } from "@/db/schema";
import { fingerprintOfHash, idFingerprint, moveLegacyIdHashes } from "@/lib/accounts/fingerprint";
import { authenticate, changePassword, isSessionValid } from "@/lib/accounts/users";
import { verifyRealName } from "@/lib/accounts/verify";
import { appSecretsFor, rotateSecret } from "@/lib/apps/secrets";
import { setAppDisabled } from "@/lib/apps/status";
import { sha256Hex } from "@/lib/crypto";
import { makeIdn } from "@/lib/idcard/checksum";
import { handleOpenApi } from "@/lib/gateway";
import { setAccountStatus } from "@/lib/ops/accounts-admin";
import { revokePrevSecret, setAppStatus } from "@/lib/ops/apps-admin";
import { grantPack } from "@/lib/quota/grant";
import { FREE_FAILURES, MAX_DELAY_S } from "@/lib/ratelimit/attempts";
import { imagesBody, png, signedRequest, standInEngine } from "../api/helpers";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const uniqueIdn = () => makeIdn("110105", `19${String(50 + Math.floor(Math.random() * 49))}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`, Math.floor(Math.random() * 999), "女");
const randomIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

async function call(a: Awaited<ReturnType<typeof makeApp>>, secret = a.appSecret) {
  const req = signedRequest({ appKey: a.app.appKey, secret, serviceCode: a.serviceCodes.general, api: "general", body: imagesBody([await png()]) });
  const res = await handleOpenApi(req, { engine: standInEngine() });
  return (await res.json()) as { code: number };
}

describe.runIf(process.env.DATABASE_URL)("an operator's disable holds", () => {
  it("the owner cannot re-enable an application the platform disabled; the gateway refuses it", async () => {
    const op = await makeUser(db, { role: "operator" });
    const u = await makeUser(db);
    const a = await makeApp(db, u.id);
    await grantPack(db, { appId: a.app.id, api: "general", calls: 10, source: "operator" });
    expect((await call(a)).code).toBe(0);
    const off = await setAppStatus(db, op.id, { appId: a.app.id, status: "disabled", reason: "涉嫌滥用" });
    expect(off.ok).toBe(true);

    const tryEnable = await setAppDisabled(db, u.id, a.app.id, false);
    expect(tryEnable.ok ? "ok" : tryEnable.code).toBe("operator_disabled");
    if (!tryEnable.ok) expect(tryEnable.message).toContain("涉嫌滥用");
    const [row] = await db.select().from(apps).where(eq(apps.id, a.app.id));
    expect(row!.status).toBe("disabled");
    expect(row!.disabledBy).toBe("operator");
    expect((await call(a)).code).toBe(4017);

    // the owner's own disable stays the owner's to lift
    await setAppStatus(db, op.id, { appId: a.app.id, status: "active", reason: "已核实" });
    expect((await setAppDisabled(db, u.id, a.app.id, true)).ok).toBe(true);
    expect((await setAppDisabled(db, u.id, a.app.id, false)).ok).toBe(true);
  });

  it("an operator may take over an application its owner disabled", async () => {
    const op = await makeUser(db, { role: "operator" });
    const u = await makeUser(db);
    const a = await makeApp(db, u.id);
    await setAppDisabled(db, u.id, a.app.id, true);
    expect((await setAppStatus(db, op.id, { appId: a.app.id, status: "disabled", reason: "违规内容" })).ok).toBe(true);
    expect((await setAppDisabled(db, u.id, a.app.id, false)).ok).toBe(false);
  });
});

describe.runIf(process.env.DATABASE_URL)("account suspension", () => {
  it("stops sign-in, sessions and the API at once, and is audited", async () => {
    const op = await makeUser(db, { role: "operator" });
    const u = await makeUser(db);
    const a = await makeApp(db, u.id);
    await grantPack(db, { appId: a.app.id, api: "general", calls: 10, source: "operator" });
    const signedIn = await authenticate(db, { email: u.email, password: u.password }, randomIp());
    expect(signedIn.ok).toBe(true);
    const sv = signedIn.ok ? signedIn.value.sessionVersion : -1;
    expect(isSessionValid(u, sv)).toBe(true);

    const res = await setAccountStatus(db, op.id, { userId: u.id, status: "disabled", reason: "拖欠费用" });
    expect(res.ok).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, u.id));
    expect(isSessionValid(after!, sv)).toBe(false);
    const again = await authenticate(db, { email: u.email, password: u.password }, randomIp());
    expect(again.ok ? "ok" : again.code).toBe("disabled");
    if (!again.ok) expect(again.message).toContain("拖欠费用");
    expect((await call(a)).code).toBe(4017);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, u.id));
    expect(audit.map((r) => [r.action, r.actorId, r.reason])).toEqual([["account.disable", op.id, "拖欠费用"]]);

    await setAccountStatus(db, op.id, { userId: u.id, status: "active", reason: "已缴清" });
    expect((await call(a)).code).toBe(0);
  });

  it("an operator cannot suspend their own account", async () => {
    const op = await makeUser(db, { role: "operator" });
    const r = await setAccountStatus(db, op.id, { userId: op.id, status: "disabled", reason: "测试一下" });
    expect(r.ok ? "ok" : r.code).toBe("disable_self");
  });
});

describe.runIf(process.env.DATABASE_URL)("sign-in throttling", () => {
  it("parallel wrong guesses cannot all reach the password check", async () => {
    const u = await makeUser(db);
    const tries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(db, { email: u.email, password: `wrong-${i}` }, randomIp())),
    );
    const checked = tries.filter((r) => !r.ok && r.code === "invalid").length;
    expect(checked).toBeLessThanOrEqual(FREE_FAILURES);
    expect(tries.filter((r) => !r.ok && r.code === "throttled").length).toBe(20 - checked);
  }, 300_000);

  it("slows a guesser down without locking the owner out", async () => {
    const u = await makeUser(db);
    let t = Date.now();
    // a guesser keeps trying as fast as the delays allow, well past the old 10-failure lock
    for (let i = 0; i < 12; i++) {
      const r = await authenticate(db, { email: u.email, password: "guess" }, randomIp(), new Date(t));
      expect(r.ok).toBe(false);
      t += MAX_DELAY_S * 1000;
    }
    // right after the guesser, the owner is asked to wait at most MAX_DELAY_S seconds, then gets in
    const soon = await authenticate(db, { email: u.email, password: u.password }, randomIp(), new Date(t - MAX_DELAY_S * 1000 + 1000));
    expect(soon.ok ? "ok" : soon.code).toBe("throttled");
    const later = await authenticate(db, { email: u.email, password: u.password }, randomIp(), new Date(t));
    expect(later.ok).toBe(true);
  }, 300_000);

  it("limits one address across accounts, and a successful sign-in does not use up the address", async () => {
    const ip = randomIp().replace("198.51.100", "203.0.113");
    const now = new Date();
    const limit = { max: 4, windowMs: 15 * 60_000 };
    const owner = await makeUser(db);
    for (let i = 0; i < 5; i++) expect((await authenticate(db, { email: owner.email, password: owner.password }, ip, now, limit)).ok).toBe(true);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await authenticate(db, { email: `nobody-${i}-${ip}@test.local`, password: "x" }, ip, now, limit);
      codes.push(r.ok ? "ok" : r.code);
    }
    expect(codes).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled", "throttled"]);
    expect((await authenticate(db, { email: owner.email, password: owner.password }, ip, now, limit)).ok ? "ok" : "refused").toBe("refused");
    expect((await authenticate(db, { email: owner.email, password: owner.password }, randomIp(), now, limit)).ok).toBe(true);
  }, 300_000);
});

describe.runIf(process.env.DATABASE_URL)("real-name records", () => {
  it("store a keyed fingerprint, not a sha-256 of the number", async () => {
    const u = await makeUser(db);
    const idn = uniqueIdn();
    expect((await verifyRealName(db, u.id, { realName: "王五", idNumber: idn })).ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.idFingerprint).toBe(idFingerprint(idn));
    expect(row!.idFingerprint).not.toBe(sha256Hex(idn));
    expect(row!.idNumberHash).toBeNull();
    expect(JSON.stringify(row)).not.toContain(sha256Hex(idn));
  });

  it("two accounts racing to claim one number: exactly one wins", async () => {
    const idn = uniqueIdn();
    const people = await Promise.all(Array.from({ length: 6 }, () => makeUser(db)));
    const results = await Promise.all(people.map((p) => verifyRealName(db, p.id, { realName: "赵六", idNumber: idn })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.code))).toEqual(Array(5).fill("id_in_use"));
  });

  it("attempts are limited per account", async () => {
    const u = await makeUser(db);
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await verifyRealName(db, u.id, { realName: "钱七", idNumber: "110105194912310021" });
      codes.push(r.ok ? "ok" : r.code);
    }
    expect(codes).toEqual(["id_number_invalid", "id_number_invalid", "id_number_invalid", "id_number_invalid", "id_number_invalid", "verify_throttled", "verify_throttled"]);
  });

  it("legacy sha-256 rows move to fingerprints", async () => {
    const u = await makeUser(db);
    const idn = uniqueIdn();
    await db.update(users).set({ idNumberHash: sha256Hex(idn), verifiedAt: new Date() }).where(eq(users.id, u.id));
    await moveLegacyIdHashes(db);
    const [row] = await db.select().from(users).where(eq(users.id, u.id));
    expect(row!.idFingerprint).toBe(fingerprintOfHash(sha256Hex(idn)));
    expect(row!.idNumberHash).toBeNull();
    const other = await makeUser(db);
    const r = await verifyRealName(db, other.id, { realName: "孙八", idNumber: idn });
    expect(r.ok ? "ok" : r.code).toBe("id_in_use");
  });
});

describe.runIf(process.env.DATABASE_URL)("sessions and secrets", () => {
  it("a password change ends sessions signed in before it", async () => {
    const u = await makeUser(db);
    const before = u.sessionVersion;
    expect((await changePassword(db, u.id, u.password, "N3w-passw0rd!")).ok).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, u.id));
    expect(isSessionValid(after!, before)).toBe(false);
    expect(isSessionValid(after!, after!.sessionVersion)).toBe(true);
  });

  it("an operator revokes a rotated secret at once", async () => {
    const op = await makeUser(db, { role: "operator" });
    const u = await makeUser(db);
    const a = await makeApp(db, u.id);
    await grantPack(db, { appId: a.app.id, api: "general", calls: 10, source: "operator" });
    const rotated = await rotateSecret(db, u.id, a.app.id, u.password, { graceHours: 24 });
    expect(rotated.ok).toBe(true);
    expect((await call(a, a.appSecret)).code).toBe(0); // old secret inside its grace period
    const r = await revokePrevSecret(db, op.id, { appId: a.app.id, reason: "旧密钥泄露" });
    expect(r.ok).toBe(true);
    expect((await call(a, a.appSecret)).code).toBe(4014);
    if (rotated.ok) expect((await call(a, rotated.value.secret)).code).toBe(0);
    const [row] = await db.select().from(apps).where(eq(apps.id, a.app.id));
    expect(appSecretsFor(row!, new Date())).toHaveLength(1);
    expect((await revokePrevSecret(db, op.id, { appId: a.app.id, reason: "再来一次" })).ok).toBe(false);
  });
});
