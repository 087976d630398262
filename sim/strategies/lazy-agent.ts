import type { Strategy } from "./types.ts";

export const lazyAgent: Strategy = {
  name: "lazy-agent",
  role: "agent",
  behaviour:
    "Takes jobs and submits bad work, hoping the employer stays silent; accepts a rejection.",
  takes: true,
  work: () => "bad",
  disputes: () => false,
};
