import type { Metadata } from "next";
import Link from "next/link";
import { ResetForm } from "@/components/password-reset-forms";
import { Alert } from "@/components/ui";
import { resetAction } from "../reset-actions";

export const metadata: Metadata = { title: "重置密码" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold text-slate-900">重置密码</h1>
      {token ? (
        <ResetForm action={resetAction} token={token} />
      ) : (
        <Alert>
          重置链接不完整，请从邮件中完整复制链接，或<Link href="/forgot-password" className="ml-1 underline">重新申请</Link>。
        </Alert>
      )}
    </>
  );
}
