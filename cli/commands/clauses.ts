import { fileURLToPath } from "node:url";
import { findCitations } from "../../core/legal/citations.js";
import type { CliCommand } from "../command.js";

/** The sources, or dist/ when the CLI runs from the build: two folders above this file either way. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Which clause of the Regulation and of the law is implemented where: for a lawyer checking the code against its sources. */
export const explainCommand: CliCommand = {
  name: "explain",
  usage: "explain [CLAUSE]",
  summary: "the Regulation's clauses and the Code's articles the code implements, and where (e.g. explain Reg. 7.1.5)",
  async run(args, io) {
    const wanted = args.join(" ").trim();
    const citations = findCitations(ROOT).filter((c) => !wanted || c.clause === wanted || c.clause.startsWith(`${wanted}.`) || c.clause.startsWith(`${wanted}(`));
    if (citations.length === 0) {
      io.err(wanted ? `explain: no code cites ${wanted}` : "explain: no citations found");
      return 1;
    }
    let last = "";
    for (const c of citations) {
      if (c.clause !== last) io.out(c.clause);
      last = c.clause;
      io.out(`  ${c.file}:${c.line}`);
    }
    return 0;
  },
};
