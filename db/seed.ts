import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./index";
import { accessKeys, API_KINDS, apps, balanceLedger, quotaPacks, serviceCodes, users } from "./schema";
import { createAccessKey } from "@/lib/accounts/access-keys";
import { registerUser } from "@/lib/accounts/users";
import { createApp } from "@/lib/apps/create";
import { idFingerprint } from "@/lib/accounts/fingerprint";
import { decryptSecret } from "@/lib/crypto";
import { grantPack } from "@/lib/quota/grant";
import { seedPublicBeta } from "@/lib/pricing/beta";
import { ensureDefaults } from "@/lib/pricing/defaults";

export const DEMO = {
  customer: { email: "demo@example.com", password: "Demo12345!", name: "演示用户" },
  operator: { email: "ops@example.com", password: "Ops12345!", name: "运营管理员" },
  appName: "演示应用OCR",
  balanceFen: 1_000_000, // ¥10,000
  packCalls: 10_000,
};

export interface SeedOutput {
  customer: { email: string; password: string };
  operator: { email: string; password: string };
  app: { appKey: string; appSecret: string; serviceCodes: { general: string; idcard: string; plate: string } };
  /** the demo customer's AccessKey pair, for EOP-signed calls */
  accessKey: { ak: string; sk: string };
}

/** The customer's first active AccessKey pair in clear, created when there is none (the demo prints it). */
async function ensureAccessKey(db: Db, userId: string): Promise<{ ak: string; sk: string }> {
  const [found] = await db
    .select()
    .from(accessKeys)
    .where(and(eq(accessKeys.userId, userId), eq(accessKeys.status, "active")))
    .orderBy(accessKeys.createdAt)
    .limit(1);
  if (found) return { ak: found.ak, sk: decryptSecret(found.skEnc) };
  const res = await createAccessKey(db, userId, { skipPassword: true });
  if (!res.ok) throw new Error(res.message);
  return { ak: res.value.ak, sk: res.value.sk };
}

async function ensureUser(db: Db, u: { email: string; password: string; name: string }, role: "customer" | "operator") {
  const [found] = await db.select().from(users).where(eq(users.email, u.email));
  if (!found) await registerUser(db, { email: u.email, password: u.password, name: u.name }, role);
  if (found?.emailVerifiedAt) return found;
  // the demo's addresses are not real mailboxes: they count as verified (no 邮箱未验证 banner)
  const [row] = await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, u.email)).returning();
  return row!;
}

/**
 * The demo's accounts have public passwords (an operator among them): they may exist only in a
 * demo. Refused under NODE_ENV=production unless DEMO=1 says this deployment is the demo.
 */
export function demoSeedProblem(vars: Record<string, string | undefined> = process.env): string | null {
  return vars.NODE_ENV === "production" && vars.DEMO !== "1"
    ? "拒绝在生产环境创建演示账号（NODE_ENV=production）。演示部署请设置 DEMO=1。 Refusing to create demo accounts in production; set DEMO=1 for a demo."
    : null;
}

/** Idempotent demo data: running it twice leaves one of everything. */
export async function seedDemo(db: Db): Promise<SeedOutput> {
  const problem = demoSeedProblem();
  if (problem) throw new Error(problem);
  await ensureDefaults(db);
  await seedPublicBeta(db); // 公测: every tier ¥0.00 for a year, once per database (operators may change it in /ops/prices)
  const customer = await ensureUser(db, DEMO.customer, "customer");
  await ensureUser(db, DEMO.operator, "operator");

  if (!customer.verifiedAt) {
    await db
      .update(users)
      .set({ realName: "张三", idNumberMasked: "110***********002X", idFingerprint: idFingerprint("11010519491231002X"), verifiedAt: new Date() })
      .where(eq(users.id, customer.id));
  }
  await db.transaction(async (tx) => {
    const [seeded] = await tx
      .select({ id: balanceLedger.id })
      .from(balanceLedger)
      .where(and(eq(balanceLedger.userId, customer.id), eq(balanceLedger.kind, "seed")));
    if (seeded) return;
    await tx.update(users).set({ balanceFen: DEMO.balanceFen }).where(eq(users.id, customer.id));
    await tx.insert(balanceLedger).values({
      userId: customer.id,
      deltaFen: DEMO.balanceFen - customer.balanceFen,
      balanceAfterFen: DEMO.balanceFen,
      kind: "seed",
      note: "演示账户初始余额",
    });
  });

  let [app] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.userId, customer.id), eq(apps.name, DEMO.appName), isNull(apps.deletedAt)));
  if (!app) {
    const res = await createApp(db, customer.id, { name: DEMO.appName, description: "演示数据：三个接口各有一个有效资源包" });
    if (!res.ok) throw new Error(res.message);
    app = res.value.app;
  }
  const codes = await db.select().from(serviceCodes).where(eq(serviceCodes.appId, app.id));
  for (const api of API_KINDS) {
    const [pack] = await db
      .select({ id: quotaPacks.id })
      .from(quotaPacks)
      .where(and(eq(quotaPacks.appId, app.id), eq(quotaPacks.api, api), eq(quotaPacks.source, "seed")));
    if (!pack) await grantPack(db, { appId: app.id, api, calls: DEMO.packCalls, source: "seed" });
  }
  const code = (api: (typeof API_KINDS)[number]) => codes.find((c) => c.api === api)!.code;
  const accessKey = await ensureAccessKey(db, customer.id);
  return {
    customer: { email: DEMO.customer.email, password: DEMO.customer.password },
    operator: { email: DEMO.operator.email, password: DEMO.operator.password },
    app: {
      appKey: app.appKey,
      appSecret: decryptSecret(app.secretEnc),
      serviceCodes: { general: code("general"), idcard: code("idcard"), plate: code("plate") },
    },
    accessKey,
  };
}
