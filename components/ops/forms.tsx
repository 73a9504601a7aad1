"use client";

import { startTransition, useActionState, useState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { ConfirmAction } from "@/components/confirm-action";
import { Dialog, DialogFooter } from "@/components/dialog";
import { Alert, Button, Field, Input, cx, inputClass } from "@/components/ui";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
const idle: ActionState = { status: "idle" };

/**
 * The action's state, plus a submit handler that dispatches it without React's automatic
 * form reset: after a refused submission the operator's input stays for correcting.
 */
function useOpsAction(action: Action) {
  const [state, formAction, pending] = useActionState(action, idle);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => formAction(fd));
  };
  return [state, onSubmit, pending] as const;
}

const fieldError = (s: ActionState, k: string) => (s.status === "error" ? s.fieldErrors?.[k] : undefined);

function Outcome({ state }: { state: ActionState }) {
  if (state.status === "error") return state.fieldErrors && Object.keys(state.fieldErrors).length ? null : <Alert>{state.message}</Alert>;
  if (state.status === "ok" && state.message) return <Alert tone="green">{state.message}</Alert>;
  return null;
}

/** One row of the price table: list price, public-beta price and its end, saved together. */
export function PriceRowForm({
  action,
  api,
  tier,
  name,
  unitPrice,
  betaPrice,
  betaEndsAt,
  effective,
}: {
  action: Action;
  api: string;
  tier: number;
  name: string;
  unitPrice: string;
  betaPrice: string;
  betaEndsAt: string;
  effective: ReactNode;
}) {
  const [state, onSubmit, pending] = useOpsAction(action);
  const id = `${api}-${tier}`;
  const err = (k: string) => {
    const e = fieldError(state, k);
    return e ? <p className="text-xs text-red-600">{e}</p> : null;
  };
  const label = "mb-1 block text-xs text-slate-500 sm:sr-only";
  return (
    <form onSubmit={onSubmit} aria-label={name} className="grid grid-cols-2 items-start gap-x-3 gap-y-2 border-b border-slate-100 py-3 last:border-0 sm:grid-cols-[7rem_1fr_1fr_1.5fr_auto]">
      <input type="hidden" name="api" value={api} />
      <input type="hidden" name="tier" value={tier} />
      <div className="col-span-2 sm:col-span-1">
        <p className="text-sm font-medium text-slate-900">{name.split(" ").slice(1).join(" ")}</p>
        <p className="text-xs text-slate-500">{effective}</p>
      </div>
      <div>
        <label htmlFor={`${id}-unit`} className={label}>单价（元）</label>
        <Input id={`${id}-unit`} name="unitPrice" inputMode="decimal" defaultValue={unitPrice} aria-label={`${name} 单价`} aria-invalid={!!fieldError(state, "unitPrice")} required />
        {err("unitPrice")}
      </div>
      <div>
        <label htmlFor={`${id}-beta`} className={label}>公测价（元）</label>
        <Input id={`${id}-beta`} name="betaPrice" inputMode="decimal" defaultValue={betaPrice} placeholder="不设" aria-label={`${name} 公测价`} aria-invalid={!!fieldError(state, "betaPrice")} />
        {err("betaPrice")}
      </div>
      <div className="col-span-2 sm:col-span-1">
        <label htmlFor={`${id}-ends`} className={label}>公测截止（北京时间）</label>
        <Input id={`${id}-ends`} name="betaEndsAt" type="datetime-local" defaultValue={betaEndsAt} aria-label={`${name} 公测截止`} aria-invalid={!!fieldError(state, "betaEndsAt")} />
        {err("betaEndsAt")}
      </div>
      <div className="col-span-2 sm:col-span-1">
        <Button type="submit" disabled={pending} aria-label={`保存 ${name}`} className="w-full sm:w-auto">
          {pending ? "保存中…" : "保存"}
        </Button>
      </div>
      {state.status !== "idle" && (
        <p role="status" className={cx("col-span-2 text-sm sm:col-span-5", state.status === "error" ? "text-red-600" : "text-emerald-700")}>
          {state.message}
        </p>
      )}
    </form>
  );
}

/** Column heads above the price rows (wide screens; on a phone each input has its own label). */
export function PriceHead() {
  return (
    <div aria-hidden className="hidden gap-x-3 border-b border-slate-100 pb-2 text-xs font-medium text-slate-500 sm:grid sm:grid-cols-[7rem_1fr_1fr_1.5fr_auto]">
      <span>规格</span>
      <span>单价（元）</span>
      <span>公测价（元）</span>
      <span>公测截止（北京时间）</span>
      <span className="w-[4.25rem]" />
    </div>
  );
}

