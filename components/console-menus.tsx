"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { FormAction } from "@/lib/action-state";
import { cx } from "./ui";

/**
 * A button that opens a panel below it (the disclosure pattern): Enter/Space opens it and
 * moves focus to its first link or button, ↑/↓ move between them, Escape closes it and gives
 * focus back to the button, a click outside or Tab past the end closes it.
 */
function Popover({
  label,
  button,
  buttonClass,
  panelClass,
  children,
  testId,
}: {
  label: string;
  button: ReactNode;
  buttonClass?: string;
  panelClass?: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const items = () => Array.from(panel.current?.querySelectorAll<HTMLElement>("a[href], button:not([disabled])") ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onFocus = (e: FocusEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  const dismiss = () => setOpen(false);
  const closeAndRefocus = () => {
    setOpen(false);
    btn.current?.focus();
  };

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape" && open) {
      e.preventDefault();
      closeAndRefocus();
      return;
    }
    if (!open || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const next = e.key === "ArrowDown" ? (at + 1) % list.length : (at - 1 + list.length) % list.length;
    list[next]?.focus();
  }

  return (
    <div ref={root} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={btn}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={id}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        className={cx("flex items-center gap-1.5 rounded-md px-2 py-1.5 text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-brand-500 aria-expanded:bg-slate-800 aria-expanded:text-white", buttonClass)}
      >
        {button}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="region"
          aria-label={label}
          className={cx("fixed inset-x-2 top-14 z-40 rounded-lg border border-slate-200 bg-white text-sm shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:top-full sm:mt-2", panelClass)}
        >
          {children(dismiss)}
        </div>
      )}
    </div>
  );
}

export interface AccountSummary {
  email: string;
  name: string;
  balance: string;
  verified: boolean;
  /** operators are shown as 运营账号, never 未实名 */
  operator?: boolean;
}

/** 账号 menu at the top right of the console, as the manual's 控制台 shows it. */
export function AccountMenu({ user, signOut }: { user: AccountSummary; signOut: () => Promise<void> }) {
  const initial = [...(user.name || user.email)][0]?.toUpperCase() ?? "?";
  const link = "flex items-center justify-between px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none";
  return (
    <Popover
      label="账号菜单"
      testId="account-menu"
      button={
        <>
          <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
            {initial}
          </span>
          <span className="hidden max-w-48 truncate sm:inline" data-testid="account-email">
            {user.email}
          </span>
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-slate-400">
            <path d="M5 7l5 6 5-6" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </>
      }
      panelClass="py-2 sm:w-72"
    >
      {(close) => (
        <>
          <div className="border-b border-slate-100 px-4 pb-3 pt-1">
            <p className="truncate font-medium text-slate-900">
              {user.email}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">{user.name}</p>
          </div>
          <Link href="/console/billing" onClick={close} className={link}>
            <span>账户余额</span>
            <span className="font-medium text-slate-900">{user.balance}</span>
          </Link>
          <Link href="/console/account#access-keys" onClick={close} className={link}>
            AccessKey 管理
          </Link>
          <Link href="/console/account#verify" onClick={close} className={link}>
            <span>实名认证</span>
            {user.operator ? (
              <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">运营账号</span>
            ) : user.verified ? (
              <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-700">已实名</span>
            ) : (
              <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">未实名</span>
            )}
          </Link>
          <Link href="/console/orders" onClick={close} className={link}>
            订单管理
          </Link>
          <div className="mt-1 border-t border-slate-100 pt-1">
            <form action={signOut}>
              <button type="submit" className={cx(link, "w-full text-left")}>
                退出登录
              </button>
            </form>
          </div>
        </>
      )}
    </Popover>
  );
}

export interface NotificationView {
  id: string;
  appName: string;
  level: "info" | "warning" | "critical";
  levelLabel: string;
  message: string;
  time: string;
  read: boolean;
}

const LEVEL_DOT = { info: "bg-sky-500", warning: "bg-amber-500", critical: "bg-red-600" } as const;

/** 消息通知: the bell with the unread count and the latest alerts; 全部已读 marks them read. */
export function NotificationBell({ items, unread, markAllRead }: { items: NotificationView[]; unread: number; markAllRead: FormAction }) {
  const [, action, pending] = useActionState(markAllRead, { status: "idle" });
  return (
    <Popover
      label={unread > 0 ? `消息通知，${unread} 条未读` : "消息通知"}
      testId="notification-bell"
      buttonClass="relative"
      button={
        <>
          <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5">
            <path d="M6 16V11a6 6 0 1112 0v5l1.5 2h-15L6 16zM10 20a2 2 0 004 0" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinejoin="round" />
          </svg>
          {unread > 0 && (
            <span data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-[18px] rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-[18px] text-white">
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </>
      }
      panelClass="sm:w-[22rem]"
    >
      {(close) => (
        <>
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
            <span className="font-medium text-slate-900">消息通知</span>
            <form action={action}>
              <button
                type="submit"
                disabled={pending || unread === 0}
                className="rounded px-1 text-xs text-brand-600 hover:underline disabled:text-slate-400 disabled:no-underline"
              >
                {pending ? "处理中…" : "全部标为已读"}
              </button>
            </form>
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-8 text-center text-slate-500">暂无告警通知</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" aria-label="最近的告警">
              {items.map((n) => (
                <li key={n.id} data-testid="notification" data-read={n.read} className={cx("px-4 py-3", !n.read && "bg-brand-50/40")}>
                  <div className="flex items-center gap-2 text-xs text-slate-500">
                    <span aria-hidden className={cx("h-2 w-2 rounded-full", LEVEL_DOT[n.level])} />
                    <span>{n.levelLabel}</span>
                    <span aria-hidden>·</span>
                    <span className="truncate">{n.appName}</span>
                    {!n.read && <span className="ml-auto rounded bg-red-50 px-1 text-[11px] text-red-700">未读</span>}
                  </div>
                  <p className="mt-1 leading-5 text-slate-800">{n.message}</p>
                  <p className="mt-0.5 text-xs text-slate-400">{n.time}</p>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-4 py-2.5 text-right">
            <Link href="/console/alerts" onClick={close} className="text-xs text-brand-600 hover:underline">
              查看全部告警
            </Link>
          </div>
        </>
      )}
    </Popover>
  );
}
