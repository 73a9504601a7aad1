"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/action-state";

/** 邮箱未验证: shown across the console until the link in the mail is opened; 重新发送 mails a new one. */
export function EmailVerifyBanner({ email, action }: { email: string; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <div role="status" aria-label="邮箱未验证" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">邮箱未验证</span>
        <span className="text-amber-800">
          请打开发送到 <span className="font-medium">{email}</span> 的邮件中的链接完成验证。验证前可以正常使用控制台，找回密码的邮件也发往此邮箱。
        </span>
        <button type="submit" disabled={pending} className="rounded px-1 font-medium text-brand-700 underline-offset-2 hover:underline disabled:opacity-60">
          {pending ? "发送中…" : "重新发送"}
        </button>
      </form>
      {state.status === "ok" && <p className="mt-1 text-emerald-700">{state.message}</p>}
      {state.status === "error" && <p className="mt-1 text-red-700">{state.message}</p>}
    </div>
  );
}
