import type { Metadata } from "next";
import { AuthForm } from "@/components/auth-form";
import { loginAction } from "../actions";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold text-slate-900">登录</h1>
      <AuthForm mode="login" action={loginAction} next={next} />
    </>
  );
}
