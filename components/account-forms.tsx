"use client";

import { useActionState, useState, type ChangeEvent } from "react";
import { useConsoleActions } from "./console-actions";
import type { ActionState } from "@/lib/action-state";
import { useFormFields } from "./use-form-fields";
import { Alert, Button, Field, Input } from "./ui";

const idle = { status: "idle" } as ActionState;

function Status({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) return <Alert tone="green">{state.message}</Alert>;
  if (state.status === "error" && !state.fieldErrors) return <Alert>{state.message}</Alert>;
  return null;
}

export function ProfileForm({ email, name: name0, phone: phone0 }: { email: string; name: string; phone: string }) {
  const [state, action, pending] = useActionState(useConsoleActions().updateProfile, idle);
  const [name, setName] = useState(name0);
  const [phone, setPhone] = useState(phone0);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <Status state={state} />
      <Field label="登录邮箱" htmlFor="profile-email" hint="登录邮箱不可修改">
        <Input id="profile-email" value={email} readOnly disabled />
      </Field>
      <Field label="名称" htmlFor="profile-name" required error={fe.name}>
        <Input id="profile-name" name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="nickname" aria-invalid={!!fe.name} />
      </Field>
      <Field label="手机号码" htmlFor="profile-phone" error={fe.phone} hint="选填，用于接收告警通知">
        <Input id="profile-phone" name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoComplete="tel" aria-invalid={!!fe.phone} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "保存中…" : "保存资料"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const { changePassword } = useConsoleActions();
  const [pw, setPw] = useState({ current: "", next: "", confirm: "" });
  const [state, action, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const res = await changePassword(prev, form);
    if (res.status === "ok") setPw({ current: "", next: "", confirm: "" });
    return res;
  }, idle);
  const bind = (k: keyof typeof pw) => ({ value: pw[k], onChange: (e: ChangeEvent<HTMLInputElement>) => setPw({ ...pw, [k]: e.target.value }) });
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <Status state={state} />
      <Field label="当前密码" htmlFor="pw-current" required error={fe.current}>
        <Input id="pw-current" name="current" type="password" {...bind("current")} autoComplete="current-password" aria-invalid={!!fe.current} />
      </Field>
      <Field label="新密码" htmlFor="pw-next" required error={fe.next} hint="至少 8 位">
        <Input id="pw-next" name="next" type="password" {...bind("next")} autoComplete="new-password" aria-invalid={!!fe.next} />
      </Field>
      <Field label="确认新密码" htmlFor="pw-confirm" required error={fe.confirm}>
        <Input id="pw-confirm" name="confirm" type="password" {...bind("confirm")} autoComplete="new-password" aria-invalid={!!fe.confirm} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "提交中…" : "修改密码"}
      </Button>
    </form>
  );
}

/** Shrinks a photo in the browser to a JPEG of at most 1600 px, so the upload stays small. */
async function downscale(file: File): Promise<File> {
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bmp.width * scale);
    canvas.height = Math.round(bmp.height * scale);
    canvas.getContext("2d")!.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/jpeg", 0.92));
    return blob ? new File([blob], "idcard.jpg", { type: "image/jpeg" }) : file;
  } catch {
    return file;
  }
}

type PhotoState = ActionState<{ realName: string; idNumber: string; idNumberOk: boolean }>;

export function VerifyForm({ testIdNumber }: { testIdNumber?: string }) {
  const [state, action, pending] = useActionState(useConsoleActions().verify, idle);
  const { ref, setValues, bind } = useFormFields({ realName: "", idNumber: "" });
  const { readIdcardPhoto } = useConsoleActions();
  const [photo, setPhoto] = useState<PhotoState>({ status: "idle" });
  const [reading, setReading] = useState(false);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    setReading(true);
    const form = new FormData();
    form.set("photo", await downscale(file));
    const res = await readIdcardPhoto({ status: "idle" }, form);
    setPhoto(res);
    if (res.status === "ok" && res.data) {
      setValues({ realName: res.data.realName, idNumber: res.data.idNumber });
    }
    setReading(false);
  }

  return (
    <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
      <form ref={ref} action={action} className="space-y-4" noValidate>
        <p className="text-sm leading-6 text-slate-600">
          领取免费额度、购买资源包与支付订单前需完成实名认证。我们只保存姓名、打码后的身份证号（如 110***********1234）和用于防止重复认证的摘要，不保存完整号码。
        </p>
        <Status state={state} />
        <Field label="真实姓名" htmlFor="verify-name" required error={fe.realName}>
          <Input id="verify-name" name="realName" {...bind("realName")} autoComplete="name" aria-invalid={!!fe.realName} />
        </Field>
        <Field
          label="身份证号"
          htmlFor="verify-idn"
          required
          error={fe.idNumber}
          hint={
            testIdNumber ? (
              <>
                18 位居民身份证号码，末位可能是 X。演示环境可使用测试号码 <span className="font-mono" data-testid="test-id-number">{testIdNumber}</span>（尚未被其他账户使用）
              </>
            ) : (
              "18 位居民身份证号码，末位可能是 X"
            )
          }
        >
          <Input
            id="verify-idn"
            name="idNumber"
            {...bind("idNumber")}
            maxLength={18}
            autoComplete="off"
            className="font-mono"
            aria-invalid={!!fe.idNumber}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "提交中…" : "提交实名认证"}
        </Button>
      </form>
      <div className="space-y-3 rounded-md border border-dashed border-slate-300 bg-slate-50 p-4 text-sm">
        <p className="font-medium text-slate-700">上传身份证照片自动填写</p>
        <p className="text-xs leading-5 text-slate-500">由本产品的身份证识别读取人像面的姓名与号码，填入左侧表单供您核对；照片不会保存。</p>
        <label htmlFor="verify-photo" className="block text-sm text-slate-700">
          身份证人像面照片
        </label>
        <input
          id="verify-photo"
          type="file"
          accept="image/png,image/jpeg,image/bmp"
          disabled={reading}
          onChange={(e) => onPhoto(e.target.files?.[0])}
          className="block w-full text-xs text-slate-600 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:text-slate-700"
        />
        {reading && <p role="status" className="text-xs text-slate-500">识别中…</p>}
        {photo.status === "error" && <Alert>{photo.message}</Alert>}
        {photo.status === "ok" && photo.data && (
          <Alert tone={photo.data.idNumberOk ? "green" : "amber"}>
            {photo.data.idNumberOk ? "已识别并填入，请核对后提交。" : "已填入识别结果，但身份证号校验未通过，请核对修改。"}
          </Alert>
        )}
      </div>
    </div>
  );
}
