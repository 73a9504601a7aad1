"use server";

import { publicOrigin } from "@/app/(site)/_lib/origin";
import { getDb } from "@/db";
import { forgotSchema, requestPasswordReset, resetPassword, resetSchema } from "@/lib/accounts/reset";
import type { ActionState } from "@/lib/action-state";

function firstErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0])] ??= i.message;
  return out;
}

/** 忘记密码: the same answer whether or not the address is registered. */
export async function forgotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = forgotSchema.safeParse({ email: form.get("email") });
  if (!parsed.success) {
    const fieldErrors = firstErrors(parsed.error.issues);
    return { status: "error", message: Object.values(fieldErrors)[0]!, fieldErrors };
  }
  await requestPasswordReset(await getDb(), parsed.data.email, await publicOrigin());
  return { status: "ok", message: `如果 ${parsed.data.email} 已注册，我们已向它发送重置密码的链接（30 分钟内有效），请查收邮件。` };
}

export async function resetAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = resetSchema.safeParse({ token: form.get("token"), password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) {
    const fieldErrors = firstErrors(parsed.error.issues);
    return { status: "error", message: Object.values(fieldErrors)[0]!, fieldErrors };
  }
  const res = await resetPassword(await getDb(), parsed.data.token, parsed.data.password);
  if (!res.ok) return { status: "error", message: res.message };
  return { status: "ok", message: "密码已重置，请使用新密码登录。" };
}
