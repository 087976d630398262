// The doctor's code-hash rows without a chain (owner/diff/code.ts): the record's runtime code hash
// against the code at the address in use. End to end (a record pointing a module at another
// contract on a real node): test/owner/e2e-live.ts.
import assert from "node:assert/strict";

import { readFailed, readOk } from "../../owner/chain/batch.ts";
import { diffSystem } from "../../owner/diff.ts";
import { addr, desiredFrom, snapshotOf, validManifest, validRecord } from "./fixtures.ts";

const HASH = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

function withCodeHashes() {
  const record = validRecord();
  record.contracts = {
    StakeManager: { address: record.modules.StakeManager, runtimeCodeHash: HASH(1) },
    MandateTimelock: { address: record.governance.timelock, runtimeCodeHash: HASH(2) },
    OwnersSafe: { address: record.governance.ownersSafe.address, runtimeCodeHash: HASH(3) },
  };
  return record;
}

const codeRows = (rows: ReturnType<typeof diffSystem>) =>
  rows.filter((r) => r.property === "runtime code hash");

describe("owner:doctor code-hash check (pure)", () => {
  it("checks every contract the record hashes, and only those", () => {
    const desired = desiredFrom(validManifest(), withCodeHashes());
    const rows = codeRows(diffSystem(desired, snapshotOf(desired)));
    assert.deepEqual(
      rows.map((r) => [r.subject, r.status]),
      [
        ["MandateTimelock", "ok"],
        ["StakeManager", "ok"],
        ["Owners Safe", "ok"],
      ],
    );
  });

  it("is drift naming the contract, the record file and its JSON path when the code differs", () => {
    const desired = desiredFrom(validManifest(), withCodeHashes());
    const snapshot = snapshotOf(desired);
    snapshot.codeHashes[desired.modules[0].address] = readOk(HASH(9));
    snapshot.codeHashes[desired.timelock] = readFailed("connection reset");
    const rows = codeRows(diffSystem(desired, snapshot));
    const drift = rows.find((r) => r.subject === "StakeManager")!;
    assert.equal(drift.status, "drift");
    assert.equal(drift.actual, HASH(9));
    assert.match(
      drift.expected,
      /config\/deployments\/hardhat\.json: contracts\.StakeManager\.runtimeCodeHash/,
    );
    assert.match(
      drift.fix!,
      /\(config\/deployments\/hardhat\.json: modules\.StakeManager\) is not the StakeManager deploy:system recorded/,
    );
    assert.equal(rows.find((r) => r.subject === "MandateTimelock")!.status, "error");
  });

  it("does not hold a manifest's contract override to the record's hash", () => {
    const manifest = validManifest();
    manifest.contracts = { StakeManager: addr(0x5555) };
    const desired = desiredFrom(manifest, withCodeHashes());
    assert.deepEqual(
      codeRows(diffSystem(desired, snapshotOf(desired))).map((r) => r.subject),
      ["MandateTimelock", "Owners Safe"],
    );
  });
});
