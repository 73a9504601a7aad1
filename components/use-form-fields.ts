"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Controlled text fields (so a refused submission keeps what was typed) that also keep what
 * was typed BEFORE the page hydrated. React does not replay those keystrokes: the DOM holds the
 * text while the state still says "", and the first re-render after hydration (typing in the
 * next field) would wipe the earlier field — a person typing fast on a slow page, or a test,
 * then submits an empty e-mail. On mount the state takes over whatever the DOM holds.
 * Each field needs name={key} and the form ref={ref}.
 */
export function useFormFields<K extends string>(initial: Record<K, string>) {
  const ref = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const first = useRef(initial);
  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    const typed: Partial<Record<K, string>> = {};
    for (const k of Object.keys(first.current) as K[]) {
      const el = form.elements.namedItem(k);
      if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value !== first.current[k]) typed[k] = el.value;
    }
    // the DOM is the outside system here: typing before hydration happened outside React
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Object.keys(typed).length > 0) setValues((v) => ({ ...v, ...typed }));
  }, []);
  const bind = (k: K) => ({
    value: values[k],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value })),
  });
  return { ref, values, setValues, bind };
}
