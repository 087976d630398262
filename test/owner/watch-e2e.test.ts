// owner:watch end to end on `hardhat node`, as an operator runs it: the watch as a subprocess POSTs
// to a webhook receiver in this test; changes land through the real Safes and the timelock; the
// watch is killed mid-way, more changes land, and the restarted watch delivers every missed alert
// once and repeats none.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { getAddress, id, JsonRpcProvider, ZeroHash } from "ethers";
import hre from "hardhat";

import { MODULES } from "../../deploy/modules.ts";
import { safeInterface } from "../../deploy/safe.ts";
import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
} from "../../owner/chain/contracts.ts";
import { sendFromLocalSafe } from "../../owner/route.ts";
import type { Alert } from "../../owner/watch/alerts.ts";
import { launchChromium } from "../utils/browser.ts";
import { documented } from "../utils/documented.ts";
import {
  npxCommand,
  rpc,
  run as runIn,
  startHardhatNode,
  type HardhatNode,
  userEnv,
} from "../utils/hardhat-node.ts";

const ROOT = hre.config.paths.root;

const until = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("owner:watch end to end on `hardhat node`", function () {
  this.timeout(300_000);

  let node: HardhatNode | undefined;
  let server: Server | undefined;
  const received: Alert[] = [];
  let shared: { env: NodeJS.ProcessEnv; deploymentFile: string; reportsDir: string } | undefined;

  after(() => {
    node?.stop();
    server?.close();
  });

  it("alerts a pause, a timelock parameter change, a role grant and a Safe owner swap once each, across a kill and restart", async () => {
    node = await startHardhatNode(ROOT);
    const env = { ...process.env, MANDATE_LOCALHOST_URL: node.url };
    const dir = mkdtempSync(join(tmpdir(), "mandate-watch-e2e-"));
    const deploymentFile = join(dir, "localhost.json");
    const reportsDir = join(dir, "reports");
    const deployed = await runIn(
      ["hardhat", "deploy:system", "--network", "localhost", "--deployments-dir", dir],
      env,
      ROOT,
    );
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    const record = JSON.parse(readFileSync(deploymentFile, "utf8"));

    // The webhook receiver: refuses the first POST (the watch must retry), keeps every body.
    let refused = 0;
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (refused++ === 0) return void res.writeHead(503).end();
        received.push(JSON.parse(body) as Alert);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const webhook = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    const watchFlags = [
      "--deployment",
      deploymentFile,
      "--reports-dir",
      reportsDir,
      "--poll",
      "200",
    ];
    const watchArgs = [
      ...documented("npx hardhat owner:watch --network <name>", { "<name>": "localhost" }),
      ...watchFlags,
      "--webhook",
      webhook,
    ];
    const watchDir = join(reportsDir, "localhost", "watch");
    const journal = () =>
      existsSync(join(watchDir, "alerts.jsonl"))
        ? readFileSync(join(watchDir, "alerts.jsonl"), "utf8")
            .split("\n")
            .filter((l) => l !== "")
            .map((l) => JSON.parse(l) as Alert)
        : [];
    const delivered = () =>
      existsSync(join(watchDir, "sinks.json"))
        ? (JSON.parse(readFileSync(join(watchDir, "sinks.json"), "utf8")).webhook as number)
        : 0;

    const [program, programArgs] = npxCommand(watchArgs);
    const watch = spawn(program, programArgs, {
      cwd: ROOT,
      env: userEnv(env),
      detached: true,
      stdio: "pipe",
    });
    let output = "";
    watch.stdout!.on("data", (c) => (output += c));
    watch.stderr!.on("data", (c) => (output += c));
    await until(
      "the watch's first checkpoint",
      () => existsSync(join(watchDir, "checkpoint.json")),
      90_000,
    );

    const provider = new JsonRpcProvider(node.url, undefined, { batchMaxCount: 1 });
    const accounts = ((await rpc(node.url, "eth_accounts")) as string[]).map((a) => getAddress(a));
    const owners = accounts.slice(1, 4);
    const ownersSafe = record.governance.ownersSafe.address as string;
    const fromSafe = (safe: string, to: string, data: string, signers = owners) =>
      sendFromLocalSafe(provider, record, safe, [{ to, value: 0n, data }], signers);
    const throughTimelock = async (target: string, data: string, label: string) => {
      const args = [[target], [0n], [data], ZeroHash, id(label)];
      await fromSafe(
        ownersSafe,
        record.governance.timelock,
        timelockInterface.encodeFunctionData("scheduleBatch", [...args, 3_600n]),
      );
      await rpc(node!.url, "evm_increaseTime", [3_600]);
      await rpc(node!.url, "evm_mine");
      await fromSafe(
        ownersSafe,
        record.governance.timelock,
        timelockInterface.encodeFunctionData("executeBatch", args),
      );
    };

    // While the watch runs: a parameter change through the Safe and the timelock, then a guardian pause.
    await throughTimelock(
      record.modules.StakeManager,
      moduleInterface.encodeFunctionData("setParameter", [id("UNBONDING_PERIOD"), 14n * 86_400n]),
      "watch e2e: parameter",
    );
    await fromSafe(
      record.governance.guardians[0].address,
      record.governance.systemPause,
      systemPauseInterface.encodeFunctionData("pauseAll"),
      accounts.slice(6, 8),
    );
    const paused = MODULES.length;
    await until(
      "the first alerts at the webhook",
      () =>
        received.some((a) => a.event === "SystemPaused") &&
        received.filter((a) => a.event === "Paused").length === paused,
    );
    await until(
      "the webhook cursor to catch up",
      () => delivered() === journal().length && journal().length > 0,
    );
    const beforeKill = received.length;
    process.kill(-watch.pid!, "SIGKILL");
    await new Promise((r) => watch.once("close", r));

    // While the watch is down: a role grant through the timelock and a Safe owner swap.
    const newExecutor = accounts[11];
    await throughTimelock(
      record.governance.timelock,
      timelockInterface.encodeFunctionData("grantRole", [
        TIMELOCK_ROLES.EXECUTOR_ROLE,
        newExecutor,
      ]),
      "watch e2e: role",
    );
    const safeOwners = (await provider.call({
      to: ownersSafe,
      data: safeInterface.encodeFunctionData("getOwners"),
    })) as string;
    const list = safeInterface.decodeFunctionResult("getOwners", safeOwners)[0] as string[];
    await fromSafe(
      ownersSafe,
      ownersSafe,
      safeInterface.encodeFunctionData("swapOwner", [
        list[list.length - 2],
        list[list.length - 1],
        accounts[12],
      ]),
    );
    // An operation left waiting, for the timelock queue (it would undo the parameter's drift).
    await fromSafe(
      ownersSafe,
      record.governance.timelock,
      timelockInterface.encodeFunctionData("scheduleBatch", [
        [record.modules.StakeManager],
        [0n],
        [
          moduleInterface.encodeFunctionData("setParameter", [
            id("UNBONDING_PERIOD"),
            7n * 86_400n,
          ]),
        ],
        ZeroHash,
        id("watch e2e: waiting"),
        2n * 86_400n,
      ]),
    );
    assert.equal(received.length, beforeKill, "nothing arrives while the watch is down");

    // Restarted as the incident runbook runs it, with a JSON-lines file beside the webhook.
    const jsonl = join(reportsDir, "incident-alerts.jsonl");
    const restarted = await runIn(
      [
        ...documented(
          "npx hardhat owner:watch --network amoy --webhook https://hooks.example/incident --jsonl reports/amoy/incident-alerts.jsonl",
          {
            amoy: "localhost",
            "https://hooks.example/incident": webhook,
            "reports/amoy/incident-alerts.jsonl": jsonl,
          },
        ),
        ...watchFlags,
        "--once",
      ],
      env,
      ROOT,
    );
    assert.equal(restarted.code, 0, restarted.stdout + restarted.stderr);
    assert.deepEqual(
      readFileSync(jsonl, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => (JSON.parse(l) as Alert).seq),
      journal().map((a) => a.seq),
      "the --jsonl file holds the journal",
    );

    const keys = received.map((a) => a.key);
    assert.equal(new Set(keys).size, keys.length, `an alert arrived twice:\n${keys.join("\n")}`);
    assert.deepEqual(
      received.map((a) => a.seq),
      journal().map((a) => a.seq),
      "the webhook got the journal, in order",
    );
    assert.deepEqual(
      received.map((a) => a.seq),
      received.map((_, i) => i + 1),
    );
    const count = (event: string) => received.filter((a) => a.event === event).length;
    assert.deepEqual(
      Object.fromEntries(
        [
          "CallScheduled",
          "CallExecuted",
          "SystemPaused",
          "Paused",
          "RoleGranted",
          "RemovedOwner",
          "AddedOwner",
        ].map((e) => [e, count(e)]),
      ),
      {
        CallScheduled: 3,
        CallExecuted: 2,
        SystemPaused: 1,
        Paused: paused,
        RoleGranted: 1,
        RemovedOwner: 1,
        AddedOwner: 1,
      },
      JSON.stringify(received, null, 1),
    );
    const after = received.slice(beforeKill).map((a) => a.event);
    for (const e of ["RoleGranted", "RemovedOwner", "AddedOwner"])
      assert.ok(after.includes(e), `${e} arrived after the restart`);
    const message = (event: string) => received.find((a) => a.event === event)!.message;
    assert.match(
      message("CallScheduled"),
      /StakeManager\.setParameter UNBONDING_PERIOD 14d; once executed it undoes the manifest/,
    );
    assert.match(message("RoleGranted"), new RegExp(`EXECUTOR_ROLE granted to ${newExecutor}`));
    assert.ok(
      received.some((a) => a.kind === "drift" && /UNBONDING_PERIOD/.test(a.message)),
      "the parameter's drift is alerted",
    );
    assert.ok(refused >= 1, "the first POST was refused and retried");
    assert.match(
      output + restarted.stdout,
      /\[critical\] switch · block \d+ · SystemPause: ALL MODULES PAUSED/,
    );
    // The watch drew the status page from its last diff, with its alerts.
    const page = readFileSync(join(reportsDir, "localhost", "status.html"), "utf8");
    assert.match(page, /SystemPause: ALL MODULES PAUSED/);
    shared = { env, deploymentFile, reportsDir };
  });

  it("owner:doctor --html: a self-contained page a browser shows with the drift, the pause and the queue's countdown", async () => {
    assert.ok(shared, "runs after the watch test, on its chain");
    const doctor = await runIn(
      [
        ...documented("npx hardhat owner:doctor --network amoy --html", { amoy: "localhost" }),
        "--deployment",
        shared.deploymentFile,
        "--reports-dir",
        shared.reportsDir,
      ],
      shared.env,
      ROOT,
    );
    assert.equal(doctor.code, 1, doctor.stdout + doctor.stderr);
    const file = join(shared.reportsDir, "localhost", "status.html");
    assert.ok(doctor.stdout.includes(file), doctor.stdout);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const problems: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
      page.on("pageerror", (e) => problems.push(e.message));
      // No network: any request leaving the file fails the test.
      await page.route(
        /^(?!file:)/,
        (route) => (problems.push(`request ${route.request().url()}`), route.abort()),
      );
      await page.goto(pathToFileURL(file).href);
      const drifted = page.locator('#rows tr[data-status="drift"]', {
        hasText: "parameter UNBONDING_PERIOD",
      });
      assert.equal(await drifted.count(), 1);
      assert.match(await drifted.innerText(), /DRIFT[\s\S]*7d \(604800\)[\s\S]*14d \(1209600\)/);
      assert.equal(
        await page.locator('#pause tr[data-module="StakeManager"]').getAttribute("data-state"),
        "PAUSED",
      );
      const waiting = page.locator('#operations tr[data-state="Waiting"]');
      assert.equal(await waiting.count(), 1);
      assert.match(
        await waiting.locator(".countdown").innerText(),
        /^in (1d 23h|2d 0h) \d+m \d+s$/,
      );
      assert.match(await waiting.innerText(), /UNBONDING_PERIOD 14d → 7d[\s\S]*matches/);
      // The graph library drew the authority graph: owners' Safe -> timelock -> modules; guardian -> SystemPause -> modules.
      const graph = await page.evaluate(() => {
        type Edge = { data(key: string): string };
        const cy = (
          globalThis as unknown as {
            statusGraph: { edges(): Edge[] & { map<T>(f: (e: Edge) => T): T[] } };
          }
        ).statusGraph;
        return cy.edges().map((e) => `${e.data("source")} ${e.data("label")} ${e.data("target")}`);
      });
      for (const edge of [
        "Owners Safe proposes MandateTimelock",
        "MandateTimelock owns StakeManager",
        "Guardian 0 guards SystemPause",
        "SystemPause pauses StakeManager",
      ])
        assert.ok(graph.includes(edge), `${edge} in:\n${graph.join("\n")}`);
      mkdirSync(join(ROOT, "reports"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "reports", "status-page.png"), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
