// A sweep worker (a child process of sim/sweep.ts): loads Hardhat's runtime once, then runs the
// parameter points it is sent, one at a time, and sends each result back.
import hre from "hardhat";

import { runPoint, type PointJob } from "./point.ts";
import { loadScenario } from "./scenario.ts";

const [manifestFile, scenarioFile] = process.argv.slice(2);
const scenario = loadScenario(scenarioFile);

process.on("message", (job: PointJob | "stop") => {
  // Hardhat's runtime may hold handles open: the worker ends itself when told to.
  if (job === "stop") process.exit(0);
  runPoint(hre, manifestFile, scenario, job).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: `${error.message}\n${error.stack ?? ""}` }),
  );
});
process.send!("ready");
