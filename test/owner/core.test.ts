// The owner-control core without a chain: manifest and record loading, unit conversions, the diff and
// the transport's failure modes. Property tests run on fast-check: a failure prints the shrunk
// counterexample and the seed that replays it.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { id } from "ethers";
import fc from "fast-check";

import { parameter, type ParameterSpec } from "../../deploy/manifest/parameters.ts";
import { parseNetworkConfig } from "../../deploy/manifest/schema.ts";
import { DeployError } from "../../deploy/errors.ts";
import { MODULES } from "../../deploy/modules.ts";
import { readOk } from "../../owner/chain/batch.ts";
import { expectedRoleHolders, hasRoleKey } from "../../owner/policy.ts";
import { httpTransport } from "../../owner/chain/transport.ts";
import { diffSystem, summarise } from "../../owner/diff.ts";
import { asOwnerError, OwnerError } from "../../owner/errors.ts";
import { loadDesiredState } from "../../owner/desired-state.ts";
import {
  formatPauseStatus,
  inTargetState,
  summaryLine,
  type ModuleState,
  type PauseStatus,
} from "../../owner/pause.ts";

import { runSystemPause } from "../../owner/system-pause.ts";
import { addr, desiredFrom, snapshotOf, validManifest, validRecord } from "./fixtures.ts";

describe("owner core: units", () => {
  const specs: [string, ParameterSpec][] = [
    ["duration", parameter.duration({ min: 1n, max: 10n ** 9n }, "test")],
    ["share", parameter.share({ min: 0n, max: 10_000n }, "test")],
    ["points", parameter.points({ min: 0n, max: 10n ** 30n }, "test")],
    ["tokenAmount(6)", parameter.tokenAmount({ min: 0n, max: 10n ** 24n }, 6, "test")],
    ["integer", parameter.integer({ min: 0n, max: 2n ** 64n }, "test")],
  ];

  for (const [name, spec] of specs) {
    it(`${name}: every on-chain value survives format -> parse exactly (fast-check)`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min: spec.bounds.min, max: spec.bounds.max }), (value) => {
          const text = spec.format(value);
          const parsed = spec.schema.safeParse(text);
          assert.ok(parsed.success, `${name}: ${value} -> ${text} was refused`);
          assert.equal(parsed.data, value, `${name}: ${value} -> ${text} -> ${parsed.data}`);
        }),
        { numRuns: 500, examples: [[spec.bounds.min], [spec.bounds.max]] },
      );
    });
  }

  it("refuses what it cannot represent exactly and what lies outside the bounds", () => {
    const [, duration] = specs[0];
    assert.equal(duration.schema.safeParse("0.5s").success, false);
    assert.equal(duration.schema.safeParse("100000000000s").success, false);
    assert.equal(specs[1][1].schema.safeParse("0.001%").success, false);
    assert.equal(specs[3][1].schema.safeParse("1.0000001").success, false);
    assert.equal(specs[4][1].schema.safeParse(1.5).success, false);
  });
});

