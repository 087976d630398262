import type { Strategy } from "./types.ts";

export const griefingEmployer: Strategy = {
  name: "griefing-employer",
  role: "employer",
  behaviour:
    "Posts jobs and rejects every result, good or bad, hoping for its refund and a share of the agent's slashed stake.",
  posts: (rng, p) => rng.chance(p),
  review: () => "reject",
};
