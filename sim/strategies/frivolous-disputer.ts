import type { Strategy } from "./types.ts";

export const frivolousDisputer: Strategy = {
  name: "frivolous-disputer",
  role: "agent",
  behaviour:
    "Takes jobs, submits bad work, and disputes every rejection, betting on a wrong or silent arbitrator.",
  takes: true,
  work: () => "bad",
  disputes: () => true,
};
