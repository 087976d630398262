// owner:watch's core without a node: alerts derived from logs and from diff rows, the store's
// commit and crash recovery, and the loop over a scripted chain (each block once and in order,
// one round trip per quiet tick, catch-up cost set by the range, RPC errors, reorgs, restarts).
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { id, Interface, toBeHex, ZeroHash } from "ethers";

import { moduleInterface, timelockInterface, TIMELOCK_ROLES } from "../../owner/chain/contracts.ts";
import type { RpcRequest, RpcResult, RpcTransport } from "../../owner/chain/transport.ts";
import type { DriftRow } from "../../owner/diff.ts";
import { OwnerError } from "../../owner/errors.ts";
import type { RawLog } from "../../owner/timelock-queue.ts";
import { deriveAlerts, driftAlerts, type Alert } from "../../owner/watch/alerts.ts";
import { runWatch } from "../../owner/watch/loop.ts";
import { WatchStore } from "../../owner/watch/store.ts";
import { addr, desiredFrom } from "./fixtures.ts";

const desired = desiredFrom();
const stakeManager = desired.modules[0].address;
const events = new Interface([
  "event SystemPaused(address indexed caller, uint256 modulesPaused)",
  "event Paused(address account)",
  "event AddedOwner(address indexed owner)",
  "event ParameterUpdated(bytes32 indexed key, uint256 previousValue, uint256 newValue)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  ...["RoleGranted", "CallScheduled"].map((n) => timelockInterface.getEvent(n)!),
]);

const blockHash = (n: number, fork = 0) => id(`block ${n} fork ${fork}`);
function log(
  address: string,
  event: string,
  args: unknown[],
  block: number,
  index: number,
  fork = 0,
): RawLog {
  const encoded = events.encodeEventLog(events.getEvent(event)!, args);
  return {
    address,
    ...encoded,
    blockNumber: toBeHex(block),
    blockHash: blockHash(block, fork),
    transactionHash: id(`tx ${block} ${index}`),
    logIndex: toBeHex(index),
  };
}

describe("owner:watch core: alerts", () => {
  it("turns each watched log into one alert with a severity and a sentence, keyed by block, tx and log index", () => {
    const data = moduleInterface.encodeFunctionData("setParameter", [
      id("UNBONDING_PERIOD"),
      1_209_600n,
    ]);
    const logs = [
      log(desired.systemPause, "SystemPaused", [desired.guardians[0].address, 5n], 7, 0),
      log(stakeManager, "Paused", [desired.systemPause], 7, 1),
      log(
        desired.timelock,
        "RoleGranted",
        [TIMELOCK_ROLES.EXECUTOR_ROLE, addr(0xbad), desired.timelock],
        8,
        0,
      ),
      log(desired.ownersSafe.address, "AddedOwner", [addr(0xbee)], 9, 0),
      // Two calls of one operation in one transaction: one alert.
      {
        ...log(
          desired.timelock,
          "CallScheduled",
          [id("op"), 0n, stakeManager, 0n, data, ZeroHash, 3_600n],
          9,
          1,
        ),
        transactionHash: id("tx s"),
      },
      {
        ...log(
          desired.timelock,
          "CallScheduled",
          [id("op"), 1n, stakeManager, 0n, data, ZeroHash, 3_600n],
          9,
          2,
        ),
        transactionHash: id("tx s"),
      },
      // Said by the timelock's CallExecuted and the diff: no alert of its own.
      log(stakeManager, "ParameterUpdated", [id("UNBONDING_PERIOD"), 1n, 2n], 9, 4),
      // Not a watched event.
      log(stakeManager, "Transfer", [addr(1), addr(2), 5n], 9, 3),
    ];
    const { alerts, stateChanged } = deriveAlerts(desired, logs.reverse());
    assert.equal(stateChanged, true);
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.severity, a.event, a.message]),
      [
        ["switch", "critical", "SystemPaused", "SystemPause: ALL MODULES PAUSED (5) by Guardian 0"],
        ["switch", "critical", "Paused", "StakeManager PAUSED by SystemPause"],
        [
          "authority",
          "critical",
          "RoleGranted",
          `MandateTimelock: EXECUTOR_ROLE granted to ${addr(0xbad)} by MandateTimelock`,
        ],
        ["authority", "critical", "AddedOwner", `Owners Safe: owner ${addr(0xbee)} added`],
        [
          "timelock",
          "critical",
          "CallScheduled",
          `MandateTimelock: operation ${id("op")} scheduled, executable 1h after block 9: StakeManager.setParameter UNBONDING_PERIOD 14d; StakeManager.setParameter UNBONDING_PERIOD 14d; once executed it undoes the manifest`,
        ],
      ],
    );
    assert.equal(alerts[0].key, `7:${id("tx 7 0")}:0`);
    assert.equal(new Set(alerts.map((a) => a.key)).size, alerts.length);
    // Scheduling alone changes nothing the diff reads.
    assert.equal(
      deriveAlerts(desired, [logs.find((l) => l.logIndex === "0x01" && l.blockNumber === "0x09")!])
        .stateChanged,
      false,
    );
  });

  it("alerts once per diff row whose status changed, and a module that became unreadable as the switch", () => {
    const row = (property: string, status: DriftRow["status"], actual = "x"): DriftRow => ({
      subject: "StakeManager",
      address: stakeManager,
      property,
      expected: "y",
      actual,
      status,
    });
    const first = driftAlerts(
      10,
      [row("owner", "ok"), row("parameter A", "drift", "3d")],
      undefined,
    );
    assert.deepEqual(
      first.alerts.map((a) => [a.kind, a.severity, a.message]),
      [
        [
          "drift",
          "warning",
          "StakeManager parameter A: drifts from the manifest: expected y, on chain 3d",
        ],
      ],
    );
    const same = driftAlerts(
      11,
      [row("owner", "ok"), row("parameter A", "drift", "4d")],
      first.statuses,
    );
    assert.equal(same.alerts.length, 0, "a row that still drifts is not alerted again");
    const changed = driftAlerts(
      12,
      [row("owner", "ok"), row("parameter A", "ok"), row("paused", "error")],
      same.statuses,
    );
    assert.deepEqual(
      changed.alerts.map((a) => [a.kind, a.severity, a.key]),
      [
        ["drift", "info", "12:drift:StakeManager|parameter A|y"],
        ["switch", "critical", "12:drift:StakeManager|paused|y"],
      ],
    );
  });
});