describe("owner core: manifest validation", () => {
  it("never answers arbitrary JSON with anything but a CONFIG_INVALID listing file and path (fast-check)", () => {
    /** Either it parses, or it fails as a typed validation error naming the file and a path. */
    const onlyTypedErrors = (input: unknown) => {
      try {
        parseNetworkConfig(input, "config/fuzz.json", { purpose: "owner" });
        return true;
      } catch (error) {
        assert.ok(error instanceof DeployError, String(error));
        assert.equal(error.code, "CONFIG_INVALID");
        assert.ok(error.details.length > 0);
        for (const line of error.details) assert.match(line, /^config\/fuzz\.json: \S.*: /);
        return false;
      }
    };
    // Any JSON value at all.
    fc.assert(
      fc.property(fc.jsonValue(), (input) => void onlyTypedErrors(input)),
      {
        numRuns: 300,
      },
    );

    // A valid manifest with one sub-tree replaced by arbitrary JSON, or removed.
    const paths: (string | number)[][] = [];
    const walk = (node: any, path: (string | number)[]) => {
      if (path.length > 0) paths.push(path);
      if (node !== null && typeof node === "object")
        for (const k of Object.keys(node))
          walk(node[k], [...path, Array.isArray(node) ? Number(k) : k]);
    };
    walk(validManifest(), []);
    const mutation = fc.record({
      path: fc.constantFrom(...paths),
      replacement: fc.option(fc.jsonValue({ maxDepth: 2 }), { freq: 5 }),
    });
    let refused = 0;
    fc.assert(
      fc.property(mutation, ({ path, replacement }) => {
        const data = validManifest();
        let parent = data;
        for (const key of path.slice(0, -1)) parent = parent[key];
        const last = path[path.length - 1]!;
        if (replacement === null) delete parent[last];
        else parent[last] = replacement;
        if (!onlyTypedErrors(data)) refused++;
      }),
      { numRuns: 300 },
    );
    // Most mutations break the manifest; a generator that never did would prove nothing.
    assert.ok(refused > 150, `only ${refused} of 300 mutations refused`);
    assert.equal(onlyTypedErrors(validManifest()), true, "the unmutated manifest parses");
  });

  it("lets a deployed system's manifest leave Safe addresses to the record, and refuses addresses when deploying", () => {
    const manifest = validManifest();
    manifest.chainId = 80002;
    manifest.network = "amoy";
    manifest.governance.treasury = addr(0x99);
    manifest.governance.ownersSafe = { threshold: 3 };
    manifest.governance.guardians = [{}];
    manifest.contracts = { SystemPause: addr(0x77) };
    parseNetworkConfig(manifest, "config/amoy.json", { purpose: "owner" });
    assert.throws(
      () => parseNetworkConfig(manifest, "config/amoy.json", { purpose: "deploy" }),
      (e: DeployError) =>
        e.details.some((d) =>
          d.startsWith("config/amoy.json: contracts: expected no contract addresses"),
        ) &&
        e.details.some((d) =>
          d.startsWith("config/amoy.json: governance.ownersSafe.address: expected the address"),
        ) &&
        e.details.some((d) => d.startsWith("config/amoy.json: token: expected the token address")),
    );
  });

  describe("bad input, each reported with file and path before any RPC", () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-owner-core-"));
    const write = (name: string, content: string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const record = write("record.json", JSON.stringify(validRecord()));
    const load = (manifest: string, deploymentFile = record) =>
      loadDesiredState({
        network: "hardhat",
        manifestFile: write("hardhat.json", manifest),
        deploymentFile,
      });
    const rejects = (fn: () => unknown, code: string, ...patterns: RegExp[]) =>
      assert.throws(fn, (error: unknown) => {
        const known = asOwnerError(error);
        assert.ok(known, `not an owner error: ${error}`);
        assert.equal(known.code, code);
        for (const p of patterns) assert.match(known.message, p);
        return true;
      });

    it("malformed JSON", () =>
      rejects(
        () => load("{ not json"),
        "CONFIG_INVALID",
        /hardhat\.json:1:3: Unexpected identifier 'not'/,
      ));
    it("an unknown key", () => {
      const m = validManifest();
      m.governance.guardianz = [];
      rejects(
        () => load(JSON.stringify(m)),
        "CONFIG_INVALID",
        /governance\.guardianz: unknown key/,
      );
    });
    it("a wrong type", () => {
      const m = validManifest();
      m.chainId = "31337";
      rejects(
        () => load(JSON.stringify(m)),
        "CONFIG_INVALID",
        /chainId: expected number, found string "31337"/,
      );
    });
    it("an out-of-bounds value", () => {
      const m = validManifest();
      m.modules.StakeManager.UNBONDING_PERIOD = "90d";
      rejects(
        () => load(JSON.stringify(m)),
        "CONFIG_INVALID",
        /modules\.StakeManager\.UNBONDING_PERIOD: expected a duration within \[1h, 60d\].*found "90d"/,
      );
    });
    it("every problem at once", () => {
      const m = validManifest();
      m.chainId = -1;
      m.modules.ReputationEngine.HALF_LIFE = "1s";
      m.extra = 1;
      assert.throws(
        () => load(JSON.stringify(m)),
        (e: DeployError) => e.details.length === 3,
      );
    });
    it("a manifest for another chain than the record", () => {
      const other = write("other-record.json", JSON.stringify({ ...validRecord(), chainId: 137 }));
      rejects(
        () => load(JSON.stringify(validManifest()), other),
        "WRONG_CHAIN",
        /hardhat\.json is for chain 31337 but .*other-record\.json records chain 137/,
      );
    });
    it("a missing deployment file", () =>
      rejects(
        () => load(JSON.stringify(validManifest()), join(dir, "nope.json")),
        "DEPLOYMENT_NOT_FOUND",
        /nope\.json not found: owner control needs the deployment record/,
      ));
    it("a deployment record that is not one", () =>
      rejects(
        () => load(JSON.stringify(validManifest()), write("bad-record.json", '{"network":"x"}')),
        "DEPLOYMENT_INVALID",
        /bad-record\.json: chainId/,
      ));
    it("a deployment record with a mistyped (bad-checksum) address: named, not a crash", () => {
      const record = validRecord();
      const name = Object.keys(record.modules)[0]!;
      record.modules[name] = "0x70997970C51812Dc3A010C7d01b50e0d17dc79C8"; // one letter's case changed
      rejects(
        () =>
          load(JSON.stringify(validManifest()), write("typo-record.json", JSON.stringify(record))),
        "DEPLOYMENT_INVALID",
        new RegExp(
          `typo-record\\.json: modules\\.${name}: expected the EIP-55 checksummed form 0x70997970C51812dc3A010C7d01b50e0d17dc79C8`,
        ),
      );
    });
    it("a deployment record that names a member twice (JSON.parse would use the last address)", () => {
      const text = JSON.stringify(validRecord(), null, 2);
      const twice = text.replace('"chainId": 31337,', '"chainId": 31337,\n  "chainId": 31337,');
      assert.notEqual(twice, text);
      rejects(
        () => load(JSON.stringify(validManifest()), write("twice-record.json", twice)),
        "DEPLOYMENT_INVALID",
        /twice-record\.json:\d+:3: chainId: duplicate member name \(first at \d+:3\)/,
      );
    });
  });
});

