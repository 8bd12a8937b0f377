/**
 * A rule of the domain said no. `code` names a locale key under `errors.` so every
 * interface shows the same, translated reason; `params` fill its placeholders.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, params: Record<string, string | number> = {}) {
    super(code);
    this.name = "DomainError";
    this.code = code;
    this.params = params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
