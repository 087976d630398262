// What a Safe signer runs, end to end on test/owner/e2e.test.ts's `hardhat node` and deployment (the
// real Safe 1.4.1 contracts): owner:verify-batch as a subprocess on hand-written Transaction Builder
// files (a MultiSend holding a delegatecall, a threshold change, a timelock delay change, a tampered
// checksum), and update-all's per-Safe --nonce, whose printed hashes must be what the deployed Safes'
// own getTransactionHash gives at those nonces.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { id, ZeroAddress, ZeroHash } from "ethers";
import hre from "hardhat";

import { safeInterface } from "../../deploy/safe.ts";
import { MODULES } from "../../deploy/modules.ts";
import { timelockInterface } from "../../owner/chain/contracts.ts";
import { changeFirstDurations, rotateFirstOwners } from "../../owner/manifest-edit.ts";
import { encodeCall, rawCall, type Call } from "../../owner/safe/calls.ts";
import { encodeMultiSend, multiSendInterface } from "../../owner/safe/multisend.ts";
import {
  buildTxBuilderFile,
  readTxBuilderFile,
  writeTxBuilderFile,
} from "../../owner/safe/tx-builder.ts";
import { rpc } from "../utils/hardhat-node.ts";
import type { OwnerE2eContext } from "./e2e-live.ts";

const ROOT = hre.config.paths.root;

interface Record {
  governance: {
    timelock: string;
    ownersSafe: { address: string };
    guardians: { address: string }[];
  };
  safeSuite: { [name: string]: string };
}

/** The section of verify-batch's output about the file named `name` (each opens with "<name>: "). */
function section(stdout: string, name: string, names: readonly string[]): string {
  const start = stdout.indexOf(`${name}: `);
  assert.ok(start >= 0, `no section for ${name} in:\n${stdout}`);
  const ends = names.map((n) => stdout.indexOf(`\n${n}: `, start + 1)).filter((i) => i > start);
  return stdout.slice(start, Math.min(stdout.length, ...ends));
}

const risksIn = (text: string) => [...text.matchAll(/^ {4}\[([a-z-]+)\] /gm)].map((m) => m[1]);

