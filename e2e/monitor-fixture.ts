/**
 * Setup for e2e/monitor.spec.ts (run with tsx, like global-setup runs the seed): a fresh
 * customer with one application whose 通用型OCR has exactly 3 calls, and a small PNG.
 * Prints one JSON line.
 */
import sharp from "sharp";
import { closeDb, getDb } from "../db";
import { registerUser } from "@/lib/accounts/users";
import { createApp } from "@/lib/apps/create";
import { newId } from "@/lib/id";
import { grantPack } from "@/lib/quota/grant";

const db = await getDb();
const email = `${newId("e2e").replace("_", "-")}@test.local`;
const password = "Passw0rd!m";
const user = await registerUser(db, { email, password, name: "监控测试" }, "customer");
if (!user.ok) throw new Error(user.message);
const app = await createApp(db, user.value.id, { name: "监控测试应用", description: "" });
if (!app.ok) throw new Error(app.message);
await grantPack(db, { appId: app.value.app.id, api: "general", calls: 3, source: "operator", now: new Date(Date.now() - 60_000) });
const png = (await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } }).png().toBuffer()).toString("base64");
await closeDb();
console.log(
  JSON.stringify({ email, password, appId: app.value.app.id, appKey: app.value.app.appKey, appSecret: app.value.appSecret, serviceCode: app.value.serviceCodes.general, png }),
);
