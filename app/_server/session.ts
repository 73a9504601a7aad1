import "server-only";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { auth } from "@/auth";
import { getDb, type Db } from "@/db";
import { findUserById, isSessionValid } from "@/lib/accounts/users";
import { consoleMessage, refuse } from "@/lib/console/errors";
import type { User } from "@/db/schema";

export interface SessionCtx {
  db: Db;
  user: User;
}

/**
 * The signed-in user, freshly read from the database, or null: signed out, account suspended
 * (users.disabled), or a session from before the last password change (users.session_version).
 */
async function sessionCtx(): Promise<SessionCtx | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await getDb();
  const user = await findUserById(db, session.user.id);
  return user && isSessionValid(user, session.user.sv) ? { db, user } : null;
}

/** For pages: the signed-in user, freshly read from the database, or a redirect to /login. */
export async function requireUser(): Promise<SessionCtx> {
  const ctx = await sessionCtx();
  if (!ctx) redirect("/login");
  return ctx;
}

/** For pages: like requireUser, but null when signed out (public pages). */
export async function currentUser(): Promise<SessionCtx | null> {
  return sessionCtx();
}

type Role = "customer" | "operator";

/** For console API routes: 401 JSON when signed out, 403 when the role is missing. */
export function withSession<C>(
  handler: (req: Request, ctx: SessionCtx, route: C) => Promise<Response>,
  opts: { role?: Role } = {},
) {
  return async (req: Request, route: C): Promise<Response> => {
    const ctx = await sessionCtx();
    if (!ctx) return NextResponse.json({ code: "unauthenticated", message: consoleMessage("unauthenticated_api") }, { status: 401 });
    const { db, user } = ctx;
    if (opts.role === "operator" && user.role !== "operator") {
      return NextResponse.json({ code: "forbidden", message: consoleMessage("forbidden") }, { status: 403 });
    }
    return handler(req, { db, user }, route);
  };
}

import type { ActionState } from "@/lib/action-state";
export type { ActionState } from "@/lib/action-state";
export { idle } from "@/lib/action-state";

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) out[k] = typeof v === "string" ? v : v;
  return out;
}

/**
 * A server action with a zod-parsed input and a signed-in user (role optional).
 * Field errors come back per field, in Chinese, for the form to show beside its inputs.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.infer<S>, ctx: SessionCtx) => Promise<ActionState<T>>,
  opts: { role?: Role } = {},
) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    const ctx = await sessionCtx();
    if (!ctx) return refuse("unauthenticated");
    const { db, user } = ctx;
    if (opts.role === "operator" && user.role !== "operator") return refuse("forbidden");
    const parsed = schema.safeParse(formToObject(form));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const k = String(issue.path[0] ?? "_");
        fieldErrors[k] ??= issue.message;
      }
      return { status: "error", message: Object.values(fieldErrors)[0] ?? "输入有误", fieldErrors };
    }
    return fn(parsed.data, { db, user });
  };
}
