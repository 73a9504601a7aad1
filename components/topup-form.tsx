"use client";

import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/action-state";
import { Button, Field, Input } from "./ui";

/** 充值 by card (shown only when Stripe is configured); the typed amount stays after a refusal. */
export function TopupForm({ action, returnTo }: { action: FormAction; returnTo?: string | null }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const [amount, setAmount] = useState("");
  const error = state.status === "error" ? (state.fieldErrors?.amount ?? state.message) : undefined;
  return (
    <form id="topup" action={formAction} className="flex flex-wrap items-end gap-2" aria-label="银行卡充值">
      {returnTo && <input type="hidden" name="returnTo" value={returnTo} />}
      <div className="w-48">
        <Field label="充值金额（元）" htmlFor="topup-amount" error={error}>
          <Input id="topup-amount" name="amount" inputMode="decimal" placeholder="100.00" required value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={!!error} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{pending ? "正在跳转…" : "银行卡充值"}</Button>
    </form>
  );
}
