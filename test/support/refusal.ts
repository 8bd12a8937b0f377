import { isDomainError, type DomainError } from "../../core/shared/errors.js";

/** The domain's refusal of an operation; fails the test if it was accepted or failed otherwise. */
export async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error("was accepted");
}

/** Just the refusal's code, which names the message the person sees. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  return (await refusalOf(promise)).code;
}
