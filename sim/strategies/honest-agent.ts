import type { Strategy } from "./types.ts";

export const honestAgent: Strategy = {
  name: "honest-agent",
  role: "agent",
  behaviour: "Takes jobs, submits good work, and disputes a rejection of it.",
  takes: true,
  work: () => "good",
  disputes: (job) => job.quality === "good",
};
