import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db";
import { Alert, ButtonLink } from "@/components/ui";
import { verifyEmail } from "@/lib/accounts/email-verify";

export const metadata: Metadata = { title: "验证邮箱" };

/** The link from the verification mail: verifies on open (the token is single-purpose and signed). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  await connection();
  const { token } = await searchParams;
  const res = token ? await verifyEmail(await getDb(), token) : null;
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold text-slate-900">验证邮箱</h1>
      {!res ? (
        <Alert>验证链接不完整，请从邮件中完整复制链接，或在控制台重新发送验证邮件。</Alert>
      ) : res.ok ? (
        <Alert tone="green">{res.value.alreadyVerified ? `邮箱 ${res.value.email} 已验证，无需重复验证。` : `邮箱验证成功：${res.value.email}`}</Alert>
      ) : (
        <Alert>{res.message}</Alert>
      )}
      <ButtonLink href="/console" className="mt-5 w-full">
        进入控制台
      </ButtonLink>
    </>
  );
}
