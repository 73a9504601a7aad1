import Link from "next/link";
import type { ReactNode } from "react";
import { signOut } from "@/auth";
import { ConsoleNav, type NavItem } from "./console-nav";
import { Logo } from "./site-header";

export interface ShellUser {
  email: string;
  name: string;
  role: "customer" | "operator";
  verified: boolean;
}

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

/** The console frame: top bar with the account and 退出登录, side navigation, content. */
export function ConsoleShell({ user, openAlerts = 0, children }: { user: ShellUser; openAlerts?: number; children: ReactNode }) {
  const items: NavItem[] = [
    { href: "/console", label: "控制台概览" },
    { href: "/console/apps", label: "我的应用" },
    { href: "/console/monitor", label: "应用监控" },
    { href: "/console/alerts", label: "应用告警", badge: openAlerts },
    { href: "/console/playground", label: "在线调试" },
    { href: "/console/orders", label: "订单管理" },
    { href: "/console/billing", label: "账户余额" },
    { href: "/console/account", label: "账户" },
  ];
  if (user.role === "operator") items.push({ href: "/ops", label: "运营" });
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="flex h-14 items-center gap-4 px-4">
          <Logo />
          <span className="hidden text-sm text-slate-400 sm:inline">控制台</span>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/docs" className="hidden text-slate-600 hover:text-brand-600 sm:inline">
              文档
            </Link>
            <span className="hidden text-slate-600 sm:inline" data-testid="account-email">
              {user.email}
            </span>
            {user.role === "operator" ? (
              <span className="hidden rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700 sm:inline">运营账号</span>
            ) : user.verified ? (
              <span className="hidden rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-700 sm:inline">已实名</span>
            ) : (
              <Link href="/console/account#verify" className="hidden rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800 sm:inline">
                未实名
              </Link>
            )}
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                退出登录
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-[1400px] flex-col md:flex-row">
        <aside className="border-b border-slate-200 bg-white p-3 md:sticky md:top-14 md:h-[calc(100vh-3.5rem)] md:w-52 md:shrink-0 md:border-b-0 md:border-r">
          <ConsoleNav items={items} />
        </aside>
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
