import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, balanceLedger, users } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/fixtures";
import { confirmTransfer, MAX_OPEN_TRANSFERS, myTransfers, rejectTransfer, requestTransfer, transferRequestSchema } from "./transfer";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const input = (amount = "610.00") => transferRequestSchema.parse({ amount, payerName: "李四", reference: "TX20261129-0001" });

describe("线下汇款", () => {
  it("validates the form: amount, payer name and a reference", () => {
    expect(transferRequestSchema.safeParse({ amount: "0.5", payerName: "李四", reference: "TX1234" }).success).toBe(false);
    expect(transferRequestSchema.safeParse({ amount: "100", payerName: "", reference: "TX1234" }).success).toBe(false);
    expect(transferRequestSchema.safeParse({ amount: "100", payerName: "李四", reference: "<script>" }).success).toBe(false);
    expect(input().amount).toBe(61000);
  });

  it("is credited once even if two operators confirm it at the same time, with an audit row", async () => {
    const c = await makeUser(db);
    const op = await makeUser(db, { role: "operator" });
    const req = await requestTransfer(db, c.id, input());
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    expect(req.value.status).toBe("待确认");
    const [a, b] = await Promise.all([confirmTransfer(db, op.id, req.value.id), confirmTransfer(db, op.id, req.value.id)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const again = await confirmTransfer(db, op.id, req.value.id);
    expect(again).toMatchObject({ ok: false, code: "already_decided" });
    const [u] = await db.select({ balanceFen: users.balanceFen }).from(users).where(eq(users.id, c.id));
    expect(u!.balanceFen).toBe(61000);
    const ledger = await db.select().from(balanceLedger).where(eq(balanceLedger.userId, c.id));
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: "topup", deltaFen: 61000 });
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, req.value.id));
    expect(audit.map((x) => x.action)).toEqual(["transfer.confirm"]);
    expect((await myTransfers(db, c.id))[0]!.status).toBe("已到账");
  });

  it("a refused request credits nothing and cannot be confirmed afterwards", async () => {
    const c = await makeUser(db);
    const op = await makeUser(db, { role: "operator" });
    const req = await requestTransfer(db, c.id, input("100"));
    if (!req.ok) throw new Error(req.message);
    expect((await rejectTransfer(db, op.id, req.value.id, "未查到该笔汇款")).ok).toBe(true);
    expect(await confirmTransfer(db, op.id, req.value.id)).toMatchObject({ ok: false, code: "already_decided" });
    const [u] = await db.select({ balanceFen: users.balanceFen }).from(users).where(eq(users.id, c.id));
    expect(u!.balanceFen).toBe(0);
    expect((await myTransfers(db, c.id))[0]).toMatchObject({ status: "已拒绝", reason: "未查到该笔汇款" });
  });

  it(`caps a customer at ${MAX_OPEN_TRANSFERS} open requests`, async () => {
    const c = await makeUser(db);
    for (let i = 0; i < MAX_OPEN_TRANSFERS; i++) expect((await requestTransfer(db, c.id, input("1"))).ok).toBe(true);
    expect(await requestTransfer(db, c.id, input("1"))).toMatchObject({ ok: false, code: "too_many_open" });
  });
});
