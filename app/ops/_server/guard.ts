import "server-only";
import { requireUser, type SessionCtx } from "@/app/_server/session";

/**
 * For every /ops page: the signed-in operator, or null for anyone else. A page returns
 * nothing on null and the layout shows 无权访问 — the layout alone is not the guard,
 * because Next renders a page and its layout in parallel. Signed-out visitors go to /login.
 */
export async function opsPage(): Promise<SessionCtx | null> {
  const ctx = await requireUser();
  return ctx.user.role === "operator" ? ctx : null;
}
