import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/db/schema";
import { deliverDue, enqueueTestDelivery, setWebhook } from "@/lib/alerts/webhook";
import type { Resolver } from "@/lib/net/outbound";
import { testDb } from "../helpers/db";
import { makeUser } from "../helpers/fixtures";

const toLoopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];

describe.runIf(process.env.DATABASE_URL)("webhook SSRF", () => {
  it("refuses the issue's URLs when saving", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    for (const url of ["https://[::ffff:7f00:1]/", "https://[::]/", "https://[::ffff:10.0.0.1]/", "https://[fec0::]/", "https://localhost./", "https://metadata.internal./"]) {
      expect(await setWebhook(db, u.id, { url }), url).toMatchObject({ ok: false });
    }
  });

  it("发送测试 to a name that resolves to 127.0.0.1 fails without connecting, and says why", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    expect(await setWebhook(db, u.id, { url: "https://127.0.0.1.nip.io/hook" })).toMatchObject({ ok: true });
    const now = new Date();
    expect(await enqueueTestDelivery(db, u.id, now)).toBe(true);
    expect(await deliverDue(db, { now, userId: u.id, resolver: toLoopback })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const [d] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.userId, u.id));
    expect(d!.lastError).toMatch(/内网或保留地址 127\.0\.0\.1/);
    expect(d!.lastStatusCode).toBeNull();
  });
});
