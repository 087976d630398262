// Every strategy by name, as scenario files name them.
import { colludingPair } from "./colluding-pair.ts";
import { disputingLessee } from "./disputing-lessee.ts";
import { frivolousDisputer } from "./frivolous-disputer.ts";
import { griefingEmployer } from "./griefing-employer.ts";
import { honestAgent } from "./honest-agent.ts";
import { honestEarner } from "./honest-earner.ts";
import { honestEmployer } from "./honest-employer.ts";
import { honestLessee } from "./honest-lessee.ts";
import { jobSquatter } from "./job-squatter.ts";
import { lazyAgent } from "./lazy-agent.ts";
import { revokingEarner } from "./revoking-earner.ts";
import type { Strategy } from "./types.ts";

export const STRATEGIES: Readonly<Record<string, Strategy>> = Object.fromEntries(
  [
    honestEmployer,
    griefingEmployer,
    honestAgent,
    lazyAgent,
    frivolousDisputer,
    jobSquatter,
    colludingPair,
    honestEarner,
    revokingEarner,
    honestLessee,
    disputingLessee,
  ].map((s) => [s.name, s]),
);
