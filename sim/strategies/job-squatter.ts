import type { Strategy } from "./types.ts";

export const jobSquatter: Strategy = {
  name: "job-squatter",
  role: "agent",
  behaviour: "Takes jobs and never submits, keeping them from other agents until they expire.",
  takes: true,
  work: () => "none",
  disputes: () => false,
};
