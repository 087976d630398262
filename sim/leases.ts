// The epoch's lease phase: every live lease and every earner's listing as read from LeaseAgreement,
// what each party's strategy does about them, sent as one batch (sim/chain/driver.ts). In batch
// order: earners reprice (sim/strategies: `asks`), then each lease's step (its earner revokes or
// settles, its lessee disputes, the arbitrator rules), then lessees without a running lease open
// one (a lessee whose lease is revoked in the batch leases again in the next phase, having read
// it). Planned from the chain before the batch, at the batch's own block time (the clock's next
// second), so "the term has ended" and "the window is open" are the contracts' own comparisons.
import type { Action } from "./chain/driver.ts";
import type { Mandate } from "./chain/mandate.ts";
import { LeaseStatus, type LeaseView } from "./chain/mandate-leases.ts";
import { arbitrate, tally, type CaseTally } from "./jobs.ts";
import { consentOf, perSecond, type Participant } from "./participants.ts";
import type { Prng } from "./prng.ts";
import type { Scenario } from "./scenario.ts";
import type { LeaseSeen } from "./strategies/types.ts";

/** What the simulation knows about a lease beyond the chain: its parties and its dispute. */
export interface TrackedLease {
  id: bigint;
  lessee: Participant;
  earner: Participant;
  disputeId?: bigint;
}

export interface LeaseContext {
  /** The batch's block time. */
  now: bigint;
  /** The epoch's length: a lease with less than half of one left is renewed now. */
  epoch: bigint;
  rng: Prng;
  scenario: Scenario;
  /** Each earner's product's price per second as listed before the batch, by earner address. */
  listed: ReadonlyMap<string, bigint>;
  /** The ruling deadline of each disputed lease's dispute (needed only without an arbitrator). */
  ruleBy: ReadonlyMap<bigint, bigint>;
}

/** One action of the phase and what its success teaches the simulation. */
export type LeaseStep =
  | { kind: "reprice"; action: Action }
  | { kind: "revoke" | "settle"; action: Action; lease: TrackedLease }
  | { kind: "dispute"; action: Action; lease: TrackedLease }
  | { kind: "rule"; action: Action; lease: TrackedLease }
  | { kind: "open"; action: Action; lessee: Participant };

const FINAL = new Set<number>([LeaseStatus.Settled, LeaseStatus.Refunded]);

/** Whose tokens a step may move besides its sender's: a lease's two parties (paid, refunded, bonded). */
function partiesOf(step: LeaseStep): string[] {
  if (step.kind === "reprice") return [];
  if (step.kind === "open") return [step.lessee.earner!.address];
  return [step.lease.earner.address, step.lease.lessee.address];
}

/** A lease that will still run at the next epoch (one ending sooner is renewed now). */
function running(view: LeaseView, ctx: LeaseContext): boolean {
  return view.status === LeaseStatus.Active && view.endsAt - ctx.now >= ctx.epoch / 2n;
}

/**
 * Whether a lessee depends on the lease's product: the lease runs into the next epoch, or was
 * revoked since the last phase (its lessee, cut off mid-term, is about to lease again). A term that
 * ends now or soon does not count: its lessee is free to choose again at renewal.
 */
function depended(view: LeaseView, ctx: LeaseContext): boolean {
  if (running(view, ctx)) return true;
  return view.status === LeaseStatus.Revoked && ctx.now - view.endsAt < (3n * ctx.epoch) / 2n;
}

/** The lease's own price a second: its escrow (the term's price until revoked) over its term. */
function priceOf(view: LeaseView): bigint {
  // A revoked lease's escrow is the price of the seconds it ran, so the quotient holds for it too.
  const term = view.endsAt - view.startedAt;
  return term === 0n ? 0n : view.escrow / term;
}

/**
 * The phase's steps, in batch order, from the leases' views (`views[i]` is `leases[i]`'s) and the
 * listed prices. Pure: the strategies decide, the contracts do the rest.
 */
export function planLeases(
  mandate: Mandate,
  participants: readonly Participant[],
  leases: readonly TrackedLease[],
  views: readonly LeaseView[],
  ctx: LeaseContext,
): LeaseStep[] {
  const terms = ctx.scenario.leases;
  if (terms === undefined) return [];
  const asked = new Map<string, bigint>();
  const reprices: LeaseStep[] = [];
  for (const earner of participants) {
    if (earner.role !== "earner") continue;
    const depends = leases.some((l, i) => l.earner === earner && depended(views[i], ctx));
    const ask = earner.strategy.asks!(depends);
    const price = perSecond(ask === "going" ? terms.pricePerDay : terms.holdUpPricePerDay);
    asked.set(earner.address, price);
    if (price === ctx.listed.get(earner.address)) continue;
    const at = [
      earner.address,
      earner.productId!,
      price,
      terms.duration,
      consentOf(earner),
    ] as const;
    reprices.push({ kind: "reprice", action: mandate.leases.reprice(...at) });
  }
  const steps: LeaseStep[] = [];
  const held = new Set<Participant>();
  for (const [i, lease] of leases.entries()) {
    const view = views[i];
    const step = planLease(mandate, lease, view, asked.get(lease.earner.address)!, ctx);
    // A lessee learns of a revocation from the chain, after this batch: it leases again next phase.
    if (running(view, ctx)) held.add(lease.lessee);
    if (step !== null) steps.push(step);
  }
  // A lessee without a lease that runs into the next epoch opens one, at most its budget.
  const opens: LeaseStep[] = participants
    .filter((p) => p.role === "lessee" && !held.has(p))
    .map((lessee) => {
      const { address, productId } = lessee.earner!;
      const budget = perSecond(terms.budgetPerDay) * terms.duration;
      const consent = consentOf(lessee.earner!);
      const action = mandate.leases.open(
        lessee.address,
        productId!,
        address,
        terms.duration,
        consent,
        budget,
      );
      return { kind: "open", action, lessee };
    });
  return [...reprices, ...steps, ...opens];
}

