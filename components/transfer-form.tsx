"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionState, FormAction } from "@/lib/action-state";
import { Alert, Button, Field, Input } from "./ui";

const blank = { amount: "", payerName: "", reference: "" };

/**
 * 线下汇款 (no Stripe): amount, the payer's name and the transfer reference. What was typed stays
 * after a refusal; after success the form empties and says what happens next.
 */
export function TransferForm({ action }: { action: FormAction }) {
  const [v, setV] = useState(blank);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const res = await action(prev, form);
    if (res.status === "ok") setV(blank);
    return res;
  }, { status: "idle" } as ActionState);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => formAction(fd));
  };
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const bind = (k: keyof typeof blank) => ({ value: v[k], onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  return (
    <form onSubmit={onSubmit} aria-label="线下汇款" className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="汇款金额（元）" htmlFor="tr-amount" required error={fe.amount}>
          <Input id="tr-amount" name="amount" inputMode="decimal" placeholder="100.00" {...bind("amount")} aria-invalid={!!fe.amount} />
        </Field>
        <Field label="汇款人户名" htmlFor="tr-payer" required error={fe.payerName}>
          <Input id="tr-payer" name="payerName" autoComplete="name" {...bind("payerName")} aria-invalid={!!fe.payerName} />
        </Field>
        <Field label="汇款流水号" htmlFor="tr-ref" required error={fe.reference} hint="银行回单上的交易流水号">
          <Input id="tr-ref" name="reference" autoComplete="off" className="font-mono" {...bind("reference")} aria-invalid={!!fe.reference} />
        </Field>
      </div>
      {state.status === "ok" && state.message && <Alert tone="green">{state.message}</Alert>}
      {state.status === "error" && !state.fieldErrors && <Alert>{state.message}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending ? "提交中…" : "提交汇款信息"}
      </Button>
    </form>
  );
}
