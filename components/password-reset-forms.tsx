"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/action-state";
import { Alert, Button, Field, Input } from "./ui";

const idle = { status: "idle" } as ActionState;

/** 忘记密码: the e-mail to send the link to (kept after an error). */
export function ForgotForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, idle);
  const [email, setEmail] = useState("");
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "ok" && <Alert tone="green">{state.message}</Alert>}
      {state.status === "error" && <Alert>{state.message}</Alert>}
      <Field label="邮箱" htmlFor="email" error={fe.email} required>
        <Input id="email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!fe.email} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "请稍候…" : "发送重置链接"}
      </Button>
      <p className="text-center text-sm text-slate-500">
        想起来了？<Link href="/login" className="text-brand-600 hover:underline">返回登录</Link>
      </p>
    </form>
  );
}

/** 重置密码: the new password twice; the token comes from the mailed link. */
export function ResetForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, idle);
  const [pw, setPw] = useState({ password: "", confirm: "" });
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  if (state.status === "ok") {
    return (
      <div className="space-y-4">
        <Alert tone="green">{state.message}</Alert>
        <Link href="/login" className="block text-center text-sm text-brand-600 hover:underline">前往登录</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && <Alert>{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field label="新密码" htmlFor="password" error={fe.password} hint="至少 8 位" required>
        <Input id="password" name="password" type="password" autoComplete="new-password" value={pw.password} onChange={(e) => setPw({ ...pw, password: e.target.value })} aria-invalid={!!fe.password} />
      </Field>
      <Field label="确认新密码" htmlFor="confirm" error={fe.confirm} required>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" value={pw.confirm} onChange={(e) => setPw({ ...pw, confirm: e.target.value })} aria-invalid={!!fe.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "请稍候…" : "设置新密码"}
      </Button>
    </form>
  );
}
