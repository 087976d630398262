// The Solidity tests' deployer (test/utils/SystemDeployer.sol) must deploy what deploy/plan.ts plans:
// the same creations in the same order, each constructor naming the same contracts and accounts.
// Both sides render their steps into one text (a line per creation: its name and every address its
// ABI-encoded constructor arguments hold, named), this test from planDeployment for
// config/hardhat.json and test/integration/DeploymentOrder.t.sol from the deployer. They meet in
// test/fixtures/deployment-order.txt: this test fails when the fixture differs from the plan
// (MANDATE_UPDATE_FIXTURES=1 rewrites it), the Solidity test when the deployer differs from it.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { getAddress, Interface, toBeHex, zeroPadValue } from "ethers";
import hre from "hardhat";

import { loadNetworkConfig } from "../../deploy/manifest/schema.ts";
import { planDeployment, type DeploymentPlan } from "../../deploy/plan.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const FIXTURE = join(ROOT, "test", "fixtures", "deployment-order.txt");

/** The deployer's governance core: the token and the Safes are stand-ins in Solidity tests. */
const CORE_ROLES = new Set(["timelock", "module", "systemPause"]);

/**
 * Names for the addresses a constructor may hold, in SystemDeployer.describe's precedence: the core's
 * creations, then token, ownersSafe, guardian<i>, treasury, arbitrator.
 */
function knownAddresses(plan: DeploymentPlan): [string, string][] {
  const { governance } = plan;
  return [
    ...plan.steps
      .filter((s) => CORE_ROLES.has(s.role))
      .map((s): [string, string] => [s.address, s.id]),
    [plan.token, "token"],
    [governance.ownersSafe.address, "ownersSafe"],
    ...governance.guardians.map((g, i): [string, string] => [g.address, `guardian${i}`]),
    [governance.treasury, "treasury"],
    [governance.arbitrator, "arbitrator"],
  ];
}

/** One line per core creation: `Name(names of the addresses in its encoded constructor arguments)`. */
async function describePlan(plan: DeploymentPlan): Promise<string> {
  const known = knownAddresses(plan).map(([address, name]) => [
    zeroPadValue(getAddress(address), 32).toLowerCase(),
    name,
  ]);
  let text = "";
  for (const step of plan.steps.filter((s) => CORE_ROLES.has(s.role))) {
    const { abi } = await hre.artifacts.readArtifact(step.artifact);
    const encoded = new Interface(abi).encodeDeploy(step.args).slice(2);
    const names: string[] = [];
    for (let offset = 0; offset + 64 <= encoded.length; offset += 64) {
      const word = `0x${encoded.slice(offset, offset + 64)}`;
      const match = known.find(([padded]) => padded === word);
      if (match !== undefined && word !== toBeHex(0, 32)) names.push(match[1]);
    }
    text += `${step.id}(${names.join(", ")})\n`;
  }
  return text;
}

describe("deployment order: the Solidity tests' deployer follows deploy/plan.ts", () => {
  it("test/fixtures/deployment-order.txt is planDeployment's order and wiring for config/hardhat.json", async () => {
    const config = loadNetworkConfig(join(ROOT, "config", "hardhat.json"));
    const localAccounts = Array.from({ length: 10 }, (_, i) => getAddress(toBeHex(0x1000 + i, 20)));
    const plan = planDeployment({
      config,
      network: "hardhat",
      deployer: getAddress(toBeHex(0xde9, 20)),
      startNonce: 0,
      localAccounts,
    });
    const expected = await describePlan(plan);
    if (process.env.MANDATE_UPDATE_FIXTURES === "1") writeFileSync(FIXTURE, expected);
    assert.equal(
      readFileSync(FIXTURE, "utf8"),
      expected,
      "test/fixtures/deployment-order.txt differs from deploy/plan.ts: change " +
        "test/utils/SystemDeployer.sol to match, then rewrite the fixture with " +
        "MANDATE_UPDATE_FIXTURES=1 npx hardhat test mocha test/deploy/deployment-order.test.ts",
    );
    // The core of a plan is the timelock, every module, then SystemPause: nothing is left out.
    assert.equal(expected.split("\n").filter(Boolean).length, plan.modules.length + 2);
  });
});
