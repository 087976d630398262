// A sweep worker (a child process of sim/sweep.ts): loads Hardhat's runtime once, then runs the
// parameter points it is sent, one at a time, and sends each result back.
import hre from "hardhat";

import { ENGINES, runPoint, type Engine, type PointJob } from "./point.ts";
import { loadScenario } from "./scenario.ts";

const [manifestFile, scenarioFile, engine = "anvil"] = process.argv.slice(2);
if (!ENGINES.includes(engine as Engine))
  throw new Error(`a sweep worker: unknown engine ${engine}`);
const scenario = loadScenario(scenarioFile);

process.on("message", (job: PointJob | "stop") => {
  // Hardhat's runtime may hold handles open: the worker ends itself when told to.
  if (job === "stop") process.exit(0);
  runPoint(hre, manifestFile, scenario, job, engine as Engine).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: `${error.message}\n${error.stack ?? ""}` }),
  );
});
process.send!("ready");