export function signerTests(context: () => OwnerE2eContext & { url: string }): void {
  const record = () => JSON.parse(readFileSync(context().deployment, "utf8")) as Record;
  const call = async (to: string, data: string) =>
    (await rpc(context().url, "eth_call", [{ to, data }, "latest"])) as string;

  it("owner:verify-batch on hand-written files: a MultiSend's delegatecall, a threshold and a delay change flagged, a tampered file refused", async () => {
    const { run, files, dir } = context();
    const { governance, safeSuite } = record();
    const safe = governance.ownersSafe.address;
    const timelock = governance.timelock;
    const written = (name: string, calls: Call[]) => {
      const path = join(dir, "hand-written", `${name}.json`);
      writeTxBuilderFile(
        path,
        buildTxBuilderFile({
          chainId: 31337,
          safeAddress: safe,
          name,
          description: "by hand",
          calls,
        }),
      );
      return path;
    };
    const minDelay = BigInt(
      await call(timelock, timelockInterface.encodeFunctionData("getMinDelay")),
    );
    const threshold = BigInt(await call(safe, safeInterface.encodeFunctionData("getThreshold")));
    const paths = [
      written("multisend", [
        rawCall(
          safeSuite.MultiSend,
          encodeMultiSend([
            {
              operation: 0,
              to: timelock,
              value: 0n,
              data: timelockInterface.encodeFunctionData("getMinDelay"),
            },
            { operation: 1, to: safeSuite.SignMessageLib, value: 0n, data: "0x" },
          ]),
        ),
      ]),
      written("threshold", [encodeCall(safeInterface, safe, "changeThreshold", [threshold - 1n])]),
      written("delay", [
        encodeCall(timelockInterface, timelock, "schedule", [
          timelock,
          0,
          timelockInterface.encodeFunctionData("updateDelay", [minDelay * 2n]),
          ZeroHash,
          id("e2e-signer"),
          minDelay,
        ]),
        encodeCall(safeInterface, safe, "changeThreshold", [threshold]),
      ]),
      written("tampered", [encodeCall(safeInterface, safe, "changeThreshold", [threshold - 1n])]),
    ];
    const tampered = JSON.parse(readFileSync(paths[3], "utf8"));
    tampered.transactions[0].contractInputsValues._threshold = "1";
    writeFileSync(paths[3], JSON.stringify(tampered));

    const pages = join(dir, "hand-written-pages");
    const verified = await run([
      "hardhat",
      "owner:verify-batch",
      ...paths,
      "--network",
      "localhost",
      "--out",
      pages,
      ...files(""),
    ]);
    const out = verified.stdout + verified.stderr;
    assert.equal(verified.code, 2, out); // the worst file: the tampered one
    const names = ["multisend", "threshold", "delay", "tampered"];
    const [multiSend, thresholdOut, delay, tamperedOut] = names.map((n) =>
      section(verified.stdout, n, names),
    );

    // A file's single transaction is a call, so the MultiSend inside runs by call and refuses: the
    // delegatecall is flagged and the simulation says do not sign.
    assert.match(multiSend, /^multisend: DO NOT SIGN/);
    assert.match(
      multiSend,
      / {4}- MultiSend of 2 transaction\(s\)\n {6}- MandateTimelock\.getMinDelay\(\)\n {6}- DELEGATECALL /,
    );
    assert.deepEqual(risksIn(multiSend), ["delegatecall"]);
    assert.match(
      multiSend,
      /\[delegatecall\] delegatecall into 0x[0-9a-fA-F]{40}: its code runs as the Safe/,
    );
    assert.match(
      multiSend,
      /PROBLEMS:\n {4}simulation reverts: .*MultiSend should only be called via delegatecall/,
    );

    assert.match(thresholdOut, /^threshold: VERIFIED, WITH RISKS TO REVIEW/);
    assert.deepEqual(risksIn(thresholdOut), ["threshold"]);
    assert.match(
      thresholdOut,
      new RegExp(`Owners Safe threshold: ${threshold} → ${threshold - 1n}`),
    );
    assert.match(thresholdOut, /simulated ok/);

    assert.match(delay, /^delay: VERIFIED, WITH RISKS TO REVIEW/);
    assert.deepEqual(risksIn(delay), ["timelock-delay", "threshold"]);
    assert.match(
      delay,
      /MandateTimelock delay: \S+ → \S+: changes how long every future change waits/,
    );
    // Two calls: the Safe delegatecalls MultiSendCallOnly, a known MultiSend, so that is no risk.
    assert.match(delay, /│ Safe transaction +│ DELEGATECALL to 0x[0-9a-fA-F]{40}/);

    assert.match(tamperedOut, /^tampered: DO NOT SIGN/);
    assert.match(tamperedOut, /PROBLEMS:\n {4}checksum 0x[0-9a-f]{64} does not match the content/);
    assert.match(tamperedOut, new RegExp(`Owners Safe threshold: ${threshold} → 1`));

    // One page per file, the flagged risks on it, and the Safe's own hash equal to protocol-kit's.
    for (const [name, text] of [
      ["threshold", thresholdOut],
      ["delay", delay],
    ]) {
      const page = readFileSync(join(pages, `${name}.md`), "utf8");
      assert.match(page, new RegExp(`^# Before you sign: ${name}\n`));
      for (const kind of risksIn(text)) assert.match(page, new RegExp(`- \\*\\*${kind}\\*\\*: `));
      const [, ours] = /safeTxHash +│ (0x[0-9a-f]{64})/.exec(text)!;
      const [, safes] = /Safe contract's hash +│ (0x[0-9a-f]{64})/.exec(text)!;
      assert.equal(safes, ours);
    }
  });

  it("owner:update-all --safe-out --nonce per Safe: the printed hashes are the deployed Safes' at those nonces, with a warning for a Safe with two files", async () => {
    const { run, files, dir, reportsDir } = context();
    const { governance, safeSuite } = record();
    const ownersSafe = governance.ownersSafe.address;
    const guardian = governance.guardians[0].address;
    // Durations changed twice over config/localhost.json (so they differ from the chain whether or not
    // the update-all test above executed its change) and the first guardian's first owner rotated.
    const base = JSON.parse(readFileSync(join(ROOT, "config", "localhost.json"), "utf8"));
    const once = changeFirstDurations(base, MODULES).manifest;
    const twice = changeFirstDurations(once, MODULES).manifest as typeof base;
    twice.governance.guardians[0] = rotateFirstOwners(twice).manifest.governance.guardians[0];
    const manifestFile = join(dir, "nonce.json");
    writeFileSync(manifestFile, JSON.stringify(twice));
    const outDir = join(dir, "nonce-batches");
    const result = await run([
      "hardhat",
      "owner:update-all",
      "--network",
      "localhost",
      "--manifest",
      manifestFile,
      "--reports-dir",
      reportsDir,
      "--safe-out",
      outDir,
      "--nonce",
      `${ownersSafe}=7,${guardian}=3`,
      ...files(""),
    ]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const printed = [
      ...result.stdout.matchAll(
        /\n {2}(\S+\.json)\n {4}Safe (0x[0-9a-fA-F]{40}), nonce (\d+) \((.*)\)\n {4}safeTxHash {2}(0x[0-9a-f]{64})/g,
      ),
    ].map(([, path, safe, nonce, assumption, hash]) => ({
      path,
      safe,
      nonce: Number(nonce),
      assumption,
      hash,
    }));
    assert.deepEqual(
      printed.map((p) => [p.safe, p.nonce, p.assumption.slice(0, 17)]),
      [
        // Signing order: what can be signed now first, the execute file after the delay.
        [ownersSafe, 7, "given with --nonc"],
        [guardian, 3, "given with --nonc"],
        [ownersSafe, 8, "after update-all-"],
      ],
      result.stdout,
    );
    assert.match(
      result.stdout,
      new RegExp(
        `WARNING: 2 files are for Safe ${ownersSafe}: update-all-1-schedule \\(nonce 7\\), update-all-2-execute \\(nonce 8\\)\\. Sign them in this order`,
      ),
    );
    assert.doesNotMatch(result.stdout, new RegExp(`WARNING: \\d+ files are for Safe ${guardian}`));
    // Each hash recomputed by the Safe contract itself from the file on disk.
    for (const p of printed) {
      const { calls } = readTxBuilderFile(p.path);
      const [to, data, operation] =
        calls.length === 1
          ? [calls[0].to, calls[0].data, 0]
          : [
              safeSuite.MultiSendCallOnly,
              multiSendInterface.encodeFunctionData("multiSend", [
                encodeMultiSend(calls.map((c) => ({ ...c, operation: 0 }))),
              ]),
              1,
            ];
      const value = calls.length === 1 ? calls[0].value : 0n;
      const args = [to, value, data, operation, 0, 0, 0, ZeroAddress, ZeroAddress, p.nonce];
      const hash = await call(p.safe, safeInterface.encodeFunctionData("getTransactionHash", args));
      assert.equal(p.hash, hash, `${p.path} at nonce ${p.nonce}`);
    }
  });
}
