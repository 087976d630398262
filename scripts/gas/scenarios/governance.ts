// Gas scenarios of MandateTimelock: scheduling and executing a parameter change.
import type { GasScenario } from "../scenarios.ts";
import { execute, schedule, scheduleAndWait, setParameterCall } from "../steps.ts";
import { UNBONDING_PERIOD } from "../system.ts";

export const governanceScenarios: GasScenario[] = [
  {
    name: "MandateTimelock.schedule:setParameter",
    fixture: "foundation",
    state:
      "the owners' Safe (an EOA here) schedules StakeManager.setParameter(UNBONDING_PERIOD, 14 days)",
    act: async (s) => schedule(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
  },
  {
    name: "MandateTimelock.execute:setParameter",
    fixture: "foundation",
    state:
      "the owners' Safe executes that scheduled call once the delay has elapsed; the parameter changes value",
    setup: async (s) => scheduleAndWait(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
    act: async (s) => execute(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
  },
];
