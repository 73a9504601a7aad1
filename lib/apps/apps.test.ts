import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apps } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { appCapabilities } from "./capabilities";
import { createApp } from "./create";
import { getApp, listApps, serviceCodesOf } from "./queries";
import { appSecretsFor, revealSecret, rotateSecret } from "./secrets";
import { deleteApp, setAppDisabled } from "./status";

const T0 = new Date("2026-04-01T00:00:00Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

describe.runIf(process.env.DATABASE_URL)("applications", () => {
  it("creates with a unique name per account and lists newest first, 待付费 on every API", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const a = await makeApp(db, u.id, "第一个应用");
    const dup = await createApp(db, u.id, { name: "第一个应用", description: "" });
    expect(dup.ok ? "ok" : dup.code).toBe("name_taken");
    const b = await makeApp(db, u.id, "第二个应用");
    expect((await listApps(db, u.id)).map((x) => x.id)).toEqual([b.app.id, a.app.id]);
    const caps = await appCapabilities(db, a.app.id, T0);
    expect(caps.map((c) => `${c.label}:${c.status}`)).toEqual(["通用型OCR:待付费", "身份证识别:待付费", "车牌识别:待付费"]);
    expect(await serviceCodesOf(db, a.app.id)).toEqual(a.serviceCodes);
  });

  it("reveals the secret only with the account password", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const { app, appSecret } = await makeApp(db, u.id);
    const bad = await revealSecret(db, u.id, app.id, "wrong-password");
    expect(bad.ok ? "ok" : bad.code).toBe("wrong_password");
    const good = await revealSecret(db, u.id, app.id, u.password);
    expect(good.ok && good.value.secret).toBe(appSecret);
  });

  it("rotation keeps the old secret valid for the grace period, then refuses it", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const { app, appSecret: oldSecret } = await makeApp(db, u.id);
    expect(appSecretsFor(app, T0)).toEqual([oldSecret]);

    const wrong = await rotateSecret(db, u.id, app.id, "nope", { now: T0, graceHours: 24 });
    expect(wrong.ok ? "ok" : wrong.code).toBe("wrong_password");

    const r = await rotateSecret(db, u.id, app.id, u.password, { now: T0, graceHours: 24 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.secret).not.toBe(oldSecret);
    expect(r.value.previousValidUntil.toISOString()).toBe(hours(24).toISOString());
    const rotated = (await getApp(db, u.id, app.id))!;
    expect(appSecretsFor(rotated, T0)).toEqual([r.value.secret, oldSecret]);
    expect(appSecretsFor(rotated, hours(23.99))).toEqual([r.value.secret, oldSecret]);
    expect(appSecretsFor(rotated, hours(24))).toEqual([r.value.secret]);
    expect(appSecretsFor(rotated, hours(48))).toEqual([r.value.secret]);

    // a second rotation drops the first secret at once and gives the second its own grace
    const r2 = await rotateSecret(db, u.id, app.id, u.password, { now: hours(1), graceHours: 24 });
    if (!r2.ok) throw new Error(r2.message);
    const again = (await getApp(db, u.id, app.id))!;
    expect(appSecretsFor(again, hours(2))).toEqual([r2.value.secret, r.value.secret]);
    expect(appSecretsFor(again, hours(2))).not.toContain(oldSecret);
  });

  it("disables, enables and deletes; a deleted app is gone and its name is free", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const { app } = await makeApp(db, u.id, "将被删除的应用");
    const off = await setAppDisabled(db, u.id, app.id, true, T0);
    expect(off.ok && off.value.status).toBe("disabled");
    const on = await setAppDisabled(db, u.id, app.id, false, T0);
    expect(on.ok && on.value.status).toBe("active");
    expect((await deleteApp(db, u.id, app.id, T0)).ok).toBe(true);
    expect(await getApp(db, u.id, app.id)).toBeUndefined();
    expect(await listApps(db, u.id)).toEqual([]);
    const [row] = await db.select().from(apps).where(eq(apps.id, app.id));
    expect(row!.deletedAt?.toISOString()).toBe(T0.toISOString());
    expect(row!.status).toBe("disabled");
    expect((await deleteApp(db, u.id, app.id, T0)).ok).toBe(false);
    expect((await createApp(db, u.id, { name: "将被删除的应用", description: "" })).ok).toBe(true);
  });

  it("a second customer can neither read nor act on another's application", async () => {
    const db = await testDb();
    const owner = await makeUser(db);
    const other = await makeUser(db, { password: "Other-pass-1" });
    const { app, appSecret } = await makeApp(db, owner.id);

    expect(await getApp(db, other.id, app.id)).toBeUndefined();
    expect(await listApps(db, other.id)).toEqual([]);
    const reveal = await revealSecret(db, other.id, app.id, "Other-pass-1");
    expect(reveal.ok ? "ok" : reveal.code).toBe("app_not_found");
    const rotate = await rotateSecret(db, other.id, app.id, "Other-pass-1", { now: T0 });
    expect(rotate.ok ? "ok" : rotate.code).toBe("app_not_found");
    expect((await setAppDisabled(db, other.id, app.id, true)).ok).toBe(false);
    expect((await deleteApp(db, other.id, app.id)).ok).toBe(false);

    const untouched = (await getApp(db, owner.id, app.id))!;
    expect(untouched.status).toBe("active");
    expect(untouched.deletedAt).toBeNull();
    expect(appSecretsFor(untouched, T0)).toEqual([appSecret]);
  });
});
