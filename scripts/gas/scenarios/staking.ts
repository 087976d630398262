// Gas scenarios of StakeManager: deposits, withdrawals and the module calls lock, release and slash.
import type { GasScenario } from "../scenarios.ts";
import { approveExactly, stake } from "../steps.ts";
import { INITIAL_TOKENS, UNBONDING_PERIOD } from "../system.ts";

const TOKEN = 10n ** 18n;
const DEPOSIT = 100n * TOKEN;
const UNBOND = 40n * TOKEN;
const LOCK = 60n * TOKEN;

export const stakingScenarios: GasScenario[] = [
  {
    name: "StakeManager.deposit:first",
    fixture: "foundation",
    state:
      "alice's first deposit (her stake slot 0→nonzero); others staked before; exact approval (allowance →0); alice keeps tokens",
    setup: (s) => approveExactly(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.alice).deposit(DEPOSIT),
  },
  {
    name: "StakeManager.deposit:subsequent",
    fixture: "foundation",
    state:
      "alice has free stake already (stake slot nonzero→nonzero); exact approval; alice keeps tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await approveExactly(s, s.accounts.alice, DEPOSIT);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).deposit(DEPOSIT),
  },
  {
    name: "StakeManager.requestWithdrawal:first",
    fixture: "foundation",
    state: "alice has free stake, nothing unbonding (unbonding slot 0→nonzero)",
    setup: (s) => stake(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND),
  },
  {
    name: "StakeManager.requestWithdrawal:again",
    fixture: "foundation",
    state:
      "alice has stake unbonding already; the request adds to it and restarts the clock (nonzero→nonzero)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND / 2n),
  },
  {
    name: "StakeManager.cancelWithdrawal",
    fixture: "foundation",
    state: "alice has free and unbonding stake; the unbonding slot goes nonzero→0 (refund)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).cancelWithdrawal(),
  },
  {
    name: "StakeManager.withdraw",
    fixture: "foundation",
    state:
      "alice's unbonding period has elapsed; unbonding slot nonzero→0 (refund); token transfer to alice, who holds tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
      await s.connection.networkHelpers.time.increase(UNBONDING_PERIOD);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).withdraw(),
  },
  {
    name: "StakeManager.withdraw:empty-wallet",
    fixture: "foundation",
    state:
      "as withdraw, but alice had staked all her tokens: her token balance goes 0→nonzero (the costliest case)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, INITIAL_TOKENS);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
      await s.connection.networkHelpers.time.increase(UNBONDING_PERIOD);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).withdraw(),
  },

  // ------------------------------------------------------------ StakeManager, modules
  {
    name: "StakeManager.lock",
    fixture: "foundation",
    state:
      "an authorised module (EOA) locks part of alice's free stake; its first lock on her (lockedBy 0→nonzero)",
    setup: (s) => stake(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK),
  },
  {
    name: "StakeManager.release",
    fixture: "foundation",
    state: "the module releases its whole lock on alice (lockedBy nonzero→0, refund)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.module).release(s.accounts.alice.address, LOCK),
  },
  {
    name: "StakeManager.slash",
    fixture: "foundation",
    state:
      "the module slashes its whole lock on alice to the treasury (lockedBy nonzero→0, refund); the treasury holds tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) =>
      s.stakeManager
        .connect(s.accounts.module)
        .slash(s.accounts.alice.address, LOCK, s.accounts.treasury.address),
  },
  {
    name: "StakeManager.slash:new-recipient",
    fixture: "foundation",
    state:
      "as slash, but to an account holding no tokens: its balance goes 0→nonzero (the costliest case)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) =>
      s.stakeManager
        .connect(s.accounts.module)
        .slash(s.accounts.alice.address, LOCK, s.accounts.newcomer.address),
  },
];