/** One lease's step: its earner revokes or settles, its lessee disputes, or the arbitrator rules. */
function planLease(
  mandate: Mandate,
  lease: TrackedLease,
  view: LeaseView,
  listedPerSecond: bigint,
  ctx: LeaseContext,
): LeaseStep | null {
  const { now } = ctx;
  const { earner, lessee } = lease;
  if (view.status === LeaseStatus.Disputed) return planRuling(mandate, lease, ctx);
  if (view.status !== LeaseStatus.Active && view.status !== LeaseStatus.Revoked)
    throw new Error(`lease ${lease.id}: unexpected status ${view.status}`);
  if (now >= view.closesAt)
    return { kind: "settle", action: mandate.leases.settle(earner.address, lease.id), lease };
  const seen: LeaseSeen = { id: lease.id, pricePerSecond: priceOf(view), listedPerSecond };
  if (now < view.endsAt) {
    return view.status === LeaseStatus.Active && earner.strategy.revokes!(seen)
      ? { kind: "revoke", action: mandate.leases.revoke(earner.address, lease.id), lease }
      : null;
  }
  return lessee.strategy.disputesLease!(seen, ctx.rng)
    ? { kind: "dispute", action: mandate.leases.dispute(lessee.address, lease.id), lease }
    : null;
}

/** The arbitrator's step (sim/jobs.ts): the lessees here dispute without cause, so never right. */
function planRuling(mandate: Mandate, lease: TrackedLease, ctx: LeaseContext): LeaseStep | null {
  const action = arbitrate(mandate, lease.disputeId!, false, ctx, `lease ${lease.id}`);
  return action === null ? null : { kind: "rule", action, lease };
}

/**
 * The lease phase: read, plan, one batch, learn (new leases, disputes opened, cases decided, leases
 * settled for good). `leases` is the run's live leases, updated in place.
 */
export async function stepLeases(
  mandate: Mandate,
  scenario: Scenario,
  participants: readonly Participant[],
  leases: Map<bigint, TrackedLease>,
  rng: Prng,
  cases: CaseTally,
): Promise<void> {
  const earners = participants.filter((p) => p.role === "earner");
  if (earners.length === 0) return;
  const live = [...leases.values()];
  const read = await mandate.leases.read(
    live.map((l) => l.id),
    earners.map((e) => e.productId!),
  );
  const ctx: LeaseContext = {
    now: mandate.chain.clock,
    epoch: scenario.epoch,
    rng,
    scenario,
    listed: new Map(earners.map((e, i) => [e.address, read.prices[i]])),
    ruleBy: await rulingDeadlines(mandate, scenario, live, read.leases),
  };
  const current: TrackedLease[] = [];
  const views: LeaseView[] = [];
  live.forEach((lease, i) => {
    if (FINAL.has(read.leases[i].status)) leases.delete(lease.id);
    else {
      current.push(lease);
      views.push(read.leases[i]);
    }
  });
  const steps = planLeases(mandate, participants, current, views, ctx);
  const outcomes = await mandate.act(steps.map((s) => ({ ...s.action, touches: partiesOf(s) })));
  const decided: TrackedLease[] = [];
  for (const [i, step] of steps.entries()) {
    if (!outcomes[i].ok) continue;
    if (step.kind === "open") {
      const id = mandate.leases.createdId(outcomes[i]);
      leases.set(id, { id, lessee: step.lessee, earner: step.lessee.earner! });
    } else if (step.kind === "dispute")
      step.lease.disputeId = mandate.leases.createdId(outcomes[i]);
    else if (step.kind === "settle") leases.delete(step.lease.id);
    else if (step.kind === "rule") decided.push(step.lease);
  }
  if (decided.length === 0) return;
  const after = await mandate.leases.read(
    decided.map((l) => l.id),
    [],
  );
  // Who won is read from the lease afterwards: refunded means the lessee did.
  decided.forEach((lease, i) => {
    const lesseeWon = after.leases[i].status === LeaseStatus.Refunded;
    tally(cases, lease.lessee.address, lesseeWon);
    tally(cases, lease.earner.address, !lesseeWon);
    leases.delete(lease.id);
  });
}

/** Without an arbitrator, the ruling deadline of each disputed lease's dispute (one call). */
async function rulingDeadlines(
  mandate: Mandate,
  scenario: Scenario,
  live: readonly TrackedLease[],
  views: readonly LeaseView[],
): Promise<Map<bigint, bigint>> {
  if ("accuracy" in scenario.arbitrator) return new Map();
  const disputes = live
    .filter((l, i) => views[i].status === LeaseStatus.Disputed)
    .map((l) => l.disputeId!);
  const deadlines = await mandate.rulesBy(disputes);
  return new Map(disputes.map((d, i) => [d, deadlines[i]]));
}
