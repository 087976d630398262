// owner:doctor and owner:system-pause end to end, as an operator runs them: one `npx hardhat node`,
// deploy:system into a temp dir, then the tasks as subprocesses. The drill block of
// docs/runbooks/emergency-pause.md is run command by command, so the runbook cannot rot.
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import hre from "hardhat";

import { MODULES } from "../../deploy/modules.ts";
import { changeFirstDurations } from "../../owner/manifest-edit.ts";
import { readTxBuilderFile } from "../../owner/safe/tx-builder.ts";
import {
  freePort,
  rpc,
  run as runIn,
  startHardhatNode,
  type HardhatNode,
} from "../utils/hardhat-node.ts";
import { documented, documentedBlock } from "../utils/documented.ts";
import { startLiveFork, type LiveNetwork } from "../utils/live-network.ts";
import { ownerLiveTests } from "./e2e-live.ts";
import { signerTests } from "./e2e-signer.ts";

const ROOT = hre.config.paths.root;

describe("owner tasks end to end on `hardhat node`", function () {
  this.timeout(300_000);

  let node: HardhatNode | undefined;
  /** A fork of the fresh deployment configured like a live network (amoy), started in the background. */
  let live: Promise<LiveNetwork> | undefined;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let deployment: string;
  let reportsDir: string;
  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runIn(args, { ...env, ...extraEnv }, ROOT);
  /** Task flags that keep the test off the real config/deployments and reports folders. */
  const files = (task: string) => [
    "--deployment",
    deployment,
    ...(task === "owner:doctor" ? ["--reports-dir", reportsDir] : []),
  ];

  before(async () => {
    node = await startHardhatNode(ROOT);
    env = { MANDATE_LOCALHOST_URL: node.url };
    dir = mkdtempSync(join(tmpdir(), "mandate-owner-e2e-"));
    deployment = join(dir, "localhost.json");
    reportsDir = join(dir, "reports");
    const deployed = await run([
      ...documented("npx hardhat deploy:system --network localhost"),
      "--no-compile",
      "--deployments-dir",
      dir,
    ]);
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    live = startLiveFork(
      ROOT,
      { url: node.url, record: deployment, manifest: join(ROOT, "config", "localhost.json") },
      dir,
    );
    live.catch(() => {}); // awaited by its tests, which then report the failure
  });

  after(async () => {
    node?.stop();
    (await live?.catch(() => undefined))?.node.stop();
  });

  it("owner:doctor: all holds, exit 0, a table, both reports, and JSON for machines", async () => {
    const started = Date.now();
    const table = await run([
      ...documented("npx hardhat owner:doctor --network <name>", { "<name>": "localhost" }),
      ...files("owner:doctor"),
    ]);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(table.code, 0, table.stdout + table.stderr);
    assert.match(table.stdout, /owner:doctor localhost \(chain 31337\) at block \d+/);
    assert.match(
      table.stdout,
      /all \d+ checks hold\. Exit 0\. RPC: \d+ requests in 2 round trips \(http:/,
    );
    assert.match(table.stdout, /UNBONDING_PERIOD/);
    const json = JSON.parse(readFileSync(join(reportsDir, "localhost", "doctor.json"), "utf8"));
    assert.equal(json.summary.exitCode, 0);
    assert.match(
      readFileSync(join(reportsDir, "localhost", "doctor.md"), "utf8"),
      /# owner:doctor: localhost/,
    );

    // The runbook's "verify" doctor, on the development node.
    const machine = await run([
      ...documented("npx hardhat owner:doctor --network amoy", { amoy: "localhost" }),
      "--json",
      ...files("owner:doctor"),
    ]);
    assert.equal(machine.code, 0);
    const report = JSON.parse(machine.stdout.slice(machine.stdout.indexOf("{")));
    assert.equal(report.rows.length, json.rows.length);
    assert.equal(report.rpc.roundTrips, 2);
    for (const m of MODULES)
      assert.ok(report.rows.some((r: { subject: string }) => r.subject === m.name));
    console.log(
      `      (doctor over HTTP: ${report.rpc.requests} requests in ${report.rpc.roundTrips} round trips; ${seconds.toFixed(1)} s with Hardhat start-up)`,
    );
  });

  it("owner:doctor and owner:update-all show a warning row for a manifest value outside the simulation's region, exit unchanged", async () => {
    // config/localhost.json has JOB_STAKE 100: a region of [150, 500] puts it outside.
    const regionReports = join(dir, "region-reports");
    mkdirSync(join(regionReports, "sim"), { recursive: true });
    const region = {
      date: "2026-12-02T03:00:00.000Z",
      seed: 1,
      scenario: "sim/scenarios/report.json",
      manifest: "config/hardhat.json",
      contractsCommit: "c".repeat(40),
      parameters: { "JobRegistry.JOB_STAKE": { min: "150", max: "500" } },
    };
    writeFileSync(join(regionReports, "sim", "region.json"), JSON.stringify(region));
    const flags = [
      "--network",
      "localhost",
      "--deployment",
      deployment,
      "--reports-dir",
      regionReports,
    ];
    const doctor = await run(["hardhat", "owner:doctor", ...flags]);
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    assert.match(
      doctor.stdout,
      /WARN\s+│\s+JobRegistry\s+│\s+JOB_STAKE\s+│\s+\[150, 500\]\s+│\s+manifest 100, chain 100/,
    );
    assert.match(doctor.stdout, /all \d+ checks hold\. Exit 0\./);
    const json = JSON.parse(readFileSync(join(regionReports, "localhost", "doctor.json"), "utf8"));
    assert.equal(json.regionWarnings.length, 1);
    assert.equal(json.summary.exitCode, 0);
    const update = await run(["hardhat", "owner:update-all", ...flags]);
    assert.equal(update.code, 0, update.stdout + update.stderr);
    assert.match(
      update.stdout,
      /WARNING: JobRegistry JOB_STAKE: manifest 100 and chain 100 outside \[150, 500\]/,
    );
  });

  it("runs the runbook's drill: status, dry run, pause, already paused, drift, unpause through the timelock, all holds", async () => {
    const commands = documentedBlock("# drill");
    const results: Awaited<ReturnType<typeof run>>[] = [];
    for (const args of commands) {
      const task = args[1];
      const result = await run([...args, ...files(task)]);
      results.push(result);
    }
    const out = (i: number) => results[i].stdout + results[i].stderr;
    assert.deepEqual(
      results.map((r) => r.code),
      [0, 0, 0, 0, 0, 1, 0, 0, 0],
      results.map((r, i) => `${commands[i].join(" ")}\n${r.stdout}${r.stderr}`).join("\n"),
    );
    assert.match(out(0), new RegExp(`All ${MODULES.length} modules running`));
    assert.match(
      out(1),
      /DRY RUN, nothing was sent\. To pause, this would send:\n.*pauseAll\(\) from guardian Safe/,
    );
    const hashes =
      /Safe 0x[0-9a-fA-F]{40}, nonce (\d+) \(.*\)\n\s+safeTxHash\s+0x[0-9a-f]{64} {2}\(at nonce \1\)\n\s+domainHash\s+0x[0-9a-f]{64}\n\s+messageHash\s+0x[0-9a-f]{64} {2}\(at nonce \1\)/;
    assert.match(out(2), /pause-guardian-0\.json/);
    assert.match(out(2), hashes);
    const pauseFile = readTxBuilderFile(
      join(ROOT, "reports", "localhost", "pause", "pause-guardian-0.json"),
    );
    assert.equal(pauseFile.checksumValid, true);
    assert.equal(pauseFile.calls[0].contractMethod?.name, "pauseAll");
    assert.match(out(3), /Before: [\s\S]*running[\s\S]*After: [\s\S]*ALL \d+ MODULES PAUSED\./);
    assert.match(
      out(4),
      /Already paused: ALL \d+ MODULES PAUSED\. Nothing to do; nothing was sent\./,
    );
    for (const m of MODULES) assert.match(out(5), new RegExp(`DRIFT\\s+│ ${m.name}\\s+│ paused`));
    assert.match(out(6), /unpause-1-schedule\.json[\s\S]*unpause-2-execute\.json/);
    assert.match(out(6), hashes);
    const operation = /operation (0x[0-9a-f]{64})/.exec(out(6))![1];
    for (const name of ["unpause-1-schedule", "unpause-2-execute"])
      assert.equal(
        readTxBuilderFile(join(ROOT, "reports", "localhost", "unpause", `${name}.json`))
          .checksumValid,
        true,
      );
    // --execute schedules the very operation the files name.
    assert.match(
      out(7),
      new RegExp(
        `scheduled operation ${operation}[\\s\\S]*executed operation ${operation}[\\s\\S]*After: [\\s\\S]*All \\d+ modules running`,
      ),
    );
    assert.match(out(8), /all \d+ checks hold\. Exit 0/);
  });

  it("owner:update-all: dry run exit 1, bad --only exit 2, --safe-out files, --execute, then no drift", async () => {
    const original = JSON.parse(readFileSync(join(ROOT, "config", "localhost.json"), "utf8"));
    const { manifest, changes } = changeFirstDurations(original, MODULES);
    const manifestFile = join(dir, "changed.json");
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const update = (...flags: string[]) =>
      run([
        ...documented("npx hardhat owner:update-all --network <name>", { "<name>": "localhost" }),
        "--manifest",
        manifestFile,
        "--reports-dir",
        reportsDir,
        ...files(""),
        ...flags,
      ]);

    // --json: the plan as one JSON document on stdout, the text on stderr.
    const dry = await update("--json");
    assert.equal(dry.code, 1, dry.stdout + dry.stderr);
    const plan = JSON.parse(dry.stdout);
    assert.equal(plan.exitCode, 1);
    assert.equal(plan.mode, "dry-run");
    for (const c of changes) {
      assert.match(dry.stderr, new RegExp(c.parameter));
      const step = plan.steps.find(
        (st: { subject: string; property: string }) =>
          st.subject === c.module && st.property.endsWith(c.parameter),
      );
      assert.ok(step, `${c.module}.${c.parameter} in ${dry.stdout}`);
      assert.equal(step.sender.kind, "timelock");
      assert.match(step.data, /^0x[0-9a-f]+$/);
    }
    assert.equal(plan.operation.state, "Unset");
    assert.ok(plan.simulations.length > 0);
    assert.ok(plan.simulations.every((sim: { ok: boolean }) => sim.ok));
    assert.match(dry.stderr, /DRY RUN, nothing was sent/);
    assert.match(dry.stderr, /RPC: \d+ requests in 3 round trips \(http:/);

    const bad = await update("--only", "NoSuchModule");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\[BAD_ARGUMENT\].*NoSuchModule/);

    const outDir = join(dir, "update-batches");
    // The runbook's guardian-rotation command, on the development node with this manifest.
    const out = await run([
      ...documented(
        "npx hardhat owner:update-all --network amoy --safe-out reports/amoy/guardians",
        {
          amoy: "localhost",
          "reports/amoy/guardians": outDir,
        },
      ),
      "--manifest",
      manifestFile,
      "--reports-dir",
      reportsDir,
      ...files(""),
    ]);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assert.match(out.stdout, /safeTxHash\s+0x[0-9a-f]{64}/);
    for (const name of ["update-all-1-schedule", "update-all-2-execute"])
      assert.equal(readTxBuilderFile(join(outDir, `${name}.json`)).checksumValid, true);
    // The signer's check of both files, as a signer runs it: verified, one page per file.
    const pages = join(dir, "signer-pages");
    const scheduleNonce = /nonce (\d+)/.exec(out.stdout)![1];
    const verified = await run([
      ...documented(
        "npx hardhat owner:verify-batch FILE... --network <name> [--nonce n] [--out DIR]",
        {
          "FILE...": [
            join(outDir, "update-all-1-schedule.json"),
            join(outDir, "update-all-2-execute.json"),
          ],
          "<name>": "localhost",
          n: scheduleNonce,
          DIR: pages,
        },
      ),
      "--manifest",
      manifestFile,
      ...files(""),
    ]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    for (const c of changes)
      assert.match(
        verified.stdout,
        new RegExp(`${c.module}\\.${c.parameter}: ${c.from} → ${c.to}`),
      );
    assert.match(
      readFileSync(join(pages, "update-all-1-schedule.md"), "utf8"),
      /# Before you sign: Mandate: update-all-1-schedule/,
    );

    const sent = await update("--execute");
    assert.equal(sent.code, 0, sent.stdout + sent.stderr);
    assert.match(sent.stdout, /done\s+schedule operation[\s\S]*done\s+execute operation/);
    assert.match(sent.stdout, /After: no drift left/);
    const receipts = readdirSync(join(reportsDir, "localhost", "receipts"));
    assert.ok(receipts.some((f) => f.endsWith(".jsonl")));

    const again = await update();
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /No drift: the chain matches the manifest\. Nothing to send\./);
  });

  it("exits 2, sending nothing, on a bad manifest or an unreachable RPC", async () => {
    const badManifest = join(dir, "bad.json");
    const manifest = JSON.parse(readFileSync(join(ROOT, "config", "localhost.json"), "utf8"));
    manifest.modules.StakeManager.UNBONDING_PERIOD = "1s";
    manifest.surprise = true;
    writeFileSync(badManifest, JSON.stringify(manifest));
    const bad = await run([
      "hardhat",
      "owner:doctor",
      "--network",
      "localhost",
      "--manifest",
      badManifest,
      ...files("owner:doctor"),
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\[CONFIG_INVALID\]/);
    assert.match(
      bad.stderr,
      /bad\.json: modules\.StakeManager\.UNBONDING_PERIOD: expected a duration within/,
    );
    assert.match(bad.stderr, /bad\.json: surprise: unknown key/);

    const missing = await run([
      ...documented(
        "npx hardhat owner:system-pause --network <name> --action status|pause|unpause",
        { "<name>": "localhost", "status|pause|unpause": "status" },
      ),
      "--deployment",
      join(dir, "none.json"),
      "--json",
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /\[DEPLOYMENT_NOT_FOUND\]/);
    assert.equal(JSON.parse(missing.stdout).error.code, "DEPLOYMENT_NOT_FOUND");

    // A live network whose RPC URL variable is not set: exit 2 and the documented JSON error, not
    // Hardhat's HHE7 with exit 1.
    const unset = await run(["hardhat", "owner:doctor", "--network", "amoy", "--json"], {
      AMOY_RPC_URL: undefined,
    });
    assert.equal(unset.code, 2, unset.stderr);
    assert.equal(JSON.parse(unset.stdout).error.code, "CONFIG_VARIABLE_MISSING");
    assert.match(unset.stderr, /AMOY_RPC_URL is not set: .*npx hardhat keystore set AMOY_RPC_URL/);

    // A record edited by hand: one address's case changed (a bad EIP-55 checksum) and a member
    // named twice. Named with file and path, exit 2, not an ethers stack trace.
    const edited = join(dir, "edited-record.json");
    const record = readFileSync(deployment, "utf8");
    const address = /"timelock": "(0x[0-9a-fA-F]{40})"/.exec(record)![1]!;
    const flipped = address.replace(/[a-f]/, (c) => c.toUpperCase());
    writeFileSync(edited, record.replace(address, flipped));
    const typo = await run([
      "hardhat",
      "owner:system-pause",
      "--network",
      "localhost",
      "--deployment",
      edited,
    ]);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /\[DEPLOYMENT_INVALID\]/);
    assert.match(
      typo.stderr,
      /edited-record\.json: governance\.timelock: expected the EIP-55 checksummed form/,
    );
    assert.doesNotMatch(typo.stderr, /^\s+at /m);
    writeFileSync(edited, record.replace('"network":', '"chainId": 1,\n  "network":'));
    const twice = await run([
      "hardhat",
      "owner:doctor",
      "--network",
      "localhost",
      "--deployment",
      edited,
    ]);
    assert.equal(twice.code, 2, twice.stderr);
    assert.match(twice.stderr, /edited-record\.json:\d+:\d+: chainId: duplicate member name/);

    const dead = { MANDATE_LOCALHOST_URL: `http://127.0.0.1:${await freePort()}` };
    const before = await rpc(node!.url, "eth_blockNumber");
    for (const args of [
      ["hardhat", "owner:doctor", "--network", "localhost", ...files("owner:doctor")],
      [
        "hardhat",
        "owner:system-pause",
        "--network",
        "localhost",
        "--action",
        "pause",
        "--execute",
        ...files(""),
      ],
    ]) {
      const result = await run(args, dead);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        /\[RPC_UNREACHABLE\]: could not reach the RPC at http:\/\/127\.0\.0\.1:\d+/,
      );
    }
    assert.equal(await rpc(node!.url, "eth_blockNumber"), before);
    assert.ok(existsSync(deployment));
  });

  // Live-network incidents without a key, lockout protection and the code-hash check: same node.
  ownerLiveTests(() => ({ run, files, dir, deployment, reportsDir, live: live! }));
  // What a Safe signer runs (verify-batch on hand-written files, per-Safe --nonce): same node.
  signerTests(() => ({ run, files, dir, deployment, reportsDir, live: live!, url: node!.url }));
});
