import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/fixtures";
import { idFingerprint } from "./fingerprint";
import { freeTestIdNumber, testIdCandidate } from "./test-id-number";
import { idNumberProblem, verifyRealName } from "./verify";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe("the hinted test ID number", () => {
  it("is always a valid number (check digit, real birth date)", () => {
    for (const n of [0, 1, 998, 999, 5000, 123_456]) expect(idNumberProblem(testIdCandidate(n))).toBeNull();
    expect(new Set(Array.from({ length: 2000 }, (_, i) => testIdCandidate(i))).size).toBe(2000);
  });

  it("is one no account has used: after the hinted number is taken, the hint moves on and still verifies", async () => {
    const start = 700_000 + Math.floor(Math.random() * 100_000); // a range of our own in a shared test database
    const first = await freeTestIdNumber(db, start);
    expect(first).toBe(testIdCandidate(start));
    const a = await makeUser(db);
    expect((await verifyRealName(db, a.id, { realName: "张三", idNumber: first })).ok).toBe(true);

    const next = await freeTestIdNumber(db, start);
    expect(next).not.toBe(first);
    const [holder] = await db.select({ id: users.id }).from(users).where(eq(users.idFingerprint, idFingerprint(next)));
    expect(holder).toBeUndefined();
    const b = await makeUser(db);
    expect(await verifyRealName(db, b.id, { realName: "李四", idNumber: next })).toMatchObject({ ok: true });
  });
});
