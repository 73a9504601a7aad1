/**
 * For e2e/signup.spec.ts (run with tsx, like e2e/monitor-fixture.ts): prints the path of the
 * e-mail verification link the server would mail to the account with the e-mail in argv[2],
 * signed with the same AUTH_SECRET as the server under test.
 */
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "../db";
import { users } from "@/db/schema";
import { verificationLink } from "@/lib/accounts/email-verify";

const db = await getDb();
const [u] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, process.argv[2]!));
await closeDb();
if (!u) throw new Error(`no account ${process.argv[2]}`);
console.log(verificationLink(u, ""));
