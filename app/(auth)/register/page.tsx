import type { Metadata } from "next";
import { AuthForm } from "@/components/auth-form";
import { registerAction } from "../actions";

export const metadata: Metadata = { title: "注册" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold text-slate-900">注册账号</h1>
      <AuthForm mode="register" action={registerAction} next={next} />
    </>
  );
}
