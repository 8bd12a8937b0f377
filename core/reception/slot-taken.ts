import { DomainError } from "../shared/errors.js";
import type { Slot } from "./slots.js";

/**
 * Someone else took the slot a moment ago: the database refused the second booking. The refusal
 * carries the next free slots, so the citizen can choose again at once.
 */
export class SlotTakenError extends DomainError {
  readonly alternatives: Slot[];

  constructor(alternatives: Slot[]) {
    super("reception_slot_taken");
    this.alternatives = alternatives;
    this.name = "SlotTakenError";
  }
}

export function isSlotTaken(error: unknown): error is SlotTakenError {
  return error instanceof SlotTakenError;
}
