import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { makeIdn } from "@/lib/idcard/checksum";
import { idNumberProblem, maskIdNumber, verifyRealName, verifySchema } from "./verify";

const NOW = new Date("2026-01-01T00:00:00Z");

describe("ID number check (GB 11643 check digit and birth date)", () => {
  it("accepts valid numbers, including an X check character in lower case", () => {
    expect(idNumberProblem("11010519491231002X", NOW)).toBeNull();
    expect(idNumberProblem("11010519491231002x", NOW)).toBeNull();
    expect(idNumberProblem("370782198709170246", NOW)).toBeNull();
  });
  it("refuses a wrong check digit", () => {
    expect(idNumberProblem("370782198709170247", NOW)).toMatch(/校验位/);
    expect(idNumberProblem("110105194912310021", NOW)).toMatch(/校验位/);
  });
  it("refuses a wrong length or characters", () => {
    expect(idNumberProblem("11010519491231002", NOW)).toMatch(/18 位/);
    expect(idNumberProblem("1101051949123100XX", NOW)).toMatch(/18 位/);
  });
  it("refuses an impossible or future birth date even with a matching check digit", () => {
    expect(idNumberProblem(makeIdn("110105", "19900230", 1, "男"), NOW)).toMatch(/出生日期/);
    expect(idNumberProblem(makeIdn("110105", "20300101", 1, "男"), NOW)).toMatch(/出生日期/);
    expect(idNumberProblem(makeIdn("110105", "18991231", 1, "男"), NOW)).toMatch(/出生日期/);
  });
  it("masks to the first 3 and last 4 characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110***********002X");
  });
  it("the form schema trims and upper-cases", () => {
    const r = verifySchema.safeParse({ realName: " 张三 ", idNumber: " 11010519491231002x " });
    expect(r.success && r.data).toEqual({ realName: "张三", idNumber: "11010519491231002X" });
    expect(verifySchema.safeParse({ realName: "张三", idNumber: "110105194912310021" }).success).toBe(false);
  });
});

describe.runIf(process.env.DATABASE_URL)("verifyRealName (database)", async () => {
  const { testDb } = await import("@/tests/helpers/db");
  const { makeUser } = await import("@/tests/helpers/fixtures");

  it("stores only the name, masked number, keyed fingerprint and time; the same number cannot verify a second account", async () => {
    const db = await testDb();
    const a = await makeUser(db);
    const b = await makeUser(db);
    const idn = makeIdn("110105", "19900101", Math.floor(Math.random() * 1000), "女");
    const r = await verifyRealName(db, a.id, { realName: "李四", idNumber: idn }, NOW);
    expect(r.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, a.id));
    expect(row!.realName).toBe("李四");
    expect(row!.idNumberMasked).toBe(maskIdNumber(idn));
    expect(row!.idFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.verifiedAt?.toISOString()).toBe(NOW.toISOString());
    expect(JSON.stringify(row)).not.toContain(idn);
    const again = await verifyRealName(db, b.id, { realName: "李四", idNumber: idn }, NOW);
    expect(again.ok || again.code).toBe("id_in_use");
  });
});
