import Link from "next/link";
import type { ReactNode } from "react";
import { signOut } from "@/auth";
import type { FormAction } from "@/lib/action-state";
import { AccountMenu, NotificationBell, type NotificationView } from "./console-menus";
import { ConsoleNav, type NavItem } from "./console-nav";
import { Logo } from "./site-header";

export interface ShellUser {
  email: string;
  name: string;
  role: "customer" | "operator";
  verified: boolean;
  /** 账户余额, formatted */
  balance: string;
}

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

/**
 * The console frame: top bar (帮助文档, 消息通知 with the unread count, the 账号 menu with
 * 账户余额, AccessKey, 实名认证 and 退出登录), side navigation, content.
 */
export function ConsoleShell({
  user,
  openAlerts = 0,
  notifications,
  children,
}: {
  user: ShellUser;
  openAlerts?: number;
  notifications: { items: NotificationView[]; unread: number; markAllRead: FormAction };
  children: ReactNode;
}) {
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
      <header className="sticky top-0 z-30 border-b border-slate-800 bg-slate-900 text-slate-200">
        <div className="flex h-14 items-center gap-2 px-3 sm:gap-4 sm:px-4">
          <Logo dark compact />
          <span aria-hidden className="hidden h-5 w-px bg-slate-700 sm:block" />
          <Link href="/console" className="hidden text-sm text-slate-300 hover:text-white sm:inline">
            控制台
          </Link>
          <div className="ml-auto flex items-center gap-1 text-sm sm:gap-2">
            <Link href="/docs" className="rounded-md px-2 py-1.5 text-slate-300 hover:bg-slate-800 hover:text-white" data-testid="help-docs">
              帮助文档
            </Link>
            {user.role === "operator" ? (
              <span className="hidden rounded bg-brand-500/20 px-2 py-0.5 text-xs text-brand-100 sm:inline">运营账号</span>
            ) : (
              !user.verified && (
              <Link href="/console/account#verify" className="hidden rounded bg-amber-400/15 px-2 py-0.5 text-xs text-amber-300 hover:bg-amber-400/25 sm:inline">
                未实名
              </Link>
              )
            )}
            <NotificationBell items={notifications.items} unread={notifications.unread} markAllRead={notifications.markAllRead} />
            <AccountMenu user={{ email: user.email, name: user.name, balance: user.balance, verified: user.verified, operator: user.role === "operator" }} signOut={signOutAction} />
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
