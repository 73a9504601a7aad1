/** A typed outcome for domain functions: callers show `message` to a person. */
export type Ok<T> = { ok: true; value: T };
export type Err<C extends string = string> = { ok: false; code: C; message: string; field?: string };
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends string>(code: C, message: string, field?: string): Err<C> =>
  field ? { ok: false, code, message, field } : { ok: false, code, message };

/** Error thrown by domain code when the caller can only give up (maps to a JSON error). */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
