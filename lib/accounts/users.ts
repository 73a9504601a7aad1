import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users, type User } from "@/db/schema";
import { newId } from "@/lib/id";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { err, ok, type Result } from "@/lib/result";
import { clearFailures, isThrottled, recordFailure } from "./throttle";
import type { LoginInput, RegisterInput } from "./schemas";

export type PublicUser = Pick<User, "id" | "email" | "name" | "role">;

const toPublic = (u: User): PublicUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

export async function findUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function registerUser(
  db: DbOrTx,
  input: RegisterInput,
  role: "customer" | "operator" = "customer",
): Promise<Result<PublicUser, "email_taken">> {
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(users)
    .values({ id: newId("usr"), email: input.email, passwordHash, name: input.name || input.email.split("@")[0], role })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const u = rows[0];
  if (!u) return err("email_taken", "该邮箱已注册，请直接登录", "email");
  return ok(toPublic(u));
}

export type AuthFailure = "invalid" | "throttled" | "disabled";

/**
 * Checks an email and password. Failures are counted per account and per client
 * address; past MAX_FAILURES in the window every attempt is refused until it passes.
 */
export async function authenticate(
  db: DbOrTx,
  input: LoginInput,
  clientAddress: string | null,
): Promise<Result<PublicUser, AuthFailure>> {
  const keys = [`email:${input.email}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
  if (await isThrottled(db, keys)) {
    return err("throttled", "登录失败次数过多，请 15 分钟后再试");
  }
  const [u] = await db.select().from(users).where(eq(users.email, input.email));
  const good = u ? await verifyPassword(u.passwordHash, input.password) : false;
  if (!u || !good) {
    await recordFailure(db, keys);
    return err("invalid", "邮箱或密码错误");
  }
  if (u.disabled) return err("disabled", "该账户已停用，请联系客服");
  await clearFailures(db, `email:${input.email}`);
  return ok(toPublic(u));
}

export async function changePassword(
  db: DbOrTx,
  userId: string,
  current: string,
  next: string,
): Promise<Result<true, "wrong_password">> {
  const u = await findUserById(db, userId);
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    return err("wrong_password", "当前密码不正确", "current");
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(next), updatedAt: new Date() })
    .where(eq(users.id, userId));
  return ok(true);
}

/** Re-checks a signed-in user's password (before revealing a secret). */
export async function confirmPassword(db: DbOrTx, userId: string, password: string): Promise<boolean> {
  const u = await findUserById(db, userId);
  return !!u && (await verifyPassword(u.passwordHash, password));
}
