import type { Walk } from "../shoot.js";
import { adminWalk } from "./admin.js";
import { citizenAnswerWalk, citizenWalk } from "./citizen.js";
import { executorAcceptedWalk, executorWalk } from "./executor.js";
import { headWalk } from "./head.js";
import { receptionWalk } from "./reception.js";
import { registrarAcceptsWalk, registrarWalk } from "./registrar.js";
import { reviewerWalk } from "./reviewer.js";
import { staffLanguageWalk } from "./staff-language.js";

/** The whole story, in the order the work happens: each walk finds what the ones before it left. */
export const STORY: Walk[] = [
  staffLanguageWalk,
  citizenWalk,
  registrarWalk,
  reviewerWalk,
  headWalk,
  receptionWalk,
  citizenAnswerWalk,
  executorWalk,
  registrarAcceptsWalk,
  executorAcceptedWalk,
  adminWalk,
];
