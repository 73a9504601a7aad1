"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert, Button, Field, Input } from "./ui";
import type { ActionState } from "@/lib/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Sign-in and sign-up forms; what the person typed stays after an error. */
export function AuthForm({ mode, action, next }: { mode: "login" | "register"; action: Action; next?: string }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ActionState);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const isLogin = mode === "login";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && <Alert>{state.message}</Alert>}
      <input type="hidden" name="next" value={next ?? ""} />
      <Field label="邮箱" htmlFor="email" error={fe.email} required>
        <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={!!fe.email} />
      </Field>
      {!isLogin && (
        <Field label="名称" htmlFor="name" hint="选填，显示在控制台与订单中">
          <Input id="name" name="name" autoComplete="nickname" />
        </Field>
      )}
      <Field label="密码" htmlFor="password" error={fe.password} hint={isLogin ? undefined : "至少 8 位"} required>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={isLogin ? "current-password" : "new-password"}
          required
          aria-invalid={!!fe.password}
        />
      </Field>
      {!isLogin && (
        <Field label="确认密码" htmlFor="confirm" error={fe.confirm} required>
          <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-invalid={!!fe.confirm} />
        </Field>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "请稍候…" : isLogin ? "登录" : "注册"}
      </Button>
      <p className="text-center text-sm text-slate-500">
        {isLogin ? (
          <>
            还没有账号？<Link href="/register" className="text-brand-600 hover:underline">立即注册</Link>
          </>
        ) : (
          <>
            已有账号？<Link href="/login" className="text-brand-600 hover:underline">直接登录</Link>
          </>
        )}
      </p>
    </form>
  );
}
