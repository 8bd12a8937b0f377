import { randomUUID } from "node:crypto";
import type { ButtonFamily, Field } from "../../bot/buttons/codec.js";

/** A value of each field as a forger would write it: the given id wherever an id goes. */
function sample(f: Field<unknown>, id: number): string[] {
  switch (f.kind) {
    case "choice":
      return [...f.values!];
    case "date":
      return ["20260302"];
    case "flag":
      return ["1"];
    case "token":
      return [randomUUID()];
    case "page":
      return ["0"];
    case "version":
      return ["1"];
    default:
      return [String(id)];
  }
}

/** Every action of a family, each choice of each field once, the rest filled with `id`. */
export function pressesOfFamily(family: ButtonFamily, id: number): string[] {
  return [...family.actions.values()].flatMap((action) => {
    const fields = Object.values(action.fields) as Field<unknown>[];
    const first = fields.map((f) => sample(f, id)[0]!);
    const variants = fields.flatMap((f, i) => sample(f, id).slice(1).map((v) => first.map((x, j) => (j === i ? v : x))));
    return [first, ...variants].map((values) => [action.id, ...values].join(":"));
  });
}
