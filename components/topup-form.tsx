"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/_server/session";
import { topupAction } from "@/app/console/billing/actions";
import { Button, Field, Input } from "./ui";

/** 充值 (shown only when Stripe is configured). */
export function TopupForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(topupAction, { status: "idle" });
  const error = state.status === "error" ? (state.fieldErrors?.amount ?? state.message) : undefined;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <div className="w-48">
        <Field label="充值金额（元）" htmlFor="topup-amount" error={error}>
          <Input id="topup-amount" name="amount" inputMode="decimal" placeholder="100.00" required aria-invalid={!!error} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{pending ? "正在跳转…" : "银行卡充值"}</Button>
    </form>
  );
}
