"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, type ActionState } from "@/app/_server/session";
import { errorState } from "@/lib/console/errors";
import { createAccessKey, deleteAccessKey, disableAccessKey, enableAccessKey } from "@/lib/accounts/access-keys";

const idSchema = z.object({ id: z.string().min(1, "缺少 AccessKey") });

export const createAccessKeyAction = authedAction(
  z.object({ password: z.string().min(1, "请输入登录密码") }),
  async ({ password }, { db, user }): Promise<ActionState<{ ak: string; sk: string }>> => {
    const res = await createAccessKey(db, user.id, { password });
    if (!res.ok) return errorState(res);
    revalidatePath("/console/account");
    return { status: "ok", message: "AccessKey 已创建", data: { ak: res.value.ak, sk: res.value.sk } };
  },
);

const change = (fn: typeof deleteAccessKey, message: string) =>
  authedAction(idSchema, async ({ id }, { db, user }): Promise<ActionState> => {
    const res = await fn(db, user.id, id);
    if (!res.ok) return { status: "error", message: res.message };
    revalidatePath("/console/account");
    return { status: "ok", message };
  });

export const disableAccessKeyAction = change(disableAccessKey, "AccessKey 已停用");
export const enableAccessKeyAction = change(enableAccessKey, "AccessKey 已启用");
export const deleteAccessKeyAction = change(deleteAccessKey, "AccessKey 已删除");
