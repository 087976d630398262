import type { Strategy } from "./types.ts";

export const honestEmployer: Strategy = {
  name: "honest-employer",
  role: "employer",
  behaviour: "Posts jobs; accepts good work and rejects bad work within the review window.",
  posts: (rng, p) => rng.chance(p),
  review: (job) => (job.quality === "good" ? "accept" : "reject"),
};
