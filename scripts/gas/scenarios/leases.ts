// Gas scenarios of LeaseAgreement: products, leases, revocation, settlement, credits and disputes.
import type { GasScenario } from "../scenarios.ts";
import { approveLease, listLeaseProduct, openLease } from "../steps.ts";
import { LEASE_CONSENT_HASH, LEASE_DISPUTE_WINDOW, LEASE_PRICE_PER_SECOND } from "../system.ts";

const TOKEN = 10n ** 18n;
const DAY = 86_400n;
const LEASE_TERM = 10n * DAY;

export const leasesScenarios: GasScenario[] = [
  {
    name: "LeaseAgreement.listProduct",
    fixture: "foundation",
    state: "bob lists the first product (productCount and the product's three slots 0→nonzero)",
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.bob)
        .listProduct(LEASE_PRICE_PER_SECOND, 3_600, 30 * 86_400, LEASE_CONSENT_HASH),
  },
  {
    name: "LeaseAgreement.openLease:first",
    fixture: "foundation",
    state:
      "alice opens the first lease, 10 days (leaseCount and four lease slots 0→nonzero); exact approval; the module held no tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await approveLease(s, LEASE_TERM);
    },
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.alice)
        .openLease(
          1,
          s.accounts.bob.address,
          LEASE_TERM,
          LEASE_CONSENT_HASH,
          LEASE_PRICE_PER_SECOND * LEASE_TERM,
        ),
  },
  {
    name: "LeaseAgreement.openLease:subsequent",
    fixture: "foundation",
    state:
      "as openLease:first, but a lease is open already (leaseCount and the module's token balance nonzero→nonzero)",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await approveLease(s, LEASE_TERM);
    },
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.alice)
        .openLease(
          1,
          s.accounts.bob.address,
          LEASE_TERM,
          LEASE_CONSENT_HASH,
          LEASE_PRICE_PER_SECOND * LEASE_TERM,
        ),
  },
  {
    name: "LeaseAgreement.revokeConsent",
    fixture: "foundation",
    state:
      "bob revokes alice's 10-day lease after 4 days: status/endsAt/escrow reset, 6 days refunded to alice, who holds tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(4n * DAY);
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.bob).revokeConsent(1),
  },
  {
    name: "LeaseAgreement.settle",
    fixture: "foundation",
    state:
      "anyone (alice) settles the only lease after term and window: escrow nonzero→0 (refund); bob and the treasury, who hold tokens, are paid; the module's balance →0",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + LEASE_DISPUTE_WINDOW);
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).settle(1),
  },
  {
    name: "LeaseAgreement.claim",
    fixture: "foundation",
    state:
      "anyone (alice) claims bob's credit from a settled lease: credit nonzero→0, one transfer to bob, who holds tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + LEASE_DISPUTE_WINDOW);
      await (await s.leaseAgreement.connect(s.accounts.alice).settle(1)).wait();
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).claim(s.accounts.bob.address),
  },

  {
    name: "LeaseAgreement.dispute",
    fixture: "foundation",
    state:
      "alice disputes her 10-day lease one day after its term ended, inside the window: status Disputed; the (mock) DisputeModule opens its first dispute and pulls the bond (exact approval)",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + DAY);
      await (
        await s.token
          .connect(s.accounts.alice)
          .approve(await s.leaseAgreement.disputeModule(), TOKEN)
      ) // the mock's minimum bond
        .wait();
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).dispute(1),
  },
];
