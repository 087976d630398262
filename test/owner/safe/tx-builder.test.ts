// Transaction Builder files without a chain: the checksum against the app's published vectors,
// stability and tamper detection; calls that decode back to their intent; form strings that
// re-encode to exactly the planned calldata; the timelock salt and operation id rules.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  AbiCoder,
  getAddress,
  hexlify,
  id,
  Interface,
  keccak256,
  ParamType,
  toUtf8Bytes,
  ZeroHash,
} from "ethers";

import {
  decodeCall,
  encodeCall,
  encodeFromInputs,
  rawCall,
  type Call,
} from "../../../owner/safe/calls.ts";
import {
  buildTimelockOperation,
  decideStep,
  deriveSalt,
  hashOperationBatch,
} from "../../../owner/safe/timelock.ts";
import { timelockInterface } from "../../../owner/chain/contracts.ts";
import {
  buildTxBuilderFile,
  callsOf,
  checksumOf,
  computeChecksum,
  parseTxBuilderFile,
  readTxBuilderFile,
  serializeForChecksum,
  toTxBuilderTransaction,
  TxBuilderFileError,
  verifyChecksum,
  writeTxBuilderFile,
  type TxBuilderFile,
} from "../../../owner/safe/tx-builder.ts";

/** Deterministic pseudo-random source (mulberry32), so a failing case can be replayed by seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => hexlify(Uint8Array.from({ length: n }, () => int(256)));
  return {
    int,
    bytes,
    address: () => getAddress(bytes(20)),
    uint: (bits = 256) => BigInt(bytes(bits / 8)),
    int256: () => BigInt.asIntN(256, BigInt(bytes(32))),
    bool: () => int(2) === 1,
    text: () => String.fromCodePoint(...Array.from({ length: int(12) }, () => 32 + int(0x2000))),
  };
}

const moduleInterface = new Interface([
  "function setParameter(bytes32 key, uint256 value)",
  "function unpauseAll() returns (uint256)",
  "function mixed(address who, bool flag, int256 delta, bytes4 selector, uint8[] small, string note, bytes blob, address[][] nested)",
  "function fund(address to) payable",
  "function unnamed(uint256, address)",
]);

const SAFE = "0x1000000000000000000000000000000000000001";
const MODULE = "0x2000000000000000000000000000000000000002";
const TIMELOCK = "0x3000000000000000000000000000000000000003";

describe("owner/safe: Transaction Builder files (pure)", () => {
  describe("checksum", () => {
    // The Transaction Builder's own unit-test batch (safe-react-apps, apps/tx-builder/src/lib/
    // checksum.test.js) and the two values its tests assert: 0x832e... before the app started
    // hashing with meta.name set to null, 0x4ecb... since. Both are reproduced here.
    const account = "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6";
    const referenceBatch = {
      version: "1.0",
      chainId: "4",
      createdAt: 1646321521061,
      meta: {
        name: "test batch file",
        txBuilderVersion: "1.4.0",
        checksum: "",
        createdFromSafeAddress: "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa",
        createdFromOwnerAddress: account,
      },
      transactions: [
        {
          to: account,
          value: "0",
          contractMethod: {
            inputs: [{ internalType: "address", name: "paramAddress", type: "address" }],
            name: "testAddress",
            payable: false,
          },
          contractInputsValues: { paramAddress: account },
        },
        {
          to: account,
          value: "0",
          contractMethod: {
            inputs: [{ internalType: "bool", name: "paramBool", type: "bool" }],
            name: "testBool",
            payable: false,
          },
          contractInputsValues: { paramAddress: "", paramBool: "false" },
        },
        {
          to: account,
          value: "2000000000000000000",
          data: "0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6",
        },
      ],
    };

    it("reproduces the app's published checksum vectors", () => {
      assert.equal(
        checksumOf(referenceBatch),
        "0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c",
      );
      // The older rule hashed the name too: the same serialisation without nulling it.
      assert.equal(
        keccak256(toUtf8Bytes(serializeForChecksum(referenceBatch))),
        "0x832ecdb6653751ed00b79dede73864163e46e71815b72e11e506d6399bedffc9",
      );
    });

    it("serialises objects as sorted key list plus values with trailing commas", () => {
      assert.equal(
        serializeForChecksum({ b: [1, "x", null], a: { d: true, c: undefined } }),
        '{["a","b"]{["c","d"]null,true,},[1,"x",null],}',
      );
    });

    it("does not depend on key order or on meta.name, and ignores layout on disk", () => {
      const file = sampleFile();
      const reordered = reverseKeys(file) as TxBuilderFile;
      assert.notEqual(JSON.stringify(reordered), JSON.stringify(file));
      const renamed = { ...file, meta: { ...file.meta, name: "another name" } };
      assert.equal(verifyChecksum(file), true);
      assert.equal(verifyChecksum(renamed), true);
      assert.equal(computeChecksum(reordered), file.meta.checksum);
      const dir = mkdtempSync(join(tmpdir(), "mandate-txb-"));
      writeTxBuilderFile(join(dir, "a.json"), file);
      writeFileSync(join(dir, "b.json"), JSON.stringify(file));
      assert.equal(readTxBuilderFile(join(dir, "a.json")).checksumValid, true);
      assert.equal(readTxBuilderFile(join(dir, "b.json")).checksumValid, true);
      assert.equal(buildTxBuilderFile(sampleInput()).meta.checksum, file.meta.checksum, "stable");
    });

    it("detects every single-field change", () => {
      const file = sampleFile();
      const tampered: ((f: TxBuilderFile) => void)[] = [
        (f) => (f.chainId = "137"),
        (f) => (f.createdAt += 1),
        (f) => (f.meta.description += "!"),
        (f) => (f.meta.createdFromSafeAddress = MODULE),
        (f) => (f.transactions[0].value = "1"),
        (f) => (f.transactions[0].to = SAFE),
        (f) => (f.transactions[0].contractInputsValues!.value = "3601"),
        (f) => (f.transactions[1].data = `${f.transactions[1].data}00`),
        (f) => f.transactions.reverse(),
        (f) => ((f.transactions[0] as unknown as Record<string, unknown>).extra = null),
      ];
      for (const [index, change] of tampered.entries()) {
        const copy: TxBuilderFile = JSON.parse(JSON.stringify(file));
        change(copy);
        assert.equal(verifyChecksum(copy), false, `change ${index} went unnoticed`);
      }
      assert.equal(verifyChecksum({ meta: {} }), false);
    });
  });

  describe("calls", () => {
    it("decode back to their intent (deterministic random cases)", () => {
      for (let seed = 1; seed <= 150; seed++) {
        const r = random(seed);
        const cases: [string, unknown[]][] = [
          ["setParameter", [id(`KEY_${seed}`), r.uint()]],
          [
            "mixed",
            [
              r.address(),
              r.bool(),
              r.int256(),
              r.bytes(4),
              Array.from({ length: r.int(4) }, () => BigInt(r.int(256))),
              r.text(),
              r.bytes(r.int(70)),
              Array.from({ length: r.int(3) }, () => Array.from({ length: r.int(3) }, r.address)),
            ],
          ],
          ["unnamed", [r.uint(), r.address()]],
        ];
        for (const [fn, args] of cases) {
          const call = encodeCall(moduleInterface, MODULE, fn, args, { description: fn });
          const decoded = decodeCall(moduleInterface, call);
          assert.equal(decoded.name, fn);
          assert.equal(decoded.to, MODULE);
          const inputs = moduleInterface.getFunction(fn)!.inputs;
          assert.deepEqual(
            inputs.map((p, i) => normalise(p, decoded.args[i])),
            inputs.map((p, i) => normalise(p, args[i])),
            `seed ${seed} ${fn}`,
          );
          // The form strings the Transaction Builder encodes from give the same calldata.
          assert.equal(
            encodeFromInputs(call.contractMethod!, call.contractInputsValues!),
            call.data,
            `seed ${seed} ${fn}`,
          );
        }
        const salt = r.bytes(32);
        const payloads = [r.bytes(r.int(100)), "0x"];
        const schedule = encodeCall(timelockInterface, TIMELOCK, "scheduleBatch", [
          [r.address(), r.address()],
          [r.uint(64), 0n],
          payloads,
          ZeroHash,
          salt,
          BigInt(r.int(1e9)),
        ]);
        assert.equal(
          encodeFromInputs(schedule.contractMethod!, schedule.contractInputsValues!),
          schedule.data,
        );
        assert.deepEqual(decodeCall(timelockInterface, schedule).args.payloads.toArray(), payloads);
      }
    });

    it("write form strings the way the app's form holds them", () => {
      const call = encodeCall(
        timelockInterface,
        TIMELOCK,
        "executeBatch",
        [[MODULE.toLowerCase()], [5n], ["0xABCD"], ZeroHash, id("s")],
        { value: 5n },
      );
      assert.deepEqual(call.contractInputsValues, {
        targets: `["${MODULE}"]`,
        values: '["5"]',
        payloads: '["0xabcd"]',
        predecessor: ZeroHash,
        salt: id("s"),
      });
      assert.deepEqual(call.contractMethod, {
        name: "executeBatch",
        inputs: [
          { name: "targets", type: "address[]", internalType: "address[]" },
          { name: "values", type: "uint256[]", internalType: "uint256[]" },
          { name: "payloads", type: "bytes[]", internalType: "bytes[]" },
          { name: "predecessor", type: "bytes32", internalType: "bytes32" },
          { name: "salt", type: "bytes32", internalType: "bytes32" },
        ],
        payable: true,
      });
      // The app also accepts unquoted array items.
      const loose = { ...call.contractInputsValues!, targets: `[${MODULE}]`, values: "[5]" };
      assert.equal(encodeFromInputs(call.contractMethod!, loose), call.data);
      assert.throws(
        () => encodeCall(moduleInterface, MODULE, "setParameter", [ZeroHash, 1n], { value: 1n }),
        /not payable/,
      );
    });

    it("store data null for contract-method calls, and refuse inputs that encode something else", () => {
      const call = encodeCall(moduleInterface, MODULE, "setParameter", [
        id("UNBONDING_PERIOD"),
        3600n,
      ]);
      const tx = toTxBuilderTransaction(call);
      assert.equal(tx.data, null);
      assert.equal(tx.value, "0");
      const raw = toTxBuilderTransaction(rawCall(MODULE, "0xDEADBEEF", 7n));
      assert.deepEqual(raw, {
        to: MODULE,
        value: "7",
        data: "0xdeadbeef",
        contractMethod: null,
        contractInputsValues: null,
      });
      assert.throws(
        () =>
          toTxBuilderTransaction({
            ...call,
            contractInputsValues: { ...call.contractInputsValues!, value: "3601" },
          }),
        TxBuilderFileError,
      );
    });

    it("read back from a file as the app reads them", () => {
      const file = sampleFile();
      const loaded = parseTxBuilderFile(JSON.stringify(file));
      const planned = sampleCalls();
      assert.deepEqual(
        loaded.calls.map(({ to, value, data }) => ({ to, value, data })),
        planned.map(({ to, value, data }) => ({ to, value, data })),
      );
      // Data wins over contractMethod when both are present (the app's rule).
      const both = JSON.parse(JSON.stringify(file));
      both.transactions[0].data = "0x12345678";
      assert.equal(callsOf(both)[0].data, "0x12345678");
      assert.throws(
        () =>
          parseTxBuilderFile(
            JSON.stringify({ ...file, transactions: [{ ...file.transactions[0], value: 0 }] }),
          ),
        /transactions\.0\.value/,
      );
      assert.throws(() => parseTxBuilderFile("{"), /not JSON/);
    });
  });

  describe("timelock operation", () => {
    const calls = sampleCalls();

    it("derives the salt from the calls and the label only", () => {
      const salt = deriveSalt(calls, "raise unbonding");
      assert.equal(
        salt,
        keccak256(
          AbiCoder.defaultAbiCoder().encode(
            ["string", "string", "bytes"],
            [
              "mandate.owner.timelock-salt.v1",
              "raise unbonding",
              AbiCoder.defaultAbiCoder().encode(
                ["tuple(address,uint256,bytes)[]"],
                [calls.map((c) => [c.to, c.value, c.data])],
              ),
            ],
          ),
        ),
      );
      assert.notEqual(deriveSalt(calls, "another label"), salt);
      assert.notEqual(deriveSalt([...calls].reverse(), "raise unbonding"), salt);
      const a = buildTimelockOperation({ timelock: TIMELOCK, calls, delay: 3600n, label: "x" });
      const b = buildTimelockOperation({ timelock: TIMELOCK, calls, delay: 7200n, label: "x" });
      assert.equal(a.id, b.id, "the delay is not part of the operation id");
    });

    it("builds schedule and execute calls of the same operation", () => {
      const op = buildTimelockOperation({ timelock: TIMELOCK, calls, delay: 3600n, label: "x" });
      const schedule = decodeCall(timelockInterface, op.schedule).args;
      const execute = decodeCall(timelockInterface, op.execute).args;
      for (const args of [schedule, execute]) {
        assert.equal(
          hashOperationBatch(
            // By index: `values` is also Array.prototype.values on an ethers Result.
            [...args[0]],
            [...args[1]],
            [...args[2]],
            args[3],
            args[4],
          ),
          op.id,
        );
      }
      assert.equal(schedule.delay, 3600n);
      assert.equal(op.schedule.to, TIMELOCK);
      assert.equal(op.execute.value, 0n);
    });

    it("reports instead of proposing twice", () => {
      const status = (state: "Unset" | "Waiting" | "Ready" | "Done") => ({
        id: ZeroHash,
        state,
        readyAt: 5n,
      });
      assert.equal(decideStep("schedule", status("Unset")).send, true);
      assert.match(decideStep("schedule", status("Waiting")).message, /already scheduled/);
      assert.match(decideStep("schedule", status("Ready")).message, /already scheduled/);
      assert.match(decideStep("schedule", status("Done")).message, /already executed/);
      assert.equal(decideStep("execute", status("Ready")).send, true);
      assert.match(decideStep("execute", status("Unset")).message, /schedule it first/);
      assert.match(
        decideStep("execute", status("Waiting"), 3n).message,
        /not ready until 5 \(now 3\)/,
      );
      assert.equal(decideStep("execute", status("Done")).send, false);
    });
  });
});

function sampleCalls(): Call[] {
  return [
    encodeCall(moduleInterface, MODULE, "setParameter", [id("UNBONDING_PERIOD"), 3600n], {
      description: "StakeManager.UNBONDING_PERIOD 7d -> 1h",
    }),
    rawCall(MODULE, moduleInterface.encodeFunctionData("unpauseAll")),
  ];
}

function sampleInput() {
  return {
    chainId: 31337n,
    safeAddress: SAFE,
    name: "sample",
    description: "two calls",
    calls: sampleCalls(),
    createdAt: 1_700_000_000_000,
  };
}

function sampleFile(): TxBuilderFile {
  return buildTxBuilderFile(sampleInput());
}

/** A value in one spelling per type: checksummed addresses, lowercase hex, plain arrays. */
function normalise(param: ParamType, value: unknown): unknown {
  if (param.isArray())
    return [...(value as unknown[])].map((item) => normalise(param.arrayChildren, item));
  if (param.baseType === "address") return getAddress(value as string);
  if (param.baseType.startsWith("bytes")) return (value as string).toLowerCase();
  return value;
}

/** The same JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
