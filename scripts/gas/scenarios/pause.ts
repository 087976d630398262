// Gas scenarios of SystemPause: the switch over one module and over eight.
import type { GasScenario } from "../scenarios.ts";
import { execute, scheduleAndWait, unpauseAllCall } from "../steps.ts";

export const pauseScenarios: GasScenario[] = [
  {
    name: "SystemPause.pauseAll:1-module",
    fixture: "foundation",
    state: "the guardian pauses; StakeManager (the 1 registered module) is running",
    act: (s) => s.systemPause.connect(s.accounts.guardian).pauseAll(),
  },
  {
    name: "SystemPause.unpauseAll:1-module",
    fixture: "foundation",
    state:
      "the timelock's execute of a scheduled unpauseAll, delay elapsed; the 1 module is paused",
    setup: async (s) => {
      await (await s.systemPause.connect(s.accounts.guardian).pauseAll()).wait();
      await scheduleAndWait(s, await unpauseAllCall(s));
    },
    act: async (s) => execute(s, await unpauseAllCall(s)),
  },
  {
    name: "SystemPause.pauseAll:8-modules",
    fixture: "foundationWithEightModules",
    state: "the guardian pauses; StakeManager and 7 MockModules are registered and running",
    act: (s) => s.systemPause.connect(s.accounts.guardian).pauseAll(),
  },
  {
    name: "SystemPause.unpauseAll:8-modules",
    fixture: "foundationWithEightModules",
    state:
      "the timelock's execute of a scheduled unpauseAll, delay elapsed; all 8 modules are paused",
    setup: async (s) => {
      await (await s.systemPause.connect(s.accounts.guardian).pauseAll()).wait();
      await scheduleAndWait(s, await unpauseAllCall(s));
    },
    act: async (s) => execute(s, await unpauseAllCall(s)),
  },
];
