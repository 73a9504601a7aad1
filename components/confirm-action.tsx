"use client";

import { useActionState, useState, type ReactNode } from "react";
import type { ActionState } from "@/app/_server/session";
import { Dialog, DialogFooter } from "./dialog";
import { Alert, Button } from "./ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Variant = "primary" | "secondary" | "danger" | "ghost";

/** A button that asks before it acts: the dialog states the consequence and has 取消 and a named confirm button. */
export function ConfirmAction({
  label,
  title,
  description,
  confirmLabel,
  action,
  fields,
  variant = "secondary",
  confirmVariant = "danger",
}: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  action: Action;
  fields: Record<string, string>;
  variant?: Variant;
  confirmVariant?: Variant;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const res = await action(prev, form);
    if (res.status === "ok") setOpen(false);
    return res;
  }, { status: "idle" } as ActionState);
  return (
    <>
      <Button type="button" variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <form action={formAction}>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="space-y-3 text-sm leading-6 text-slate-600">{description}</div>
          {state.status === "error" && (
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
