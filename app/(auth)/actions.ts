"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, SignInRefused } from "@/auth";
import { getDb } from "@/db";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { loginSchema, registerFormSchema } from "@/lib/accounts/schemas";
import { sendVerificationMail } from "@/lib/accounts/email-verify";
import { admitRegistration, registerUser } from "@/lib/accounts/users";
import { SIGNUP_TERMS_VERSION } from "@/lib/legal/documents";
import { requestAddress } from "@/app/_server/client-address";
import type { ActionState } from "@/app/_server/session";

const signInMessages: Record<string, string> = {
  invalid: "邮箱或密码错误",
  throttled: "登录尝试过于频繁，请稍后再试",
  disabled: "该账户已被平台停用",
};

function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/console";
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0])] ??= i.message;
  return out;
}

async function doSignIn(email: string, password: string, next: string): Promise<ActionState> {
  try {
    await signIn("credentials", { email, password, redirectTo: next });
    return { status: "ok" };
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const reason = e instanceof SignInRefused && e.code !== "invalid" ? e.reason : undefined;
      return { status: "error", message: reason ?? signInMessages[e.code] ?? signInMessages.invalid! };
    }
    if (e instanceof AuthError) return { status: "error", message: "登录失败，请稍后重试" };
    throw e; // the redirect after a successful sign-in
  }
}

export async function loginAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = loginSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    return { status: "error", message: Object.values(fieldErrors)[0]!, fieldErrors };
  }
  return doSignIn(parsed.data.email, parsed.data.password, safeNext(form.get("next")));
}

export async function registerAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = registerFormSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    confirm: form.get("confirm"),
    name: form.get("name") ?? "",
    agree: form.get("agree") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    return { status: "error", message: Object.values(fieldErrors)[0]!, fieldErrors };
  }
  const { email, password, name } = parsed.data;
  const db = await getDb();
  const admitted = await admitRegistration(db, await requestAddress());
  if (!admitted.ok) return { status: "error", message: admitted.message };
  const res = await registerUser(db, { email, password, name, termsVersion: SIGNUP_TERMS_VERSION });
  if (!res.ok) return { status: "error", message: res.message, fieldErrors: { email: res.message } };
  try {
    await sendVerificationMail(db, res.value.id, await publicOrigin());
  } catch (e) {
    // the account exists; the console's 邮箱未验证 banner offers 重新发送
    console.error("[mail] verification mail at sign-up failed:", e instanceof Error ? e.message : e);
  }
  return doSignIn(email, password, safeNext(form.get("next")));
}