describe("owner:watch core: store", () => {
  it("recovers a journal cut short and alerts committed but not yet journaled, each once", () => {
    const store = new WatchStore(mkdtempSync(join(tmpdir(), "watch-store-")), "hardhat");
    const alert = (seq: number): Alert => ({
      seq,
      key: `k${seq}`,
      block: seq,
      kind: "drift",
      severity: "info",
      event: "drift",
      subject: "s",
      message: "m",
    });
    const cp = {
      version: 1 as const,
      chainId: 31337,
      nextBlock: 5,
      nextSeq: 3,
      pending: [alert(1), alert(2)],
    };
    assert.deepEqual(
      store.commit(cp).map((a) => a.seq),
      [1, 2],
    );
    assert.deepEqual(store.syncJournal(cp), [], "committed alerts are journaled once");
    // A crash: the next checkpoint is written, the journal only half.
    const cp2 = { ...cp, nextBlock: 9, nextSeq: 5, pending: [alert(3), alert(4)] };
    writeFileSync(store.checkpointFile, JSON.stringify(cp2));
    appendFileSync(store.journalFile, `${JSON.stringify(alert(3)).slice(0, 20)}`);
    const restarted = new WatchStore(join(store.dir, "..", ".."), "hardhat");
    const loaded = restarted.loadCheckpoint(31337)!;
    assert.deepEqual(
      restarted.syncJournal(loaded).map((a) => a.seq),
      [3, 4],
    );
    assert.deepEqual(
      restarted.readJournal(0).map((a) => a.seq),
      [1, 2, 3, 4],
    );
    assert.throws(
      () => restarted.loadCheckpoint(1),
      (e: unknown) => e instanceof OwnerError && e.code === "WRONG_CHAIN",
    );
    writeFileSync(store.checkpointFile, "{}");
    assert.throws(() => restarted.loadCheckpoint(31337), /is not a watch checkpoint/);
  });
});

/** A scripted chain: a head, block hashes per fork, logs; and faults on demand. */
function scriptedChain() {
  const chain = {
    head: 0,
    fork: new Map<number, number>(),
    logs: [] as RawLog[],
    failNext: 0,
    /** Called before each batch (the test moves the chain). */
    onSend: (() => {}) as () => void,
    requests: [] as RpcRequest[][],
  };
  const hashOf = (n: number) => blockHash(n, chain.fork.get(n) ?? 0);
  const transport: RpcTransport = {
    kind: "in-process",
    describe: "scripted",
    stats: { requests: 0, roundTrips: 0, posts: 0 },
    async send(requests) {
      chain.onSend();
      transport.stats.roundTrips += 1;
      transport.stats.requests += requests.length;
      chain.requests.push([...requests]);
      if (chain.failNext > 0) {
        chain.failNext -= 1;
        throw new OwnerError("RPC_UNREACHABLE", "could not reach the RPC at scripted");
      }
      return requests.map((r): RpcResult => {
        if (r.method === "eth_blockNumber") return { ok: true, value: toBeHex(chain.head) };
        if (r.method === "eth_getBlockByNumber") {
          const n = Number(r.params[0]);
          return { ok: true, value: { number: toBeHex(n), hash: hashOf(n) } };
        }
        const f = r.params[0] as { fromBlock: string; toBlock: string };
        return {
          ok: true,
          value: chain.logs.filter((l) => {
            const n = Number(l.blockNumber);
            return (
              n >= Number(f.fromBlock) &&
              n <= Number(f.toBlock) &&
              l.blockHash === hashOf(n) &&
              n <= chain.head
            );
          }),
        };
      });
    },
  };
  return { chain, transport };
}

