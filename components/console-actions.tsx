"use client";

import { createContext, useContext } from "react";
import type { ConsoleActions } from "@/lib/console/actions";

const Ctx = createContext<ConsoleActions | null>(null);

/** Given the console's server actions once (by app/console/layout.tsx), for every form below it. */
export function ConsoleActionsProvider({ actions, children }: { actions: ConsoleActions; children: React.ReactNode }) {
  return <Ctx.Provider value={actions}>{children}</Ctx.Provider>;
}

export function useConsoleActions(): ConsoleActions {
  const actions = useContext(Ctx);
  if (!actions) throw new Error("useConsoleActions outside the console layout");
  return actions;
}
