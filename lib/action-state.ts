/** State returned by server actions to their forms (shared by app/ actions and components/ forms). */
export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: T }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const idle: ActionState = { status: "idle" };

/** A server action as a form receives it (useActionState's signature). */
export type FormAction<T = unknown> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