describe("owner:watch core: the loop", function () {
  const pause = (block: number, fork = 0) =>
    log(desired.systemPause, "SystemPaused", [addr(6), 5n], block, 0, fork);
  const options = (store: WatchStore, transport: RpcTransport, seen: Alert[], extra = {}) => ({
    desired,
    transport,
    store,
    confirmations: 2,
    logRange: 10,
    diffEvery: 1_000_000,
    pollMs: 0,
    fromBlock: 1,
    once: true,
    diff: async () => ({ rows: [] }),
    onAlerts: (a: readonly Alert[]) => seen.push(...a),
    log: () => {},
    ...extra,
  });

  it("catches up in ranges, alerts each event once across a restart, and costs one round trip per quiet tick", async () => {
    const { chain, transport } = scriptedChain();
    const store = new WatchStore(mkdtempSync(join(tmpdir(), "watch-loop-")), "hardhat");
    chain.head = 45;
    chain.logs.push(pause(3), pause(30));
    const seen: Alert[] = [];
    const first = await runWatch(options(store, transport, seen));
    assert.equal(first.nextBlock, 44, "blocks 1..43 (the head 45 less 2 confirmations) processed");
    assert.deepEqual(
      seen.map((a) => a.block),
      [3, 30],
    );
    // 1 to learn the head, 5 ranges of <= 10 blocks, 1 header check (block 3's log; block 30 ends
    // its range, whose header is in the range's batch), 1 to find it caught up.
    assert.equal(transport.stats.roundTrips, 1 + 5 + 1 + 1);

    // Restart: more blocks, one more event; nothing earlier again.
    chain.head = 60;
    chain.logs.push(pause(50));
    const again: Alert[] = [];
    const before = transport.stats.roundTrips;
    await runWatch(options(store, transport, again));
    assert.deepEqual(
      again.map((a) => [a.block, a.seq]),
      [[50, 3]],
    );
    // Head, 2 ranges (44-53, 54-58), block 50's header, caught up.
    assert.equal(transport.stats.roundTrips - before, 5);

    // Following the head one block at a time: a quiet block is one round trip (one batch).
    chain.onSend = () => void (chain.head += 1);
    const r0 = transport.stats.roundTrips;
    const followed = await runWatch(
      options(store, transport, again, { once: false, untilBlock: 70 }),
    );
    assert.equal(followed.nextBlock, 71);
    assert.equal(transport.stats.roundTrips - r0, followed.ticks, "one round trip per tick");
    // The last batch only finds block 70 done; the three before are quiet ticks.
    for (const batch of chain.requests.slice(-4, -1))
      assert.deepEqual(
        batch.map((r) => r.method),
        ["eth_blockNumber", "eth_getLogs", "eth_getBlockByNumber", "eth_getBlockByNumber"],
      );
    assert.deepEqual(
      store.readJournal(0).map((a) => a.block),
      [3, 30, 50],
    );
  });

  it("backs off on RPC errors and resumes without skipping a block; never alerts a block that did not stay", async () => {
    const { chain, transport } = scriptedChain();
    const store = new WatchStore(mkdtempSync(join(tmpdir(), "watch-faults-")), "hardhat");
    chain.head = 30;
    chain.logs.push(pause(5), pause(12, 1));
    // Block 12's log is on a fork that the chain leaves just after the logs were read.
    let sends = 0;
    chain.fork.set(12, 1);
    chain.onSend = () => {
      sends += 1;
      if (sends === 3) chain.failNext = 2;
      // Between the read of blocks 11-20 and the check of their headers.
      if (sends === 8) chain.fork.set(12, 0);
    };
    const seen: Alert[] = [];
    const lines: string[] = [];
    await runWatch({ ...options(store, transport, seen), log: (l: string) => lines.push(l) });
    assert.ok(
      lines.some((l) =>
        /could not read or check the chain \(could not reach the RPC.*retrying from block \d+/.test(
          l,
        ),
      ),
      lines.join("\n"),
    );
    assert.deepEqual(
      seen.map((a) => a.block),
      [5],
    );
    assert.equal(store.loadCheckpoint(31337)!.nextBlock, 29);
    const ranges = chain.requests
      .flatMap((b) => b.filter((r) => r.method === "eth_getLogs"))
      .map((r) => (r.params[0] as { fromBlock: string }).fromBlock);
    assert.deepEqual(
      [...new Set(ranges.map(Number))].sort((a, b) => a - b),
      [1, 11, 21],
      "every range read, none skipped",
    );
  });
});
