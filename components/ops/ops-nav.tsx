"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui";

/** The sections of 运营, as tabs above every /ops page (scrolls sideways on a phone). */
export function OpsNav({ items }: { items: { path: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label="运营导航" className="-mx-4 mb-5 overflow-x-auto border-b border-slate-200 px-4 md:mx-0 md:px-0">
      <ul className="flex gap-1">
        {items.map((it) => {
          const active = it.path === "/ops" ? path === "/ops" : path === it.path || path.startsWith(it.path + "/");
          return (
            <li key={it.path}>
              <Link
                href={it.path}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "-mb-px inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm",
                  active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
                )}
              >
                {it.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
