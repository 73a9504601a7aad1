"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-state";
import type { CreatedAccessKey } from "@/lib/console/actions";
import { useConsoleActions } from "./console-actions";
import { ConfirmAction } from "./confirm-action";
import { CopyButton } from "./copy-button";
import { Dialog, DialogFooter } from "./dialog";
import { Alert, Badge, Button, EmptyState, Field, Input, Table, Td } from "./ui";

export interface AccessKeyRow {
  id: string;
  ak: string;
  active: boolean;
  /** already formatted in Asia/Shanghai */
  createdAt: string;
  lastUsedAt: string | null;
}

type Created = ActionState<CreatedAccessKey>;

/** 账户 → AccessKey: the account's AK/SK pairs for the EOP signature (list, create with the SK shown once, disable, delete). */
export function AccessKeys({ keys, max }: { keys: AccessKeyRow[]; max: number }) {
  const [creating, setCreating] = useState(false);
  const actions = useConsoleActions();
  return (
    <div className="space-y-4 text-sm">
      <p className="leading-6 text-slate-600">
        AccessKey 用于天翼云 EOP 签名（请求头 Eop-Authorization），与应用的 AppKey 一起使用，对本账户的所有应用有效。SK 仅在创建时显示一次，请立即保存；每个账户最多 {max} 对。
      </p>
      {keys.length === 0 ? (
        <EmptyState title="还没有 AccessKey" description="使用 MD5 Sign 调用无需 AccessKey；从天翼云迁移 EOP 签名的脚本时再创建。" />
      ) : (
        <Table caption="AccessKey" head={["AK", "状态", "创建时间", "最近使用", "操作"]}>
          {keys.map((k) => (
            <tr key={k.id}>
              <Td>
                <span className="flex items-center gap-2">
                  <code className="font-mono text-xs" data-testid="access-key-ak">
                    {k.ak}
                  </code>
                  <CopyButton text={k.ak} label="复制 AK" />
                </span>
              </Td>
              <Td>{k.active ? <Badge tone="green">启用</Badge> : <Badge tone="slate">已停用</Badge>}</Td>
              <Td>{k.createdAt}</Td>
              <Td>{k.lastUsedAt ?? "从未使用"}</Td>
              <Td>
                <span className="flex gap-2">
                  {k.active ? (
                    <ConfirmAction
                      label="停用"
                      title="停用 AccessKey"
                      description={<p>停用后，用 AK {k.ak} 签名的请求将被拒绝（4023），可随时重新启用。</p>}
                      confirmLabel="确认停用"
                      action={actions.disableAccessKey}
                      fields={{ id: k.id }}
                    />
                  ) : (
                    <ConfirmAction
                      label="启用"
                      title="启用 AccessKey"
                      description={<p>启用后，AK {k.ak} 可再次签名请求。</p>}
                      confirmLabel="确认启用"
                      confirmVariant="primary"
                      action={actions.enableAccessKey}
                      fields={{ id: k.id }}
                    />
                  )}
                  <ConfirmAction
                    label="删除"
                    title="删除 AccessKey"
                    description={<p>删除后无法恢复，用 AK {k.ak} 签名的请求将被拒绝（4023）。请先确认没有服务仍在使用它。</p>}
                    confirmLabel="确认删除"
                    variant="ghost"
                    action={actions.deleteAccessKey}
                    fields={{ id: k.id }}
                  />
                </span>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <div>
        <Button type="button" onClick={() => setCreating(true)} disabled={keys.length >= max}>
          创建 AccessKey
        </Button>
        {keys.length >= max && <span className="ml-3 text-xs text-slate-500">已达上限 {max} 对，请先删除不再使用的一对。</span>}
      </div>
      <Dialog open={creating} onClose={() => setCreating(false)} title="创建 AccessKey">
        {creating && <CreateForm onClose={() => setCreating(false)} />}
      </Dialog>
    </div>
  );
}

function CreateForm({ onClose }: { onClose: () => void }) {
  const [state, action, pending] = useActionState(useConsoleActions().createAccessKey, { status: "idle" } as Created);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  if (state.status === "ok" && state.data) {
    const { ak, sk } = state.data;
    return (
      <div className="space-y-4 text-sm">
        <Alert tone="amber">SK 只显示这一次，关闭后无法再次查看。请立即复制并妥善保存。</Alert>
        <div className="grid gap-2 sm:grid-cols-[3rem_1fr] sm:items-center">
          <span className="text-slate-500">AK</span>
          <span className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs" data-testid="new-ak">
              {ak}
            </code>
            <CopyButton text={ak} label="复制 AK" />
          </span>
          <span className="text-slate-500">SK</span>
          <span className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-amber-50 px-2 py-1 font-mono text-xs" data-testid="new-sk">
              {sk}
            </code>
            <CopyButton text={sk} label="复制 SK" />
          </span>
        </div>
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            我已保存
          </Button>
        </DialogFooter>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">为保护您的账户，创建 AccessKey 前请再次输入登录密码。</p>
      {state.status === "error" && !fe.password && <Alert>{state.message}</Alert>}
      <Field label="登录密码" htmlFor="ak-password" required error={fe.password}>
        <Input id="ak-password" name="password" type="password" autoComplete="current-password" autoFocus aria-invalid={!!fe.password} />
      </Field>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onClose}>
          取消
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "创建中…" : "创建"}
        </Button>
      </DialogFooter>
    </form>
  );
}
