import type { Metadata } from "next";
import { ForgotForm } from "@/components/password-reset-forms";
import { forgotAction } from "../reset-actions";

export const metadata: Metadata = { title: "忘记密码" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold text-slate-900">忘记密码</h1>
      <p className="mb-5 text-sm text-slate-500">输入注册邮箱，我们会发送一封包含重置链接的邮件。</p>
      <ForgotForm action={forgotAction} />
    </>
  );
}
