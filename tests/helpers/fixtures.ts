import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users, type User } from "@/db/schema";
import { registerUser } from "@/lib/accounts/users";
import { createApp, type CreatedApp } from "@/lib/apps/create";
import { newId } from "@/lib/id";

/** A fresh customer (or operator) with a unique email; optionally verified and with a balance. */
export async function makeUser(
  db: Db,
  opts: { role?: "customer" | "operator"; verified?: boolean; balanceFen?: number; password?: string } = {},
): Promise<User & { password: string }> {
  const password = opts.password ?? "Passw0rd!";
  const email = `${newId("t").replace("_", "-")}@test.local`;
  const res = await registerUser(db, { email, password, name: "测试用户" }, opts.role ?? "customer");
  if (!res.ok) throw new Error(res.message);
  const [u] = await db
    .update(users)
    .set({
      balanceFen: opts.balanceFen ?? 0,
      // a verified account stands for a distinct person (its own ID fingerprint)
      ...(opts.verified ? { realName: "测试", idNumberMasked: "110***********0018", idFingerprint: `test-${res.value.id}`, verifiedAt: new Date() } : {}),
    })
    .where(eq(users.id, res.value.id))
    .returning();
  return { ...u!, password };
}

/** A fresh application of `userId` with its secret in clear and its service codes. */
export async function makeApp(db: Db, userId: string, name = `测试应用${Math.random().toString(36).slice(2, 8)}`): Promise<CreatedApp> {
  const res = await createApp(db, userId, { name, description: "" });
  if (!res.ok) throw new Error(res.message);
  return res.value;
}
