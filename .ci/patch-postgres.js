#!/usr/bin/env node
// Runs after every npm install / npm ci (package.json "postinstall"). postgres.js 3.4.9 (the newest)
// can crash the whole process when the server goes away: a transaction whose connection closed
// sends its ROLLBACK on it, the write is deferred to setImmediate, and by then the socket is null
// (porsager/postgres#1208, #1154; the fix is proposed upstream in #1209). This applies that fix:
// a write on a closed connection fails its queries with CONNECTION_CLOSED instead of throwing from
// a timer, and a closed connection drops the bytes it had buffered for the dead socket.
// Idempotent; a release without these lines (fixed upstream) is left alone, with a note.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import process from "node:process";

const MARK = "/* otinish: closed-socket guard */";
const EDITS = [
  ["  function nextWrite(fn) {\n", `  function nextWrite(fn) {\n    if (!socket) ${MARK} return (chunk = nextWriteTimer = null, error(Errors.connection('CONNECTION_CLOSED', options)), false)\n`],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n", `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null ${MARK}\n    socket.removeListener('data', data)\n`],
];

for (const file of ["node_modules/postgres/src/connection.js", "node_modules/postgres/cjs/src/connection.js"]) {
  if (!existsSync(file)) continue;
  let source = readFileSync(file, "utf8");
  if (source.includes(MARK)) continue;
  if (!EDITS.every(([from]) => source.includes(from))) {
    process.stderr.write(`${file}: not the postgres.js this patch knows; left as it is\n`);
    continue;
  }
  for (const [from, to] of EDITS) source = source.replace(from, to);
  writeFileSync(file, source);
}
