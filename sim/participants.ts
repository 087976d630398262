// The market's participants: one address per member of each population, made a SimAccount (code the
// batch driver acts through, sim/chain/driver.ts) and funded once per deployment (endowment minted,
// every spender approved, agents' stake deposited). Addresses are derived from labels, so the same
// scenario always has the same participants.
import { id, MaxUint256 } from "ethers";

import type { Action } from "./chain/driver.ts";
import type { Mandate } from "./chain/mandate.ts";
import type { Scenario } from "./scenario.ts";
import { STRATEGIES } from "./strategies/index.ts";
import type { Strategy } from "./strategies/types.ts";

export interface Participant {
  address: string;
  strategy: Strategy;
  role: "employer" | "agent" | "earner" | "lessee";
  /** For a colluding pair: the other member. */
  partner?: Participant;
  /** For a lessee: the earner whose product it leases (data products are not interchangeable). */
  earner?: Participant;
  /** For an earner: its product's id, set when it is listed (fundParticipants). */
  productId?: bigint;
}

/** The consent manifest hash an earner's product is listed under (a label: the sim reads no manifest). */
export function consentOf(earner: Participant): string {
  return id(`consent:${earner.address}`);
}

/** A price in tokens per day as LeaseAgreement lists it: tokens per second, rounded down. */
export function perSecond(perDay: bigint): bigint {
  return perDay / 86_400n;
}

/** A deterministic address for a label (no key: the chain is told to give it code, or to accept it as a sender). */
export function simAddress(label: string): string {
  return `0x${id(label).slice(26)}`;
}

/**
 * The sim's governance roles, the keeper who settles after silences, and the operator who sends the
 * batches. The arbitrator and the keeper act in batches (SimAccounts); the guardian sends its pause
 * as a transaction of its own.
 */
export const SIM_ROLES = {
  owners: simAddress("sim:owners"),
  guardian: simAddress("sim:guardian"),
  arbitrator: simAddress("sim:arbitrator"),
  treasury: simAddress("sim:treasury"),
  keeper: simAddress("sim:keeper"),
  operator: simAddress("sim:operator"),
};

export function participantsOf(scenario: Scenario): Participant[] {
  const out: Participant[] = [];
  for (const { strategy: name, count } of scenario.population) {
    const strategy = STRATEGIES[name];
    for (let i = 0; i < count; i++) {
      const label = `sim:${name}:${i}`;
      if (strategy.role === "pair") {
        const employer: Participant = {
          address: simAddress(`${label}:employer`),
          strategy,
          role: "employer",
        };
        const agent: Participant = {
          address: simAddress(`${label}:agent`),
          strategy,
          role: "agent",
        };
        employer.partner = agent;
        agent.partner = employer;
        out.push(employer, agent);
      } else {
        out.push({ address: simAddress(label), strategy, role: strategy.role });
      }
    }
  }
  // Each lessee leases from one earner, dealt in turn in population order.
  const earners = out.filter((p) => p.role === "earner");
  out
    .filter((p) => p.role === "lessee")
    .forEach((lessee, i) => (lessee.earner = earners[i % earners.length]));
  return out;
}

/** Funds every participant and lets the roles act; done once per deployment, before the snapshot. */
export async function fundParticipants(
  mandate: Mandate,
  scenario: Scenario,
  participants: readonly Participant[],
): Promise<void> {
  const { chain, driver } = mandate;
  await chain.addSender(SIM_ROLES.guardian);
  await chain.addSender(mandate.at.timelock);
  await driver.install([
    SIM_ROLES.arbitrator,
    SIM_ROLES.keeper,
    ...participants.map((p) => p.address),
  ]);
  const leases = scenario.leases;
  const actions: Action[] = [];
  /** Where in the batch each earner's listing is. */
  const listings: { earner: Participant; at: number }[] = [];
  for (const p of participants) {
    actions.push(mandate.mint(p.address, scenario.endowment));
    actions.push(...mandate.approveAll(p.address, MaxUint256));
    if (p.role === "agent") actions.push(mandate.deposit(p.address, scenario.agentStake));
    if (p.role === "earner" && leases !== undefined) {
      listings.push({ earner: p, at: actions.length });
      const price = perSecond(leases.pricePerDay);
      actions.push(mandate.leases.listProduct(p.address, price, leases.duration, consentOf(p)));
    }
  }
  const outcomes = await mandate.act(actions);
  const failed = outcomes.findIndex((o) => !o.ok);
  if (failed !== -1)
    throw new Error(
      `${actions[failed].from} could not be funded: ${mandate.describeRevert(outcomes[failed])}`,
    );
  // The listings' product ids, the same for every seed (each starts from the snapshot after this).
  for (const { earner, at } of listings) earner.productId = mandate.leases.createdId(outcomes[at]);
}
