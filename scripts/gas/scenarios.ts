// The table of measured operations. Each scenario starts from a fresh copy of its fixture (a chain
// snapshot), brings about its documented state in `setup`, then sends the one measured transaction in
// `act`. A new user-facing operation (JobRegistry create/take/submit/accept, lease open/settle/revoke,
// dispute open/rule, ...) is one more entry in its module's file under scripts/gas/scenarios/, a budget in
// gas/budgets.json and a line in docs/gas.md.
import type { ContractTransactionResponse } from "ethers";

import { governanceScenarios } from "./scenarios/governance.ts";
import { leasesScenarios } from "./scenarios/leases.ts";
import { marketScenarios } from "./scenarios/market.ts";
import { pauseScenarios } from "./scenarios/pause.ts";
import { stakingScenarios } from "./scenarios/staking.ts";
import type { MandateSystem } from "./system.ts";

/** Which deployment a scenario starts from (see fixtures in measure.ts). */
export type FixtureName = "foundation" | "foundationWithEightModules" | "market";

export interface GasScenario {
  /** The key in gas/snapshot.json and gas/budgets.json: `Contract.function:case`. */
  name: string;
  fixture: FixtureName;
  /** The state the measured transaction meets: which slots go zero→nonzero, which accounts are paid. */
  state: string;
  /** Brings the fixture to `state`; its transactions are not measured. */
  setup?: (system: MandateSystem) => Promise<void>;
  /** Sends the one measured transaction. */
  act: (system: MandateSystem) => Promise<ContractTransactionResponse>;
}

/** Every measured operation, in the order of gas/snapshot.json and the printed table. */
export const scenarios: GasScenario[] = [
  ...stakingScenarios,
  ...leasesScenarios,
  ...pauseScenarios,
  ...marketScenarios,
  ...governanceScenarios,
];
