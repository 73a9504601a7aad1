"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { API_KINDS } from "@/db/schema";
import { authedAction, type ActionState } from "@/app/_server/session";
import { errorState } from "@/lib/console/errors";
import { createApp } from "@/lib/apps/create";
import { createAppSchema } from "@/lib/apps/schemas";
import { revealSecret, rotateSecret } from "@/lib/apps/secrets";
import { deleteApp, setAppDisabled } from "@/lib/apps/status";
import { claimFreeQuota } from "@/lib/quota/free";
import { shTime } from "@/lib/format";
import type { CreatedAppView } from "@/lib/console/actions";

const appId = z.string().min(1).max(64);
const password = z.string({ message: "请输入登录密码" }).min(1, "请输入登录密码").max(128);

export const createAppAction = authedAction(createAppSchema, async (input, { db, user }): Promise<ActionState<CreatedAppView>> => {
  const res = await createApp(db, user.id, input);
  if (!res.ok) return errorState(res);
  revalidatePath("/console/apps");
  const { app } = res.value;
  return { status: "ok", message: "应用已创建", data: { id: app.id, name: app.name, appKey: app.appKey } };
});

export const claimFreeAction = authedAction(
  z.object({ appId, api: z.enum(API_KINDS) }),
  async ({ appId, api }, { db, user }): Promise<ActionState> => {
    const res = await claimFreeQuota(db, user.id, appId, api);
    if (!res.ok) return { status: "error", message: res.message };
    revalidatePath(`/console/apps/${appId}`);
    return { status: "ok", message: `已领取 ${res.value.callsTotal} 次免费额度，有效期至 ${shTime(res.value.expiresAt)}` };
  },
);

export const revealSecretAction = authedAction(
  z.object({ appId, password }),
  async ({ appId, password }, { db, user }): Promise<ActionState<{ secret: string }>> => {
    const res = await revealSecret(db, user.id, appId, password);
    if (!res.ok) return errorState(res);
    return { status: "ok", data: res.value };
  },
);

export const rotateSecretAction = authedAction(
  z.object({ appId, password }),
  async ({ appId, password }, { db, user }): Promise<ActionState<{ secret: string; previousValidUntil: string }>> => {
    const res = await rotateSecret(db, user.id, appId, password);
    if (!res.ok) return errorState(res);
    revalidatePath(`/console/apps/${appId}`);
    return {
      status: "ok",
      message: `已生成新的 AppSecret，旧密钥在 ${shTime(res.value.previousValidUntil)} 前仍可使用`,
      data: { secret: res.value.secret, previousValidUntil: res.value.previousValidUntil.toISOString() },
    };
  },
);

export const setDisabledAction = authedAction(
  z.object({ appId, disabled: z.enum(["true", "false"]) }),
  async ({ appId, disabled }, { db, user }): Promise<ActionState> => {
    const res = await setAppDisabled(db, user.id, appId, disabled === "true");
    if (!res.ok) return { status: "error", message: res.message };
    revalidatePath(`/console/apps/${appId}`);
    revalidatePath("/console/apps");
    return { status: "ok", message: disabled === "true" ? "应用已停用，其接口调用将被拒绝" : "应用已启用" };
  },
);

export const deleteAppAction = authedAction(z.object({ appId }), async ({ appId }, { db, user }): Promise<ActionState> => {
  const res = await deleteApp(db, user.id, appId);
  if (!res.ok) return { status: "error", message: res.message };
  revalidatePath("/console/apps");
  redirect("/console/apps?deleted=1");
});
