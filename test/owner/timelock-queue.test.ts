// The timelock queue without a chain: calls decoded in manifest units and judged against the
// manifest, logs grouped into operations (scheduled, executed, cancelled, rescheduled), states,
// countdowns and the stale-Ready warning.
import assert from "node:assert/strict";

import { id, toBeHex, ZeroAddress, ZeroHash } from "ethers";

import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
} from "../../owner/chain/contracts.ts";
import { readOk } from "../../owner/chain/batch.ts";
import { decodeTimelockCall } from "../../owner/decode-queue.ts";
import {
  blockRanges,
  buildQueue,
  countdown,
  formatQueue,
  groupOperations,
  operationVerdict,
  type RawLog,
} from "../../owner/timelock-queue.ts";
import { addr, desiredFrom, snapshotOf } from "./fixtures.ts";

const desired = desiredFrom();
const stakeManager = desired.modules.find((m) => m.name === "StakeManager")!.address;
const setUnbonding = (seconds: bigint) => ({
  target: stakeManager,
  value: 0n,
  data: moduleInterface.encodeFunctionData("setParameter", [id("UNBONDING_PERIOD"), seconds]),
});
const call = (target: string, iface: typeof moduleInterface, fn: string, args: unknown[] = []) => ({
  target,
  value: 0n,
  data: iface.encodeFunctionData(fn, args),
});

/** A raw log of the timelock as eth_getLogs returns it. */
function log(event: string, args: unknown[], block: number, index: number, tx: string): RawLog {
  const fragment = timelockInterface.getEvent(event)!;
  const encoded = timelockInterface.encodeEventLog(fragment, args);
  return {
    address: desired.timelock,
    topics: encoded.topics,
    data: encoded.data,
    blockNumber: toBeHex(block),
    blockHash: id(`block ${block}`),
    transactionHash: tx,
    logIndex: toBeHex(index),
  };
}
const scheduled = (
  opId: string,
  i: number,
  c: { target: string; data: string },
  block: number,
  tx: string,
) => log("CallScheduled", [opId, i, c.target, 0n, c.data, ZeroHash, 3_600n], block, i, tx);

describe("timelock queue: decoding calls in manifest units", () => {
  it("shows a parameter change from the chain's value to the new one, and judges it", () => {
    const snapshot = snapshotOf(desired);
    snapshot.modules.StakeManager.parameters[id("UNBONDING_PERIOD")] = readOk(14n * 86_400n);
    const back = decodeTimelockCall(desired, setUnbonding(7n * 86_400n), snapshot);
    assert.equal(back.text, "StakeManager.setParameter UNBONDING_PERIOD 14d → 7d");
    assert.equal(back.verdict, "matches");
    const away = decodeTimelockCall(desired, setUnbonding(14n * 86_400n));
    assert.equal(away.text, "StakeManager.setParameter UNBONDING_PERIOD 14d");
    assert.equal(away.verdict, "undoes");
  });

  it("judges authority calls by the governance policy, and calls it cannot read as unmanaged", () => {
    const cases: [ReturnType<typeof call>, string, string][] = [
      [
        call(desired.systemPause, systemPauseInterface, "unpauseAll"),
        "SystemPause.unpauseAll",
        "matches",
      ],
      [
        call(desired.systemPause, systemPauseInterface, "pauseAll"),
        "SystemPause.pauseAll",
        "undoes",
      ],
      [
        call(desired.systemPause, systemPauseInterface, "removeGuardian", [
          desired.guardians[0].address,
        ]),
        "SystemPause.removeGuardian Guardian 0",
        "undoes",
      ],
      [
        call(desired.systemPause, systemPauseInterface, "addGuardian", [addr(0xbad)]),
        `SystemPause.addGuardian ${addr(0xbad)}`,
        "undoes",
      ],
      [
        call(desired.timelock, timelockInterface, "grantRole", [
          TIMELOCK_ROLES.PROPOSER_ROLE,
          addr(0xbad),
        ]),
        `MandateTimelock.grantRole PROPOSER_ROLE ${addr(0xbad)}`,
        "undoes",
      ],
      [
        call(desired.timelock, timelockInterface, "grantRole", [
          TIMELOCK_ROLES.EXECUTOR_ROLE,
          desired.ownersSafe.address,
        ]),
        "MandateTimelock.grantRole EXECUTOR_ROLE Owners Safe",
        "matches",
      ],
      [
        call(desired.timelock, timelockInterface, "updateDelay", [7_200n]),
        "MandateTimelock.updateDelay 2h",
        "undoes",
      ],
      [
        call(stakeManager, moduleInterface, "transferOwnership", [ZeroAddress]),
        "StakeManager.transferOwnership none (zero address)",
        "matches",
      ],
      [
        call(stakeManager, moduleInterface, "setPauser", [addr(0xbad)]),
        `StakeManager.setPauser ${addr(0xbad)}`,
        "undoes",
      ],
    ];
    for (const [c, text, verdict] of cases) {
      const decoded = decodeTimelockCall(desired, c);
      assert.deepEqual([decoded.text, decoded.verdict], [text, verdict], text);
    }
    const unknown = decodeTimelockCall(desired, {
      target: addr(0x5eed),
      value: 1n,
      data: "0xdeadbeef00",
    });
    assert.equal(unknown.verdict, "unmanaged");
    assert.match(unknown.text, /call 0xdeadbeef \(5 bytes, 1 wei\)/);
    assert.equal(
      operationVerdict([decodeTimelockCall(desired, setUnbonding(7n * 86_400n)), unknown]),
      "unmanaged",
    );
    assert.equal(
      operationVerdict([unknown, decodeTimelockCall(desired, setUnbonding(1n * 86_400n))]),
      "undoes",
    );
  });
});

