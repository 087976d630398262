// What a strategy decides. Strategies never touch the chain: the runner (sim/run.ts) shows each one
// the jobs it is party to, as read from JobRegistry, and sends what it decides through the adapter
// (sim/chain/mandate.ts). So every consequence — escrow, fees, slashing, bonds, reputation — is the
// contracts' own.
import type { Prng } from "../prng.ts";

/** The quality of a submitted result, known to the simulation (the chain sees only a hash). */
export type Quality = "good" | "bad";

export interface JobSeen {
  id: bigint;
  /** The quality of the submitted result, once there is one. */
  quality?: Quality;
}

export interface Strategy {
  name: string;
  /** Employers post and review jobs; agents take and do them; a pair is one of each, colluding. */
  role: "employer" | "agent" | "pair";
  /** The behaviour in one sentence (printed in the report). */
  behaviour: string;
  /** Employers: whether to post a job this epoch (it has none open). */
  posts?(rng: Prng, postProbability: number): boolean;
  /** Employers: what to do with a submitted result. */
  review?(job: JobSeen, rng: Prng): "accept" | "reject" | "wait";
  /** Agents: whether it takes open jobs at all. */
  takes?: boolean;
  /** Agents: what it submits for a job it holds; `none` lets the deadline pass. */
  work?(job: JobSeen, rng: Prng): Quality | "none";
  /** Agents: whether it disputes the rejection of its result. */
  disputes?(job: JobSeen, rng: Prng): boolean;
}
