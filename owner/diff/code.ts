// The diff of the code itself: the deployment record holds the keccak256 of each contract's runtime
// code, and the code at the address in use must still hash to it. A record edited to point a module
// at another contract, or a contract replaced at its address, is drift naming the contract, the
// record file and the JSON path of the hash.
import type { DiffContext } from "./context.ts";

export function codeRows(ctx: DiffContext): void {
  const { desired, snapshot, rows } = ctx;
  for (const c of desired.code) {
    if (c.runtimeCodeHash === undefined) continue;
    const read = snapshot.codeHashes[c.address];
    const base = { subject: c.label, address: c.address, property: "runtime code hash" };
    const expected = `${c.runtimeCodeHash.hash} (${c.runtimeCodeHash.source})`;
    if (read === undefined || !read.ok) {
      rows.push({
        ...base,
        expected,
        actual: "unreadable",
        status: "error",
        fix: `could not read the code at ${c.address}: ${read?.ok === false ? read.error : "not asked"}`,
      });
      continue;
    }
    const ok = read.value.toLowerCase() === c.runtimeCodeHash.hash.toLowerCase();
    rows.push({
      ...base,
      expected,
      actual: read.value,
      status: ok ? "ok" : "drift",
      ...(ok
        ? {}
        : {
            fix: `the code at ${c.address} (${c.source}) is not the ${c.label} deploy:system recorded (${c.runtimeCodeHash.source}): the address points at another contract, or the code there was replaced. Correct the address in the record, or find out what replaced the contract`,
          }),
    });
  }
}
