"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Alert, Button, Field, Input } from "./ui";
import { useFormFields } from "./use-form-fields";
import type { ActionState } from "@/lib/action-state";
import { LEGAL, titled } from "@/lib/legal/documents";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Sign-in and sign-up forms; what the person typed stays after an error. */
export function AuthForm({ mode, action, next }: { mode: "login" | "register"; action: Action; next?: string }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ActionState);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const isLogin = mode === "login";
  // controlled, so a refused submission keeps everything that was typed (React resets uncontrolled fields)
  const { ref, bind } = useFormFields({ email: "", name: "", password: "", confirm: "" });
  const [agree, setAgree] = useState(false);
  // ticked before hydration: keep it (see useFormFields)
  useEffect(() => {
    if ((ref.current?.elements.namedItem("agree") as HTMLInputElement | null)?.checked) setAgree(true);
  }, [ref]);
  return (
    <form ref={ref} action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && <Alert>{state.message}</Alert>}
      <input type="hidden" name="next" value={next ?? ""} />
      <Field label="邮箱" htmlFor="email" error={fe.email} required>
        <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={!!fe.email} {...bind("email")} />
      </Field>
      {!isLogin && (
        <Field label="名称" htmlFor="name" hint="选填，显示在控制台与订单中">
          <Input id="name" name="name" autoComplete="nickname" {...bind("name")} />
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
          {...bind("password")}
        />
      </Field>
      {!isLogin && (
        <Field label="确认密码" htmlFor="confirm" error={fe.confirm} required>
          <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-invalid={!!fe.confirm} {...bind("confirm")} />
        </Field>
      )}
      {!isLogin && (
        <div>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              id="agree"
              name="agree"
              checked={agree}
              onChange={(e) => setAgree(e.target.checked)}
              aria-invalid={!!fe.agree}
              aria-describedby={fe.agree ? "agree-error" : undefined}
              className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
            />
            <span>
              我已阅读并同意
              <Link href={LEGAL.terms.href} target="_blank" className="text-brand-600 hover:underline">
                {titled("terms")}
              </Link>
              和
              <Link href={LEGAL.privacy.href} target="_blank" className="text-brand-600 hover:underline">
                {titled("privacy")}
              </Link>
            </span>
          </label>
          {fe.agree && (
            <p id="agree-error" role="alert" className="mt-1 text-sm text-red-600">
              {fe.agree}
            </p>
          )}
        </div>
      )}
      {isLogin && (
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="text-brand-600 hover:underline">忘记密码？</Link>
        </p>
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