describe("owner core: diff", () => {
  it("finds nothing when the chain equals the desired state, whatever the parameters (fast-check)", () => {
    const specs = MODULES.flatMap((entry) =>
      Object.entries(entry.parameters).map(([name, spec]) => ({ module: entry.name, name, spec })),
    );
    const values = fc.tuple(
      ...specs.map(({ spec }) => fc.bigInt({ min: spec.bounds.min, max: spec.bounds.max })),
    );
    fc.assert(
      fc.property(values, (chosen) => {
        const manifest = validManifest();
        // The one bound between modules (deploy/manifest/schema.ts): MIN_REPUTATION <= SCORE_CAP.
        const at = (module: string, name: string) =>
          specs.findIndex((s) => s.module === module && s.name === name);
        const [min, cap] = [
          at("JobRegistry", "MIN_REPUTATION"),
          at("ReputationEngine", "SCORE_CAP"),
        ];
        if (chosen[min]! > chosen[cap]!) chosen[min] = chosen[cap]!;
        specs.forEach(({ module, name, spec }, i) => {
          manifest.modules[module][name] = spec.format(chosen[i]!);
        });
        const desired = desiredFrom(manifest);
        const rows = diffSystem(desired, snapshotOf(desired));
        assert.deepEqual(
          rows.filter((r) => r.status !== "ok"),
          [],
        );
        assert.equal(summarise(rows).exitCode, 0);
      }),
      { numRuns: 50 },
    );
  });

  it("names one changed parameter, in its unit, with the timelock call that restores it", () => {
    const desired = desiredFrom();
    const snapshot = snapshotOf(desired);
    snapshot.modules.StakeManager.parameters[id("UNBONDING_PERIOD")] = readOk(3n * 86_400n);
    const drift = diffSystem(desired, snapshot).filter((r) => r.status !== "ok");
    assert.equal(drift.length, 1);
    assert.deepEqual(
      { ...drift[0], call: undefined },
      {
        subject: "StakeManager",
        address: desired.modules[0].address,
        property: "parameter UNBONDING_PERIOD",
        expected: "7d (604800)",
        actual: "3d (259200)",
        status: "drift",
        fix: "schedule StakeManager.setParameter(UNBONDING_PERIOD, 7d) through the timelock",
        call: undefined,
      },
    );
    assert.deepEqual(drift[0].call, {
      via: "timelock",
      target: desired.modules[0].address,
      contract: "StakeManager",
      function: "setParameter",
      args: [id("UNBONDING_PERIOD"), "604800"],
    });
    assert.equal(summarise(drift).exitCode, 1);
  });

  it("holds the deployer to nothing: a role it kept and a Safe it still owns are drift", () => {
    const record = validRecord();
    record.deployer = addr(0xde);
    const desired = desiredFrom(validManifest(), record);
    const clean = diffSystem(desired, snapshotOf(desired));
    assert.equal(clean.filter((r) => r.subject === "Deployer").length, 4 + 1 + 2);
    assert.equal(summarise(clean).exitCode, 0);

    const s = snapshotOf(desired);
    s.timelock.hasRole[hasRoleKey("PROPOSER_ROLE", addr(0xde))] = readOk(true);
    const guardian = desired.guardians[0].address;
    if (s.safes[guardian].owners.ok) s.safes[guardian].owners.value.push(addr(0xde));
    const drift = diffSystem(desired, s).filter(
      (r) => r.subject === "Deployer" && r.status !== "ok",
    );
    assert.deepEqual(
      drift.map((r) => r.property),
      ["holds PROPOSER_ROLE", "owner of Guardian 0"],
    );
  });

  it("reports a stranger guardian, a missing executor, a moved pauser and an unreadable Safe", () => {
    const desired = desiredFrom();
    const s = snapshotOf(desired);
    s.systemPause.guardians = readOk([desired.guardians[0].address, addr(0xbad)]);
    s.timelock.hasRole[`EXECUTOR_ROLE:${desired.ownersSafe.address}`] = readOk(false);
    s.timelock.holders = readOk({ ...expectedRoleHolders(desired), EXECUTOR_ROLE: [] });
    s.modules.ReputationEngine.pauser = readOk(addr(0xbeef));
    s.safes[desired.guardians[0].address].owners = { ok: false, error: "reverted" };
    const rows = diffSystem(desired, s).filter((r) => r.status !== "ok");
    const find = (subject: string, property: string) =>
      rows.find((r) => r.subject === subject && r.property === property);
    assert.match(
      find("SystemPause", "guardians")!.fix!,
      /removeGuardian\(0x0000000000000000000000000000000000000BAd\)/i,
    );
    assert.match(
      find("MandateTimelock", "EXECUTOR_ROLE holders")!.fix!,
      /grantRole\(EXECUTOR_ROLE, /,
    );
    assert.equal(find("ReputationEngine", "pauser")!.call!.function, "setPauser");
    assert.equal(find("Guardian 0", "owners")!.status, "error");
    assert.equal(summarise(rows).exitCode, 2);
  });
});

describe("owner core: RPC transport", () => {
  it("batches a list into one POST and counts requests and round trips", async () => {
    const posts: unknown[][] = [];
    const transport = httpTransport("http://fake", {
      fetch: (async (_url: string, init: { body: string }) => {
        const batch = JSON.parse(init.body) as { id: number; method: string }[];
        posts.push(batch);
        return new Response(
          JSON.stringify(batch.map((r) => ({ jsonrpc: "2.0", id: r.id, result: r.method }))),
        );
      }) as never,
    });
    const results = await transport.send(
      Array.from({ length: 250 }, (_, i) => ({ method: `m${i}`, params: [] })),
    );
    assert.equal(results[249].ok && results[249].value, "m249");
    assert.deepEqual(
      transport.stats,
      { requests: 250, roundTrips: 1, posts: 3 },
      "one round, split at 100 per POST",
    );
    assert.equal(posts.length, 3);
  });

  it("says plainly when the RPC cannot be reached", async () => {
    const transport = httpTransport("http://127.0.0.1:9", { timeoutMs: 2_000 });
    await assert.rejects(
      transport.send([{ method: "eth_chainId", params: [] }]),
      (e: OwnerError) => {
        assert.equal(e.code, "RPC_UNREACHABLE");
        assert.match(
          e.message,
          /could not reach the RPC at http:\/\/127\.0\.0\.1:9 .*nothing was read or sent/,
        );
        return true;
      },
    );
  });
});

describe("owner core: runSystemPause arguments", () => {
  it("refuses an unknown action and --safe-out without a directory before reading anything", async () => {
    const transport = httpTransport("http://127.0.0.1:9");
    const run = (action: string, mode: "dry-run" | "safe-out") =>
      runSystemPause({ network: "hardhat", deploymentFile: "none.json", action, mode, transport });
    await assert.rejects(
      run("stop", "dry-run"),
      (e: OwnerError) =>
        e.code === "BAD_ARGUMENT" &&
        /--action must be one of status, pause, unpause/.test(e.message),
    );
    await assert.rejects(
      run("pause", "safe-out"),
      (e: OwnerError) =>
        e.code === "BAD_ARGUMENT" && /--safe-out needs a directory/.test(e.message),
    );
    assert.equal(transport.stats.requests, 0);
  });
});

describe("owner core: pause status", () => {
  const status = (...states: ModuleState[]): PauseStatus => ({
    network: "hardhat",
    chainId: 31337,
    blockNumber: 7,
    systemPause: addr(1),
    timelock: addr(2),
    ownersSafe: addr(3),
    modules: states.map((state, i) => ({ name: `Module${i}`, address: addr(10 + i), state })),
    guardians: [addr(4)],
    rpc: { requests: 0, roundTrips: 0, posts: 0, transport: "test" },
  });

  it("says whether every module is in the target state", () => {
    assert.equal(summaryLine(status("paused", "paused")), "ALL 2 MODULES PAUSED.");
    assert.equal(summaryLine(status("running", "running")), "All 2 modules running (not paused).");
    assert.equal(summaryLine(status("paused", "running")), "MIXED: 1 of 2 modules paused.");
    assert.equal(inTargetState(status("paused", "paused"), "pause"), true);
    assert.equal(inTargetState(status("running", "running"), "unpause"), true);
    assert.equal(inTargetState(status("paused", "running"), "pause"), false);
  });

  it("names a module whose state cannot be read, and never counts it as done", () => {
    const broken = status("paused", "unreadable", "paused");
    assert.equal(
      summaryLine(broken),
      "2 of 3 modules paused, 1 UNREADABLE: its paused() reverts or answers something else; the switch skips it (ModulePauseFailed) and handles the others.",
    );
    assert.match(
      formatPauseStatus(broken, "Before", { width: 120 }),
      /│ Module1 +│ 0x[0-9a-fA-F]{40} +│ UNREADABLE +│/,
    );
    assert.equal(inTargetState(broken, "pause"), false);
    assert.equal(inTargetState(status("unreadable"), "unpause"), false);
  });
});
