"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/lib/action-state";
import { useConsoleActions } from "./console-actions";
import type { ApiKind } from "@/lib/catalogue/apis";
import { Alert, Button, Field, Input, Textarea } from "./ui";

const FIELD = { general: "capGeneral", idcard: "capIdcard", plate: "capPlate" } as const;

/** The owner's limits for one application; what was typed stays after a refusal. */
export function AppLimitsForm({
  appId,
  qps,
  qpsCeiling,
  caps,
  ipAllow,
  maxEntries,
}: {
  appId: string;
  qps: number;
  qpsCeiling: number;
  caps: { api: ApiKind; label: string; cap: number | null; today: number }[];
  ipAllow: string[];
  maxEntries: number;
}) {
  const [state, action, pending] = useActionState(useConsoleActions().updateLimits, { status: "idle" } as ActionState);
  // dispatched without React's automatic form reset, so a refused entry stays for correcting
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => action(fd));
  };
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="space-y-4 text-sm" noValidate>
      <input type="hidden" name="appId" value={appId} />
      {state.status === "ok" && <Alert tone="green">{state.message}</Alert>}
      {state.status === "error" && !fe.qps && !fe.ipAllow && !Object.values(FIELD).some((f) => fe[f]) && <Alert>{state.message}</Alert>}
      <Field label="QPS（每秒请求数）" htmlFor="limit-qps" required error={fe.qps} hint={`1–${qpsCeiling}，账户上限 ${qpsCeiling}（由运营设置）`}>
        <Input id="limit-qps" name="qps" type="number" min={1} max={qpsCeiling} defaultValue={qps} aria-invalid={!!fe.qps} />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">每日调用上限（北京时间 0 点重置，留空为不限）</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {caps.map((c) => (
            <Field key={c.api} label={c.label} htmlFor={`limit-${c.api}`} error={fe[FIELD[c.api]]} hint={`今日已调用 ${c.today} 次`}>
              <Input id={`limit-${c.api}`} name={FIELD[c.api]} type="number" min={1} defaultValue={c.cap ?? ""} placeholder="不限" aria-invalid={!!fe[FIELD[c.api]]} />
            </Field>
          ))}
        </div>
      </fieldset>
      <Field
        label="IP 白名单"
        htmlFor="limit-ip"
        error={fe.ipAllow}
        hint={`每行一个 IPv4/IPv6 地址或 CIDR 网段（如 203.0.113.5、10.0.0.0/8、2001:db8::/32），最多 ${maxEntries} 条；留空表示不限制来源。不在名单内的调用返回 4027。`}
      >
        <Textarea id="limit-ip" name="ipAllow" rows={4} defaultValue={ipAllow.join("\n")} className="font-mono" aria-invalid={!!fe.ipAllow} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "保存中…" : "保存调用限制"}
      </Button>
    </form>
  );
}