describe("timelock queue: operations from logs", () => {
  const [A, B, C] = [id("op A"), id("op B"), id("op C")];
  const tx = (n: number) => toBeHex(n, 32);
  const logs = [
    // A: two calls, scheduled then executed.
    scheduled(A, 0, setUnbonding(7n * 86_400n), 10, tx(1)),
    scheduled(A, 1, call(desired.systemPause, systemPauseInterface, "unpauseAll"), 10, tx(1)),
    log("CallExecuted", [A, 0, stakeManager, 0n, "0x"], 20, 0, tx(2)),
    log("CallExecuted", [A, 1, desired.systemPause, 0n, "0x"], 20, 1, tx(2)),
    // B: scheduled, cancelled, scheduled again: one history entry and one pending.
    scheduled(B, 0, setUnbonding(14n * 86_400n), 11, tx(3)),
    log("Cancelled", [B], 12, 0, tx(4)),
    scheduled(B, 0, setUnbonding(14n * 86_400n), 13, tx(5)),
    // C: pending, and the logs arrive out of order.
    scheduled(C, 0, setUnbonding(7n * 86_400n), 9, tx(6)),
  ].reverse();

  it("groups calls by operation and scheduling, in chain order, with how each ended", () => {
    const ops = groupOperations(logs);
    assert.deepEqual(
      ops.map((o) => [o.id, o.calls.length, o.scheduledAt.block, o.closed?.how]),
      [
        [C, 1, 9, undefined],
        [A, 2, 10, "Done"],
        [B, 1, 11, "Cancelled"],
        [B, 1, 13, undefined],
      ],
    );
    assert.equal(groupOperations(logs.map((l) => ({ ...l, removed: true }))).length, 0);
  });

  it("splits pending from history, counts down, and warns about an operation Ready too long", () => {
    const ops = groupOperations(logs);
    const now = 1_000_000;
    const from = readOk(addr(0xf00));
    const details = ops.map((o) =>
      o.closed
        ? { from }
        : { from, readyAt: readOk(BigInt(o.id === C ? now - 8 * 86_400 : now + 3_600)) },
    );
    const queue = buildQueue(desired, undefined, ops, details, now, {
      staleAfterSeconds: 7 * 86_400,
    });
    assert.deepEqual(
      queue.pending.map((o) => [o.id, o.state, o.verdict]),
      [
        [C, "Ready", "matches"],
        [B, "Waiting", "undoes"],
      ],
    );
    assert.deepEqual(
      queue.history.map((o) => [o.id, o.state, o.closedAt?.block]),
      [
        [A, "Done", 20],
        [B, "Cancelled", 12],
      ],
    );
    assert.equal(countdown(queue.pending[1], now), "executable in 1h");
    assert.equal(countdown(queue.pending[0], now), "executable since 8d");
    assert.equal(queue.warnings.length, 1);
    assert.match(queue.warnings[0], new RegExp(`${C} has been Ready for 8d`));
    const text = formatQueue(queue).join("\n");
    assert.match(text, /Timelock queue: 2 pending operation\(s\)/);
    assert.match(text, /StakeManager\.setParameter UNBONDING_PERIOD 14d \(undoes\)/);
    assert.match(text, /History: 2 operation\(s\)/);
    // Not stale under a longer limit.
    assert.equal(
      buildQueue(desired, undefined, ops, details, now, { staleAfterSeconds: 9 * 86_400 }).warnings
        .length,
      0,
    );
  });

  it("cuts block ranges to the limit and refuses a range that is not a positive whole number", () => {
    assert.deepEqual(blockRanges(5, 9, 2), [
      [5, 6],
      [7, 8],
      [9, 9],
    ]);
    assert.deepEqual(blockRanges(5, 4, 2), []);
    assert.throws(() => blockRanges(0, 10, 0), /whole number of blocks >= 1/);
  });
});
