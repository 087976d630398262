// What a strategy decides. Strategies never touch the chain: the runner (sim/run.ts) shows each one
// the jobs it is party to, as read from JobRegistry (the leases, as read from LeaseAgreement, in
// sim/leases.ts), and sends what it decides through the adapter (sim/chain/mandate.ts). So every consequence — escrow, fees, slashing, bonds, reputation — is the
// contracts' own.
import type { Prng } from "../prng.ts";

/** The quality of a submitted result, known to the simulation (the chain sees only a hash). */
export type Quality = "good" | "bad";

export interface JobSeen {
  id: bigint;
  /** The quality of the submitted result, once there is one. */
  quality?: Quality;
}

/** A lease as its parties see it: its price against the product's listing, from LeaseAgreement. */
export interface LeaseSeen {
  id: bigint;
  /** What the lease's term costs a second (its escrow over its term). */
  pricePerSecond: bigint;
  /** What the product asks a second now (after its earner's repricing in this phase). */
  listedPerSecond: bigint;
}

export interface Strategy {
  name: string;
  /**
   * Employers post and review jobs; agents take and do them; a pair is one of each, colluding.
   * Earners list a data product and are paid for its leases; lessees lease it.
   */
  role: "employer" | "agent" | "pair" | "earner" | "lessee";
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
  /**
   * Earners: the price it lists, given whether a lessee depends on its product (a lease of it runs,
   * or ended since the last phase and its lessee is about to lease again): the scenario's going
   * price or its hold-up price.
   */
  asks?(lesseeDepends: boolean): "going" | "hold-up";
  /** Earners: whether it revokes consent for a running lease of its product. */
  revokes?(lease: LeaseSeen): boolean;
  /** Lessees: whether it disputes a lease whose term has ended, within the dispute window. */
  disputesLease?(lease: LeaseSeen, rng: Prng): boolean;
}
