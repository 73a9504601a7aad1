"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./ui";

export interface NavItem {
  href: string;
  label: string;
  badge?: number;
}

/** Side navigation of the console; the current section is marked for screen readers too. */
export function ConsoleNav({ items }: { items: NavItem[] }) {
  const path = usePathname();
  return (
    <nav aria-label="控制台导航" className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {items.map((it) => {
        const active = it.href === "/console" ? path === "/console" : path === it.href || path.startsWith(it.href + "/");
        return (
          <Link
            key={it.href}
            href={it.href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "flex items-center justify-between gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm",
              active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <span>{it.label}</span>
            {it.badge ? (
              <span className="rounded-full bg-red-500 px-1.5 text-xs font-medium text-white" aria-label={`${it.badge} 条未处理`}>
                {it.badge}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