export function FreeQuotaForm({ action, calls, days, maxApps }: { action: Action; calls: number; days: number; maxApps: number }) {
  const [state, onSubmit, pending] = useOpsAction(action);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="每个 API 的免费次数" htmlFor="fq-calls" error={fieldError(state, "calls")} hint="每位实名用户每个接口限领一次；填 0 关闭免费额度；已领取的不变">
          <Input id="fq-calls" name="calls" type="number" min={0} defaultValue={calls} required />
        </Field>
        <Field label="有效期（天）" htmlFor="fq-days" error={fieldError(state, "days")}>
          <Input id="fq-days" name="days" type="number" min={1} defaultValue={days} required />
        </Field>
        <Field label="每个账户最多应用数" htmlFor="fq-max-apps" error={fieldError(state, "maxApps")} hint="已删除的应用不计入">
          <Input id="fq-max-apps" name="maxApps" type="number" min={1} defaultValue={maxApps} required />
        </Field>
      </div>
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "保存中…" : "保存免费额度"}
      </Button>
    </form>
  );
}

export function JobRetentionForm({ action, days }: { action: Action; days: number }) {
  const [state, onSubmit, pending] = useOpsAction(action);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div className="max-w-xs">
        <Field label="结果保留天数" htmlFor="job-retention-days" error={fieldError(state, "days")} hint="任务结束后保留结果的天数（1–365），到期后删除任务、图片与结果；修改后对已结束的任务按结束时间重新计算">
          <Input id="job-retention-days" name="days" type="number" min={1} max={365} defaultValue={days} required />
        </Field>
      </div>
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "保存中…" : "保存保留天数"}
      </Button>
    </form>
  );
}

export function RateLimitForm({ action, appId, value }: { action: Action; appId: string; value: number }) {
  const [state, onSubmit, pending] = useOpsAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="appId" value={appId} />
      <div className="w-32">
        <Field label="QPS 上限（次/秒）" htmlFor={`rl-${appId}`} error={fieldError(state, "ratePerSec")}>
          <Input id={`rl-${appId}`} name="ratePerSec" type="number" min={1} max={10000} defaultValue={value} required />
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "保存中…" : "保存"}
      </Button>
      {state.status !== "idle" && (
        <p role="status" className={cx("w-full text-sm", state.status === "error" ? "text-red-600" : "text-emerald-700")}>
          {state.message}
        </p>
      )}
    </form>
  );
}

/**
 * A destructive (or restoring) action that asks first: the dialog states the consequence
 * and requires a reason, which goes into the audit log.
 */
export function ReasonAction(props: Omit<ComponentProps<typeof ConfirmAction>, "reason">) {
  return <ConfirmAction {...props} reason="原因（记入操作审计）" />;
}

