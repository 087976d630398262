// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";
import {SystemDeployer} from "../../test/utils/SystemDeployer.sol";
import {InvariantBase} from "../base/InvariantBase.sol";
import {GovernanceHandler} from "../handlers/GovernanceHandler.sol";
import {JobStates, MarketHandler} from "../handlers/MarketHandler.sol";
import {SwitchHandler} from "../handlers/SwitchHandler.sol";

/// @title MarketProperties
/// @notice The job market's properties (JR-xx and DM-xx in invariants/PROPERTIES.md) as read-only
/// checks on JobRegistry, DisputeModule, StakeManager and the handler's ghost state. Every assertion
/// message starts with the property id.
abstract contract MarketProperties is InvariantBase {
    using JobStates for IJobRegistry.JobStatus;

    address internal arbitrator = makeAddr("arbitratorSafe");
    address internal treasury = makeAddr("treasury");

    ReputationEngine internal reputation;
    DisputeModule internal disputes;
    JobRegistry internal registry;
    MarketHandler internal marketHandler;
    /// @notice The guardian's pause and governance's unpause, shared by every user handler of a suite.
    SwitchHandler internal switchHandler;
    /// @notice Governance moving every parameter of the governed modules through the timelock (SY-07).
    GovernanceHandler internal governanceHandler;

    /// @dev Deploys the whole system of deploy/modules.ts (SystemDeployer, the test defaults), then
    /// the switch and market handlers. LeaseAgreement is deployed but idle in this suite.
    function _setUpMarketHandler() internal {
        _useMarket(_deployFullSystem(treasury, arbitrator));
        _setUpSwitchAndMarketHandlers();
    }

    /// @dev Keeps the market modules of a deployed system.
    function _useMarket(SystemDeployer.System memory system) internal {
        reputation = system.reputation;
        disputes = system.disputes;
        registry = system.registry;
    }

    function _setUpSwitchAndMarketHandlers() internal {
        // The token's issuer can freeze an address (FreezableToken, same ERC20 storage layout): the
        // market handler freezes parties at random (JR-09).
        vm.etch(address(token), address(new FreezableToken()).code);
        switchHandler = new SwitchHandler(systemPause, timelock, governanceSafe, guardian);
        governanceHandler = new GovernanceHandler(
            timelock,
            governanceSafe,
            switchHandler,
            _governedModules()
        );
        marketHandler = new MarketHandler(
            registry,
            switchHandler,
            timelock,
            governanceSafe,
            arbitrator,
            governanceHandler
        );
    }

    /// @dev The modules whose every parameter governance moves in the suite: JobRegistry here (its
    /// jobs keep their terms from entry, JR-10; the market handler reads UNGATED_REWARD from the
    /// governance handler's record, JR-12); the system suite adds the other modules.
    function _governedModules() internal view virtual returns (IMandateModule[] memory governed) {
        governed = new IMandateModule[](1);
        governed[0] = IMandateModule(address(registry));
    }

    /// @dev Weighted towards the later steps of a job (a dispute needs five calls in order). Staking
    /// and governance are a few draws each.
    function _marketHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        MarketHandler h;
        bytes4[29] memory weighted = [
            h.createJob.selector,
            h.createJob.selector,
            h.takeJob.selector,
            h.takeJob.selector,
            h.submitResult.selector,
            h.submitResult.selector,
            h.acceptResult.selector,
            h.rejectResult.selector,
            h.rejectResult.selector,
            h.disputeRejection.selector,
            h.disputeRejection.selector,
            h.disputeRejection.selector,
            h.finaliseAccepted.selector,
            h.finaliseRejection.selector,
            h.cancelJob.selector,
            h.expireJob.selector,
            h.rule.selector,
            h.resolveByDefault.selector,
            h.resolveByDefault.selector,
            h.warp.selector,
            h.stakeDeposit.selector,
            h.stakeRequestWithdrawal.selector,
            h.stakeCancelWithdrawal.selector,
            h.stakeWithdraw.selector,
            h.governance_setReputationClient.selector,
            h.reclaimJob.selector,
            h.claim.selector,
            h.freezeParty.selector,
            h.newcomerTakesJob.selector
        ];
        selectors = new bytes4[](weighted.length);
        for (uint256 i; i < weighted.length; ++i) {
            selectors[i] = weighted[i];
        }
    }

    /// @dev The switch: forge draws a selector uniformly over every target's list, so the unpause is
    /// listed three times to keep paused stretches a few calls long (about 1 call in 7 is paused).
    function _switchHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](4);
        selectors[0] = SwitchHandler.guardian_pauseAll.selector;
        selectors[1] = SwitchHandler.governance_unpauseAll.selector;
        selectors[2] = SwitchHandler.governance_unpauseAll.selector;
        selectors[3] = SwitchHandler.governance_unpauseAll.selector;
    }

    function _checkMarket() internal view {
        check_JR01_escrowCoversOpenJobs();
        check_JR02_rewardFlows();
        check_JR03_noJobPaidTwice();
        check_JR04_forwardOnlyStates();
        check_JR05_stakeLockedForLiveJobs();
        check_JR06_pausedMarketRefuses();
        check_JR07_reputationEarnedOnly();
        check_JR08_agentStakeConserved();
        check_JR09_noPartyFreezesAnother();
        check_JR10_settledOnEntryTerms();
        check_JR11_idleJobsReclaimable();
        check_JR12_newcomersCanEnter();
        check_JR13_reputationPaidFor();
        check_DM01_bondsCoverOpenDisputes();
        check_DM02_bondFlows();
        check_DM03_overdueDisputesResolve();
        check_SY07_governanceMovesEveryParameter();
    }

    /// @dev The governance handler's one action, for a suite's targetSelector.
    function _governanceHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](1);
        selectors[0] = GovernanceHandler.setParameter.selector;
    }

    /// SY-07: governance moves every parameter of the governed modules through the timelock, within
    /// bounds (one change in eight is tried just outside them and must be refused, each in-bounds one
    /// must execute), and every parameter reads what governance last executed.
    function check_SY07_governanceMovesEveryParameter() public view {
        _eq(
            governanceHandler.ghost_outOfBoundsAccepted(),
            0,
            "SY-07 an out-of-bounds parameter change executed"
        );
        _eq(
            governanceHandler.ghost_inBoundsRefused(),
            0,
            "SY-07 an in-bounds parameter change was refused"
        );
        IMandateModule[] memory governed = governanceHandler.modules();
        for (uint256 m; m < governed.length; ++m) {
            bytes32[] memory keys = governed[m].parameterKeys();
            for (uint256 k; k < keys.length; ++k) {
                _eq(
                    governed[m].parameter(keys[k]),
                    governanceHandler.ghost_parameter(address(governed[m]), keys[k]),
                    "SY-07 a parameter differs from what governance last executed"
                );
            }
        }
    }

    /// JR-01: JobRegistry's token balance equals the sum of the rewards of unfinished jobs plus what it
    /// has credited its parties and not yet paid (settlements are pull payments).
    function check_JR01_escrowCoversOpenJobs() public view {
        uint256 count = registry.jobCount();
        uint256 escrowed;
        for (uint256 jobId = 1; jobId <= count; ++jobId) {
            IJobRegistry.Job memory j = registry.job(jobId);
            if (j.status.escrowed()) escrowed += j.reward;
        }
        _eq(
            token.balanceOf(address(registry)),
            escrowed + marketHandler.registryCredits(),
            "JR-01 JobRegistry balance differs from the rewards of unfinished jobs + credits owed"
        );
    }

    /// JR-02: rewards escrowed over all time = rewards paid out or refunded (credited) + JobRegistry's
    /// balance less its unpaid credits (slashes credited to employers among them).
    function check_JR02_rewardFlows() public view {
        _eq(
            marketHandler.ghost_rewardsIn(),
            marketHandler.ghost_rewardsOut() +
                token.balanceOf(address(registry)) -
                marketHandler.registryCredits(),
            "JR-02 rewards in differ from rewards out + held"
        );
    }

    /// JR-03: no job's escrow pays out twice, and every finished job's paid exactly once.
    function check_JR03_noJobPaidTwice() public view {
        uint256 count = registry.jobCount();
        for (uint256 jobId = 1; jobId <= count; ++jobId) {
            uint256 payouts = marketHandler.ghost_payouts(jobId);
            _le(payouts, 1, "JR-03 a job's escrow paid out more than once");
            if (marketHandler.ghost_status(jobId).paysOut())
                _eq(payouts, 1, "JR-03 a finished job was not paid exactly once");
        }
    }

    /// JR-04: every transition the handler saw is an edge of the job state machine, and every job's
    /// status on chain is the one its last recorded transition left.
    function check_JR04_forwardOnlyStates() public view {
        _eq(marketHandler.ghost_illegalTransitions(), 0, "JR-04 a job moved along no allowed edge");
        uint256 count = registry.jobCount();
        for (uint256 jobId = 1; jobId <= count; ++jobId) {
            _eq(
                uint256(registry.job(jobId).status),
                uint256(marketHandler.ghost_status(jobId)),
                "JR-04 a job's status changed outside a recorded transition"
            );
        }
    }

    /// JR-05: the stake JobRegistry holds locked for each agent is the sum of the job stakes of the
    /// agent's taken, submitted, rejected and disputed jobs.
    function check_JR05_stakeLockedForLiveJobs() public view {
        address[] memory agents = marketHandler.agents();
        uint256 count = registry.jobCount();
        for (uint256 a; a < agents.length; ++a) {
            uint256 expected;
            for (uint256 jobId = 1; jobId <= count; ++jobId) {
                IJobRegistry.Job memory j = registry.job(jobId);
                if (j.agent == agents[a] && j.status.locksStake()) expected += j.stake;
            }
            _eq(
                stakeManager.lockedBy(address(registry), agents[a]),
                expected,
                "JR-05 stake locked by JobRegistry differs from the agent's live jobs"
            );
        }
    }

    /// JR-06: while the switch is paused no market or staking action succeeds, and JobRegistry,
    /// DisputeModule and ReputationEngine are paused exactly when the switch is.
    function check_JR06_pausedMarketRefuses() public view {
        _eq(marketHandler.ghost_pausedSuccesses(), 0, "JR-06 a market action ran while paused");
        bool paused = switchHandler.ghost_systemPaused();
        _eq(registry.paused(), paused, "JR-06 JobRegistry pause differs from the switch");
        _eq(disputes.paused(), paused, "JR-06 DisputeModule pause differs from the switch");
        _eq(reputation.paused(), paused, "JR-06 ReputationEngine pause differs from the switch");
    }

    /// JR-07: an agent's score rises only in the step that moved one of its jobs to Accepted while
    /// JobRegistry was authorised on ReputationEngine, never exceeds the cap, and JobRegistry is
    /// authorised there exactly as governance last set it (jobs settle either way: JR-03, DM-03).
    function check_JR07_reputationEarnedOnly() public view {
        _eq(marketHandler.ghost_unearnedRises(), 0, "JR-07 a score rose without an accepted job");
        address[] memory agents = marketHandler.agents();
        uint256 cap = reputation.scoreCap();
        for (uint256 a; a < agents.length; ++a) {
            _le(reputation.scoreOf(agents[a]), cap, "JR-07 a score is above the cap");
        }
        _eq(
            reputation.isAuthorisedModule(address(registry)),
            marketHandler.ghost_reputationClient(),
            "JR-07 JobRegistry's reputation authority differs from governance's"
        );
    }

    /// JR-08: each agent's stake (free + locked + unbonding) equals its deposits less its withdrawals
    /// and the slashes of its expired and finally rejected jobs (the deployed share of each job's
    /// stake); StakeManager's balance = totalStaked = the agents' stakes = deposits - withdrawals - slashes.
    function check_JR08_agentStakeConserved() public view {
        address[] memory agents = marketHandler.agents();
        uint256 sum;
        for (uint256 a; a < agents.length; ++a) {
            IStakeManager.Stake memory st = stakeManager.stakeOf(agents[a]);
            uint256 total = uint256(st.free) + st.locked + st.unbonding;
            _eq(
                total,
                marketHandler.ghost_agentStake(agents[a]),
                "JR-08 an agent's stake differs from deposits - withdrawals - slashes"
            );
            sum += total;
        }
        _eq(stakeManager.totalStaked(), sum, "JR-08 totalStaked differs from the agents' stakes");
        _eq(
            token.balanceOf(address(stakeManager)),
            marketHandler.ghost_stakeDeposited() -
                marketHandler.ghost_stakeWithdrawn() -
                marketHandler.ghost_stakeSlashed(),
            "JR-08 StakeManager's balance differs from deposits - withdrawals - slashes"
        );
    }

    /// JR-09: no party freezes another: every settlement that was due (its window or deadline over,
    /// the system running) succeeded whoever the token's issuer had frozen (employers, agents, the
    /// treasury), no settlement transferred a token out of JobRegistry (it only credits), and every
    /// claim, made by a stranger, paid the credited party exactly its credit (and succeeded unless
    /// that party was frozen or the system paused).
    function check_JR09_noPartyFreezesAnother() public view {
        _eq(
            marketHandler.ghost_stuckSettlements(),
            0,
            "JR-09 a due settlement or a claim failed because of a frozen party"
        );
        _eq(
            marketHandler.ghost_pushedPayments(),
            0,
            "JR-09 a settlement transferred tokens out of JobRegistry instead of crediting them"
        );
    }

    /// JR-10: a job settles on the terms in force when it was created: its stored slash share, idle
    /// limit and reputation penalty are governance's values then, its reputation reward what its fee
    /// bought then; every settlement outside a dispute paid the treasury the job's own fee and the
    /// employer the reward plus the job's own slash share (JR-08 counts the slash from the job too),
    /// while the handler moves those parameters through the timelock.
    function check_JR10_settledOnEntryTerms() public view {
        _eq(
            marketHandler.ghost_termsBroken(),
            0,
            "JR-10 a job settled on terms other than its own"
        );
        uint256 count = registry.jobCount();
        for (uint256 jobId = 1; jobId <= count; ++jobId) {
            IJobRegistry.Job memory j = registry.job(jobId);
            (
                uint256 share,
                uint256 idle,
                uint256 points,
                uint256 penalty,
                uint256 price
            ) = marketHandler.ghost_terms(jobId);
            uint256 bought = (((uint256(j.reward) * j.protocolFeeBps) / 10_000) * 1e18) / price;
            _eq(j.slashShareBps, share, "JR-10 a job's slash share is not the one at creation");
            _eq(j.idleLimit, idle, "JR-10 a job's idle limit is not the one at creation");
            _eq(
                j.reputationReward,
                points < bought ? points : bought,
                "JR-10 a job's reputation reward is not the one at creation"
            );
            _eq(j.reputationPenalty, penalty, "JR-10 a job's penalty is not the one at creation");
        }
    }

    /// JR-11: an employer can reclaim a taken job whose agent held it past the job's idle limit
    /// (pauses included) without submitting, and never before (the handler tries both).
    function check_JR11_idleJobsReclaimable() public view {
        _eq(
            marketHandler.ghost_reclaimFailures(),
            0,
            "JR-11 an idle job could not be reclaimed, or one was reclaimed early"
        );
    }

    /// JR-12: the agent pool cannot only shrink: a newcomer (fresh address, staked, score 0) always
    /// takes an open job of at most UNGATED_REWARD while the system runs, whatever MIN_REPUTATION
    /// governance set.
    function check_JR12_newcomersCanEnter() public view {
        _eq(
            marketHandler.ghost_newcomerRefusals(),
            0,
            "JR-12 a newcomer was refused an ungated job"
        );
    }

    /// JR-13: reputation is paid for: no score rose by more than the accepted job's points, and no
    /// job grants more points than its protocol fee bought at the REPUTATION_PRICE of its creation.
    function check_JR13_reputationPaidFor() public view {
        _eq(
            marketHandler.ghost_unpaidPoints(),
            0,
            "JR-13 a score rose by more than its job's points"
        );
        uint256 count = registry.jobCount();
        for (uint256 jobId = 1; jobId <= count; ++jobId) {
            IJobRegistry.Job memory j = registry.job(jobId);
            (, , , , uint256 price) = marketHandler.ghost_terms(jobId);
            uint256 fee = (uint256(j.reward) * j.protocolFeeBps) / 10_000;
            _le(
                (uint256(j.reputationReward) * price) / 1e18,
                fee,
                "JR-13 a job grants more points than its fee bought"
            );
        }
    }

    /// DM-01: DisputeModule's token balance equals the sum of the bonds of open disputes plus what it
    /// has credited and not yet paid (bonds are pull payments).
    function check_DM01_bondsCoverOpenDisputes() public view {
        uint256 count = disputes.disputeCount();
        uint256 held;
        for (uint256 id = 1; id <= count; ++id) {
            IDisputeModule.Dispute memory d = disputes.dispute(id);
            if (d.status == IDisputeModule.Status.Open) held += d.bond;
        }
        _eq(
            token.balanceOf(address(disputes)),
            held + _disputeCredits(),
            "DM-01 DisputeModule balance differs from the bonds of open disputes + credits"
        );
    }

    /// @dev What DisputeModule owes (credited, unclaimed) the parties the suite follows: every actor
    /// of the market handler and the treasury; the system suite adds the lease parties.
    function _disputeCredits() internal view virtual returns (uint256 sum) {
        address[] memory actors = marketHandler.actors();
        for (uint256 i; i < actors.length; ++i) sum += disputes.creditOf(actors[i]);
        sum += disputes.creditOf(treasury);
    }

    /// DM-02: every dispute holds the bond the rule asks for on the terms in force when it opened, and
    /// bonds in over all time = bonds credited on resolution + bonds of open disputes (DisputeModule's
    /// balance less its credits), over every client the suite drives.
    function check_DM02_bondFlows() public view {
        uint256 count = disputes.disputeCount();
        for (uint256 id = 1; id <= count; ++id) {
            _eq(
                disputes.dispute(id).bond,
                _ghostBond(id),
                "DM-02 a dispute's bond is not the rule's"
            );
        }
        (uint256 bondsIn, uint256 bondsOut) = _ghostBondFlows();
        _eq(
            bondsIn,
            bondsOut + token.balanceOf(address(disputes)) - _disputeCredits(),
            "DM-02 bonds in differ from bonds credited out + held for open disputes"
        );
    }

    /// @dev The bond a dispute should hold, from the ghosts of the handler driving its client.
    function _ghostBond(uint256 disputeId) internal view virtual returns (uint256) {
        return marketHandler.ghost_bond(disputeId);
    }

    /// @dev Bonds in and out over all time, from every handler whose module opens disputes.
    function _ghostBondFlows() internal view virtual returns (uint256 bondsIn, uint256 bondsOut) {
        return (marketHandler.ghost_bondsIn(), marketHandler.ghost_bondsOut());
    }

    /// DM-03: every open dispute past its deadline can be resolved by default while the system runs
    /// (the handler applies the default to overdue disputes and it must succeed), and no default is
    /// applied before the deadline.
    function check_DM03_overdueDisputesResolve() public view {
        _eq(
            marketHandler.ghost_defaultFailures(),
            0,
            "DM-03 an overdue dispute could not be resolved by default, or one was defaulted early"
        );
        _eq(marketHandler.ghost_lateRulings(), 0, "DM-03 a ruling succeeded after its deadline");
    }
}
