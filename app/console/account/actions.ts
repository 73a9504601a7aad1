"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { errorState, refuse } from "@/lib/console/errors";
import { signIn } from "@/auth";
import { authedAction, type ActionState } from "@/app/_server/session";
import { requestAddress } from "@/app/_server/client-address";
import { publicOrigin } from "@/app/(site)/_lib/origin";
import { sendVerificationMail } from "@/lib/accounts/email-verify";
import { admitPhotoRead, readIdcardPhoto } from "@/lib/accounts/idcard-photo";
import { profileSchema, updateProfile } from "@/lib/accounts/profile";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { changePassword } from "@/lib/accounts/users";
import { verifyRealName, verifySchema } from "@/lib/accounts/verify";

export const updateProfileAction = authedAction(profileSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await updateProfile(db, user.id, input);
  if (!res.ok) return { status: "error", message: res.message };
  revalidatePath("/console", "layout");
  return { status: "ok", message: "资料已保存" };
});

export const changePasswordAction = authedAction(changePasswordSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await changePassword(db, user.id, input.current, input.next);
  if (!res.ok) return errorState(res);
  // every session signed in before the change has ended (users.session_version); this one signs in again
  try {
    await signIn("credentials", { email: user.email, password: input.next, redirect: false });
  } catch {
    return { status: "ok", message: "密码已修改，其他设备上的登录已失效，请使用新密码重新登录" };
  }
  return { status: "ok", message: "密码已修改，其他设备上的登录已失效" };
});

export const verifyAction = authedAction(verifySchema, async (input, { db, user }): Promise<ActionState> => {
  if (user.verifiedAt) return refuse("already_verified");
  const res = await verifyRealName(db, user.id, input);
  if (!res.ok) return errorState(res);
  revalidatePath("/console", "layout");
  return { status: "ok", message: `实名认证成功：${res.value.realName}（${res.value.idNumberMasked}）` };
});

/** The photo comes downscaled by the browser (JPEG, well under the action body limit). */
export const readIdcardPhotoAction = authedAction(
  z.object({ photo: z.instanceof(File, { message: "请选择身份证人像面照片" }) }),
  async ({ photo }, { db, user }): Promise<ActionState<{ realName: string; idNumber: string; idNumberOk: boolean }>> => {
    const admitted = await admitPhotoRead(db, user.id, await requestAddress());
    if (!admitted.ok) return { status: "error", message: admitted.message };
    const { getEngine } = await import("@/lib/engine"); // loaded only when someone uploads a photo
    const res = await readIdcardPhoto(getEngine(), Buffer.from(await photo.arrayBuffer()));
    if (!res.ok) return { status: "error", message: res.message };
    return { status: "ok", data: res.value };
  },
);

/** 邮箱未验证 → 重新发送: mails a fresh verification link (at most RESEND_LIMIT an hour). */
export const resendVerificationAction = authedAction(z.object({}), async (_input, { db, user }): Promise<ActionState> => {
  const res = await sendVerificationMail(db, user.id, await publicOrigin());
  if (!res.ok) return { status: "error", message: res.message };
  return { status: "ok", message: `验证邮件已发送至 ${res.value.email}，请在 24 小时内点击邮件中的链接。` };
});