/** A fresh token for one opening of a money form: the server applies each token once. */
function newFormToken(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

/**
 * An operator's action in a dialog: 取消 or the submit button; on success the dialog closes and
 * the outcome stays beside the opening button, on a refusal the input stays for correcting.
 * With `tokenName`, each opening carries a fresh token (money forms: the server applies each
 * token once, so a second submission of the same form is not applied again).
 */
function OpsDialogForm({
  action,
  opener,
  openerLabel,
  title,
  okMessage,
  submitLabel,
  hidden,
  tokenName,
  children,
}: {
  action: Action;
  opener: string;
  openerLabel: string;
  title: string;
  okMessage: string;
  submitLabel: string;
  hidden: Record<string, string>;
  tokenName?: string;
  children: (state: ActionState) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [state, onSubmit, pending] = useOpsAction(async (prev: ActionState, form: FormData) => {
    const res = await action(prev, form);
    if (res.status === "ok") {
      setOpen(false);
      setDone(res.message ?? okMessage);
    }
    return res;
  });
  const show = () => {
    if (tokenName) setToken(newFormToken());
    setDone(null);
    setOpen(true);
  };
  return (
    <>
      <Button type="button" variant="ghost" className="h-8 px-2" onClick={show} aria-label={openerLabel}>
        {opener}
      </Button>
      {done && (
        <p role="status" className="whitespace-normal text-xs text-emerald-700">
          {done}
        </p>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <form onSubmit={onSubmit} className="space-y-4 whitespace-normal">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {tokenName && <input type="hidden" name={tokenName} value={token} />}
          {children(state)}
          {state.status === "error" && <Outcome state={state} />}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "请稍候…" : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}

/** 调整余额: the amount (negative to correct) and the note for the ledger; one token per opening. */
export function CreditDialog({ action, userId, email }: { action: Action; userId: string; email: string }) {
  return (
    <OpsDialogForm
      action={action}
      opener="调整余额"
      openerLabel={`调整 ${email} 的余额`}
      title="调整余额"
      okMessage="余额已调整"
      submitLabel="确认调整"
      hidden={{ userId }}
      tokenName="token"
    >
      {(state) => (
        <>
          <p className="text-sm text-slate-600">
            账号 <span className="font-medium text-slate-900">{email}</span>。金额为正表示充值，为负表示扣减（不能超过当前余额）。
          </p>
          <Field label="金额（元）" htmlFor={`cr-amt-${userId}`} error={fieldError(state, "amount")} required>
            <Input id={`cr-amt-${userId}`} name="amount" inputMode="decimal" placeholder="例如 100 或 -20.50" required />
          </Field>
          <Field label="备注（记入账单与审计）" htmlFor={`cr-note-${userId}`} error={fieldError(state, "note")} required>
            <Input id={`cr-note-${userId}`} name="note" required minLength={2} maxLength={200} />
          </Field>
        </>
      )}
    </OpsDialogForm>
  );
}

export function VoucherForm({ action, email }: { action: Action; email: string }) {
  const [state, onSubmit, pending] = useOpsAction(action);
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="发放代金券">
      <Field label="账号邮箱" htmlFor="v-email" error={fieldError(state, "email")} required>
        <Input id="v-email" name="email" type="email" defaultValue={email} required />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="面额（元）" htmlFor="v-amount" error={fieldError(state, "amount")} required>
          <Input id="v-amount" name="amount" inputMode="decimal" required />
        </Field>
        <Field label="有效天数" htmlFor="v-days" error={fieldError(state, "validDays")} required>
          <Input id="v-days" name="validDays" type="number" min={1} max={730} defaultValue={90} required />
        </Field>
      </div>
      <Field label="备注" htmlFor="v-note" error={fieldError(state, "note")}>
        <Input id="v-note" name="note" maxLength={200} />
      </Field>
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "发放中…" : "发放代金券"}
      </Button>
    </form>
  );
}

export function CouponForm({ action, email }: { action: Action; email: string }) {
  const [state, onSubmit, pending] = useOpsAction(action);
  const [kind, setKind] = useState<"amount" | "percent">("amount");
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="发放优惠券">
      <Field label="账号邮箱" htmlFor="c-email" error={fieldError(state, "email")} required>
        <Input id="c-email" name="email" type="email" defaultValue={email} required />
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-700">优惠方式</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" name="kind" value="amount" checked={kind === "amount"} onChange={() => setKind("amount")} /> 满减
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="kind" value="percent" checked={kind === "percent"} onChange={() => setKind("percent")} /> 折扣
          </label>
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="门槛（元，订单满此金额可用）" htmlFor="c-threshold" error={fieldError(state, "threshold")} hint="0 或留空表示无门槛">
          <Input id="c-threshold" name="threshold" inputMode="decimal" placeholder="0" />
        </Field>
        {kind === "amount" ? (
          <Field label="减免金额（元）" htmlFor="c-off" error={fieldError(state, "amountOff")} required>
            <Input id="c-off" name="amountOff" inputMode="decimal" required />
          </Field>
        ) : (
          <Field label="折扣比例（%）" htmlFor="c-pct" error={fieldError(state, "percentOff")} hint="例如 20 表示减免订单金额的 20%" required>
            <Input id="c-pct" name="percentOff" type="number" min={1} max={100} required />
          </Field>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="有效天数" htmlFor="c-days" error={fieldError(state, "validDays")} required>
          <Input id="c-days" name="validDays" type="number" min={1} max={730} defaultValue={90} required />
        </Field>
        <Field label="备注" htmlFor="c-note" error={fieldError(state, "note")}>
          <Input id="c-note" name="note" maxLength={200} />
        </Field>
      </div>
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "发放中…" : "发放优惠券"}
      </Button>
    </form>
  );
}

export function SelectFilter({ name, value, options, label }: { name: string; value: string; options: { value: string; label: string }[]; label: string }) {
  return (
    <select name={name} defaultValue={value} aria-label={label} className={cx(inputClass.replace("w-full", "w-auto"))}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * 设置 QPS 上限 of an account: the most QPS its owner may give any application (the console
 * says so beside the QPS field). Lowering it lowers the applications above it at once.
 */
export function QpsCeilingDialog({ action, userId, email, value }: { action: Action; userId: string; email: string; value: number }) {
  return (
    <>
      <span className="tabular-nums">{value}</span>
      <OpsDialogForm
        action={action}
        opener="设置"
        openerLabel={`设置 ${email} 的 QPS 上限`}
        title="设置账户 QPS 上限"
        okMessage="QPS 上限已保存"
        submitLabel="保存 QPS 上限"
        hidden={{ userId }}
      >
        {(state) => (
          <>
            <p className="text-sm text-slate-600">
              账号 <span className="font-medium text-slate-900">{email}</span> 的每个应用，QPS 最多可由用户在控制台设为此值；调低后，高于新上限的应用立即降至新上限。
            </p>
            <Field label="QPS 上限（次/秒）" htmlFor={`qc-${userId}`} error={fieldError(state, "ceiling")} required>
              <Input id={`qc-${userId}`} name="ceiling" type="number" min={1} max={10000} defaultValue={value} required />
            </Field>
            <Field label="原因（记入操作审计）" htmlFor={`qc-reason-${userId}`} error={fieldError(state, "reason")} required>
              <Input id={`qc-reason-${userId}`} name="reason" required minLength={2} maxLength={200} />
            </Field>
          </>
        )}
      </OpsDialogForm>
    </>
  );
}
