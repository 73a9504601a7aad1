"use client";

import { usePathname, useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import type { CreatedAppView } from "@/lib/console/actions";
import { useConsoleActions } from "./console-actions";
import type { ActionState } from "@/lib/action-state";
import { Dialog, DialogFooter } from "./dialog";
import { Alert, Button, ButtonLink, Field, Input, Textarea } from "./ui";

const initial: ActionState<CreatedAppView> = { status: "idle" };

/** 新的应用 → 新建应用 dialog (应用名称, 应用概述) → 确定 → the created app and 下一步. */
export function NewAppButton({ initialOpen = false }: { initialOpen?: boolean }) {
  const [open, setOpen] = useState(initialOpen);
  const [round, setRound] = useState(0);
  const router = useRouter();
  const pathname = usePathname();
  const close = () => {
    setOpen(false);
    setRound((r) => r + 1);
    if (initialOpen) router.replace(pathname);
  };
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        新的应用
      </Button>
      <Dialog open={open} onClose={close} title="新建应用">
        <NewAppForm key={round} onCancel={close} />
      </Dialog>
    </>
  );
}

function NewAppForm({ onCancel }: { onCancel: () => void }) {
  const [state, action, pending] = useActionState(useConsoleActions().createApp, initial);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const nameLen = [...name.trim()].length;

  if (state.status === "ok" && state.data) {
    const app = state.data;
    return (
      <div className="space-y-4">
        <Alert tone="green">应用“{app.name}”已创建。下一步：在“我的能力”中领取免费额度或购买资源包。</Alert>
        <dl className="grid grid-cols-[5rem_1fr] gap-x-3 gap-y-2 text-sm">
          <dt className="text-slate-500">应用名称</dt>
          <dd className="font-medium text-slate-900">{app.name}</dd>
          <dt className="text-slate-500">AppKey</dt>
          <dd className="break-all font-mono text-xs leading-5">{app.appKey}</dd>
        </dl>
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onCancel}>
            关闭
          </Button>
          <ButtonLink href={`/console/apps/${app.id}`}>下一步</ButtonLink>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-4" noValidate>
      {state.status === "error" && !fe.name && !fe.description && <Alert>{state.message}</Alert>}
      <Field label="应用名称" htmlFor="app-name" required error={fe.name} hint={`长度为 4-15 个字符，同一账户内不能重名（已输入 ${nameLen} 个）`}>
        <Input
          id="app-name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="如：通用OCR场景应用"
          autoFocus
          aria-invalid={!!fe.name}
          aria-describedby={fe.name ? "app-name-error" : undefined}
        />
      </Field>
      <Field label="应用概述" htmlFor="app-description" error={fe.description} hint={`选填，最多 200 个字符（已输入 ${[...description.trim()].length} 个）`}>
        <Textarea
          id="app-description"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={3}
          placeholder="这个应用用在什么业务场景"
          aria-invalid={!!fe.description}
        />
      </Field>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          取消
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "创建中…" : "确定"}
        </Button>
      </DialogFooter>
    </form>
  );
}
