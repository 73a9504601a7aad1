import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { alertEvents } from "@/db/schema";
import { newId } from "@/lib/id";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { listNotifications, markNotificationsRead } from "./notifications";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function raise(userId: string, appId: string, message: string, openedAt: Date) {
  const id = newId("alr");
  await db.insert(alertEvents).values({ id, appId, userId, ruleId: newId("rule"), kind: "quota_low_percent", level: "warning", message, openedAt });
  return id;
}

describe("notification list", () => {
  it("shows the account's own alerts, newest first, and counts the unread ones", async () => {
    const a = await makeUser(db);
    const b = await makeUser(db);
    const appA = await makeApp(db, a.id, "甲的应用");
    const appB = await makeApp(db, b.id, "乙的应用");
    const t = Date.now();
    await raise(a.id, appA.app.id, "通用型OCR 剩余次数低于 10%", new Date(t - 60_000));
    const second = await raise(a.id, appA.app.id, "错误率超过 20%", new Date(t));
    const theirs = await raise(b.id, appB.app.id, "乙的告警", new Date(t));

    const mine = await listNotifications(db, a.id);
    expect(mine.items.map((n) => [n.appName, n.message, n.read])).toEqual([
      ["甲的应用", "错误率超过 20%", false],
      ["甲的应用", "通用型OCR 剩余次数低于 10%", false],
    ]);
    expect(mine.unread).toBe(2);

    // another account's id changes nothing
    expect(await markNotificationsRead(db, a.id, [theirs])).toBe(0);
    expect((await listNotifications(db, b.id)).unread).toBe(1);

    expect(await markNotificationsRead(db, a.id, [second])).toBe(1);
    const after = await listNotifications(db, a.id);
    expect(after.unread).toBe(1);
    expect(after.items.find((n) => n.id === second)?.read).toBe(true);

    expect(await markNotificationsRead(db, a.id, "all")).toBe(1);
    expect((await listNotifications(db, a.id)).unread).toBe(0);
    expect((await listNotifications(db, b.id)).unread).toBe(1);
  });
});
