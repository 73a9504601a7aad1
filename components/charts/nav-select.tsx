"use client";

import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui";

/** A <select> that navigates to the option's URL (filters of the console pages). */
export function NavSelect({ label, value, options }: { label: string; value: string; options: { value: string; label: string; href: string }[] }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="shrink-0">{label}</span>
      <select
        aria-label={label}
        className={`${inputClass} w-auto min-w-32`}
        value={value}
        onChange={(e) => {
          const o = options.find((x) => x.value === e.target.value);
          if (o) router.push(o.href);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
