import Link from "next/link";
import type { ReactNode } from "react";

export interface Crumb {
  label: ReactNode;
  /** omitted on the last crumb: the page itself */
  href?: string;
}

/** The console's sections as breadcrumbs name them (the same words as the side navigation). */
export const SECTION = {
  apps: { label: "我的应用", href: "/console/apps" },
  orders: { label: "订单管理", href: "/console/orders" },
  account: { label: "账户", href: "/console/account" },
  billing: { label: "账户余额", href: "/console/billing" },
} as const satisfies Record<string, Crumb>;

/** One look for every page's breadcrumbs: links separated by “/”, the current page last and not a link. */
export function Breadcrumbs({ items, className = "mb-2" }: { items: Crumb[]; className?: string }) {
  return (
    <nav aria-label="面包屑" className={`${className} text-sm text-slate-500`}>
      <ol className="flex flex-wrap items-center gap-x-1.5">
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li key={i} className="flex items-center gap-x-1.5">
              {c.href && !last ? (
                <Link href={c.href} className="hover:text-brand-600">
                  {c.label}
                </Link>
              ) : (
                <span className="text-slate-700" aria-current={last ? "page" : undefined}>
                  {c.label}
                </span>
              )}
              {!last && <span aria-hidden>/</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
