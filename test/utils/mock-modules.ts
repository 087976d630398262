// Extra MockModule entries for tests and benchmarks that grow the system: each one a declared module
// with two parameters, deployed, paused and governed like the real ones.
import { parameter } from "../../deploy/manifest/parameters.ts";
import { defineModule, type ModuleEntry } from "../../deploy/modules.ts";

/** `count` MockModules named Mock0..Mock<count-1>, parameters FEE (integer) and WINDOW (duration). */
export function mockModules(count: number): ModuleEntry[] {
  return Array.from({ length: count }, (_, i) =>
    defineModule({
      name: `Mock${i}`,
      artifact: "MockModule",
      parameters: {
        FEE: parameter.integer({ min: 0n, max: 1_000n }, "MockModule bounds"),
        WINDOW: parameter.duration({ min: 3_600n, max: 30n * 86_400n }, "MockModule bounds"),
      },
      constructorArgs: (context, params) => [
        context.timelock,
        context.systemPause,
        params.FEE,
        params.WINDOW,
      ],
    }),
  );
}

/** The manifest values of the mock modules: FEE 25, WINDOW 2d. */
export const MOCK_MODULE_VALUES = { FEE: 25, WINDOW: "2d" };
