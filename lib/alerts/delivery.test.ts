/** Webhook deliveries in parallel with a per-customer cap, and 发送测试 rate-limited (issue 15 item 13). */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/fixtures";
import { deliverDue, enqueueTestDelivery, PER_CUSTOMER_DELIVERIES, setWebhook } from "./webhook";

let db: Db;
let server: http.Server;
let base = "";
const waiting: (() => void)[] = [];
let fastArrived = false;

beforeAll(async () => {
  db = await testDb();
  // /slow answers only once a request to /fast has arrived: sent one after another, /slow
  // would time out before /fast is even tried
  server = http.createServer((req, res) => {
    req.resume();
    const done = () => res.writeHead(200).end("ok");
    if (req.url === "/fast") {
      fastArrived = true;
      done();
      for (const w of waiting.splice(0)) w();
    } else if (fastArrived) done();
    else waiting.push(done);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function customer(path: string) {
  const u = await makeUser(db);
  expect(await setWebhook(db, u.id, { url: base + path }, { allowHttpLocal: true })).toMatchObject({ ok: true });
  return u;
}

async function queue(userId: string, n: number, at: Date) {
  for (let i = 0; i < n; i++) {
    await db.insert(webhookDeliveries).values({ userId, eventId: "test", url: "", payload: { type: "webhook.test", created: 0, alert: null }, nextAttemptAt: at });
  }
}

describe("webhook deliveries", () => {
  it("one customer's slow URL does not hold another customer's delivery", async () => {
    const slow = await customer("/slow");
    const fast = await customer("/fast");
    const now = new Date();
    expect(await enqueueTestDelivery(db, slow.id, new Date(now.getTime() - 1000))).toBe(true);
    expect(await enqueueTestDelivery(db, fast.id, now)).toBe(true);
    expect(await deliverDue(db, { now, userIds: [slow.id, fast.id], allowHttpLocal: true })).toEqual({ delivered: 2, retrying: 0, failed: 0 });
  });

  it(`sends at most ${PER_CUSTOMER_DELIVERIES} of one customer's deliveries per round`, async () => {
    const u = await customer("/fast");
    const now = new Date();
    await queue(u.id, 3, now);
    await db.update(webhookDeliveries).set({ url: base + "/fast" }).where(eq(webhookDeliveries.userId, u.id));
    expect((await deliverDue(db, { now, userId: u.id, allowHttpLocal: true })).delivered).toBe(PER_CUSTOMER_DELIVERIES);
    expect((await deliverDue(db, { now, userId: u.id, allowHttpLocal: true })).delivered).toBe(3 - PER_CUSTOMER_DELIVERIES);
  });

  it("发送测试 is refused when pressed again within 30 seconds", async () => {
    const u = await customer("/fast");
    const now = new Date();
    expect(await enqueueTestDelivery(db, u.id, now)).toBe(true);
    expect(await enqueueTestDelivery(db, u.id, new Date(now.getTime() + 1000))).toBe("too_soon");
  });
});
