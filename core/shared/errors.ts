/**
 * A rule of the domain said no. `code` names a locale key under `errors.` so every
 * interface shows the same, translated reason; `params` fill its placeholders.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
