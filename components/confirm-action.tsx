"use client";

import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { Dialog, DialogFooter } from "./dialog";
import { Alert, Button, Field, Textarea } from "./ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Variant = "primary" | "secondary" | "danger" | "ghost";

/**
 * A button that asks before it acts: the dialog states the consequence and has 取消 and a named confirm button.
 * With `reason` (the field's label) it also requires a reason, sent as `reason`; after a refused
 * submission what was typed stays for correcting.
 */
export function ConfirmAction({
  label,
  title,
  description,
  confirmLabel,
  action,
  fields,
  reason,
  variant = "secondary",
  confirmVariant = "danger",
}: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  action: Action;
  fields: Record<string, string>;
  reason?: string;
  variant?: Variant;
  confirmVariant?: Variant;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const res = await action(prev, form);
    if (res.status === "ok") setOpen(false);
    return res;
  }, { status: "idle" } as ActionState);
  // dispatched without React's automatic form reset, so a refused reason is not wiped
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => formAction(fd));
  };
  const reasonError = state.status === "error" ? state.fieldErrors?.reason : undefined;
  const reasonId = `reason-${Object.values(fields).join("-")}`;
  return (
    <>
      <Button type="button" variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <form onSubmit={onSubmit} className="whitespace-normal">
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="space-y-3 text-sm leading-6 text-slate-600">{description}</div>
          {reason && (
            <div className="mt-4">
              <Field label={reason} htmlFor={reasonId} error={reasonError} required>
                <Textarea id={reasonId} name="reason" rows={3} required minLength={2} maxLength={200} />
              </Field>
            </div>
          )}
          {state.status === "error" && !(reason && reasonError) && (
            <div className="mt-3">
              <Alert>{state.message}</Alert>
            </div>
          )}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button type="submit" variant={confirmVariant} disabled={pending}>
              {pending ? "请稍候…" : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}
