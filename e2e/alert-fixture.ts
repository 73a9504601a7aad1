/**
 * For e2e/console-chrome.spec.ts (run with tsx, like e2e/monitor-fixture.ts): a fresh customer
 * whose application holds a pack that expires in 3 days, evaluated by the alert rules so that
 * the default 资源包即将到期 rule raises a real alert for that customer. Prints one JSON line.
 */
import { closeDb, getDb } from "../db";
import { registerUser } from "@/lib/accounts/users";
import { evaluateForUser } from "@/lib/alerts/evaluate";
import { createApp } from "@/lib/apps/create";
import { newId } from "@/lib/id";
import { grantPack } from "@/lib/quota/grant";

const db = await getDb();
const email = `${newId("e2e").replace("_", "-")}@test.local`;
const password = "Passw0rd!n";
const user = await registerUser(db, { email, password, name: "告警测试" }, "customer");
if (!user.ok) throw new Error(user.message);
const appName = `告警${newId("a").slice(2, 8)}`;
const app = await createApp(db, user.value.id, { name: appName, description: "" });
if (!app.ok) throw new Error(app.message);
await grantPack(db, { appId: app.value.app.id, api: "general", calls: 1000, source: "operator", validityDays: 3 });
const { raised } = await evaluateForUser(db, user.value.id);
await closeDb();
if (raised.length === 0) throw new Error("no alert raised");
console.log(JSON.stringify({ email, password, appName, raised: raised.length }));
