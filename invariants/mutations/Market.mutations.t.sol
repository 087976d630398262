// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {MarketProperties} from "../properties/MarketProperties.sol";

/// @title MarketMutations
/// @notice Must-fail tests: each breaks one JR or DM property on purpose (a job or dispute corrupted
/// with vm.store, a balance moved with deal, a callback made to revert with vm.mockCallRevert, a
/// module call made outside any job) and shows that property's check reports its id.
/// @dev Slots (MandateModule's base takes 0-3; `_paused` shares slot 1 with the pending owner, at byte
/// 20): JobRegistry treasury 4, _credits 5, jobCount 6, _jobs 7; DisputeModule _authorised 4, treasury 5,
/// _credits 6, arbitrator 7, disputeCount 8, _disputes 9. A Job's status is byte 28 of its first word, reward and
/// stake share its third; a Dispute's bond is its sixth word. setUp checks the counters sit where the
/// getters say, and each test checks the word it corrupts, so a layout change fails loudly.
contract MarketMutations is MarketProperties {
    uint256 internal constant SLOT_JOB_COUNT = 6;
    uint256 internal constant SLOT_JOBS = 7;
    uint256 internal constant SLOT_DISPUTE_COUNT = 8;
    uint256 internal constant SLOT_DISPUTES = 9;

    function setUp() public {
        _setUpMarketHandler();
        // Job 1 accepted and paid; job 2 rejected and disputed (dispute 1 open); job 3 taken by agent0.
        marketHandler.createJob(0, 100e18, 7 days);
        marketHandler.createJob(1, 500e18, 7 days);
        marketHandler.createJob(0, 300e18, 7 days);
        marketHandler.takeJob(0, 0);
        marketHandler.submitResult(0);
        marketHandler.acceptResult(0);
        marketHandler.takeJob(0, 1);
        marketHandler.submitResult(0);
        marketHandler.rejectResult(0);
        marketHandler.disputeRejection(0);
        marketHandler.takeJob(0, 0);
        assertEq(uint256(_status(1)), uint256(IJobRegistry.JobStatus.Accepted), "setup: job 1");
        assertEq(uint256(_status(2)), uint256(IJobRegistry.JobStatus.Disputed), "setup: job 2");
        assertEq(uint256(_status(3)), uint256(IJobRegistry.JobStatus.Taken), "setup: job 3");
        assertEq(_load(address(registry), bytes32(SLOT_JOB_COUNT)), 3, "layout: jobCount");
        assertEq(_load(address(disputes), bytes32(SLOT_DISPUTE_COUNT)), 1, "layout: disputeCount");
    }

    function test_allPropertiesHoldBeforeBreaking() public view {
        _checkMarket();
    }

    function test_JR01_caughtWhenEscrowRecordShrinks() public {
        bytes32 slot = _jobWord(3, 2);
        uint256 word = _load(address(registry), slot);
        assertEq(uint128(word), registry.job(3).reward, "layout: reward");
        vm.store(address(registry), slot, bytes32(word - 1)); // reward - 1, balance unchanged
        _assertViolated("JR-01", this.check_JR01_escrowCoversOpenJobs);
    }

    function test_JR02_caughtWhenTokensAppearInTheEscrow() public {
        deal(address(token), address(registry), token.balanceOf(address(registry)) + 1);
        _assertViolated("JR-02", this.check_JR02_rewardFlows);
    }

    function test_JR03_caughtWhenAcceptedJobPaysAgain() public {
        _setStatus(1, IJobRegistry.JobStatus.Accepted, IJobRegistry.JobStatus.Submitted);
        vm.warp(block.timestamp + 3 days + 1); // past job 1's review window
        marketHandler.finaliseAccepted(0); // job 1 is the first submitted job: paid a second time
        _assertViolated("JR-03", this.check_JR03_noJobPaidTwice);
    }

    function test_JR04_caughtWhenJobMovesBackwards() public {
        _setStatus(3, IJobRegistry.JobStatus.Taken, IJobRegistry.JobStatus.Open);
        _assertViolated("JR-04", this.check_JR04_forwardOnlyStates);
    }

    function test_JR05_caughtWhenJobStakeMisrecorded() public {
        bytes32 slot = _jobWord(3, 2);
        uint256 word = _load(address(registry), slot);
        assertEq(word >> 128, registry.job(3).stake, "layout: stake");
        vm.store(address(registry), slot, bytes32(word + (1 << 128))); // stake + 1
        _assertViolated("JR-05", this.check_JR05_stakeLockedForLiveJobs);
    }

    function test_JR06_caughtWhenJobCreatedWhilePaused() public {
        switchHandler.guardian_pauseAll(0);
        assertTrue(registry.paused(), "setup: paused");
        uint256 word = _load(address(registry), bytes32(uint256(1)));
        vm.store(address(registry), bytes32(uint256(1)), bytes32(word & ~(uint256(0xff) << 160)));
        assertFalse(registry.paused(), "layout: _paused");
        marketHandler.createJob(1, 1e18, 1 days);
        _assertViolated("JR-06", this.check_JR06_pausedMarketRefuses);
    }

    function test_JR07_caughtWhenScoreRisesOutsideSettlement() public {
        address agent = registry.job(3).agent;
        vm.prank(address(registry)); // an authorised module, but no job of the agent was accepted
        reputation.increase(agent, 5e18);
        marketHandler.createJob(0, 1e18, 1 days); // the handler's next step reads every score
        _assertViolated("JR-07", this.check_JR07_reputationEarnedOnly);
    }

    function test_JR08_caughtWhenStakeSlashedOutsideAJob() public {
        IJobRegistry.Job memory j = registry.job(3);
        vm.prank(address(registry)); // job 3 is still Taken: nothing in the market asked for this
        stakeManager.slash(j.agent, 1, j.employer);
        _assertViolated("JR-08", this.check_JR08_agentStakeConserved);
    }

    function test_JR09_caughtWhenAFrozenEmployerHoldsUpAnExpiry() public {
        IJobRegistry.Job memory j = registry.job(3);
        marketHandler.freezeParty(0, true); // employer0, job 3's employer
        assertTrue(marketHandler.ghost_frozen(j.employer), "setup: job 3's employer frozen");
        vm.warp(registry.currentDeadline(3) + 1);
        // The slash reverts, as a slash straight to the frozen employer did before settlement credited it.
        vm.mockCallRevert(
            address(stakeManager),
            abi.encodeWithSelector(stakeManager.slash.selector),
            "recipient frozen"
        );
        marketHandler.expireJob(0);
        _assertViolated("JR-09", this.check_JR09_noPartyFreezesAnother);
    }

    function test_JR10_caughtWhenAJobsSlashShareChangesAfterCreation() public {
        bytes32 slot = _jobWord(3, 6);
        uint256 word = _load(address(registry), slot);
        assertEq(uint16(word), registry.job(3).slashShareBps, "layout: slash share");
        vm.store(address(registry), slot, bytes32((word & ~uint256(0xffff)) | 10_000)); // 100%
        _assertViolated("JR-10", this.check_JR10_settledOnEntryTerms);
    }

    function test_JR11_caughtWhenAnIdleJobCannotBeReclaimed() public {
        vm.mockCallRevert(
            address(stakeManager),
            abi.encodeWithSelector(stakeManager.release.selector),
            "release stuck"
        );
        marketHandler.reclaimJob(0, true); // waits out job 3's idle limit, then the employer reclaims
        _assertViolated("JR-11", this.check_JR11_idleJobsReclaimable);
    }

    function test_JR12_caughtWhenNewcomersAreGated() public {
        bytes32 minReputation = _parameterSlot(registry.MIN_REPUTATION());
        bytes32 ungated = _parameterSlot(registry.UNGATED_REWARD());
        vm.store(address(registry), minReputation, bytes32(uint256(10e18)));
        vm.store(address(registry), ungated, bytes32(uint256(1))); // every job but 1 unit is gated
        assertEq(registry.parameter(registry.UNGATED_REWARD()), 1, "layout: _parameters");
        marketHandler.createJob(0, 4e18 + 1, 7 days); // a reward = 1 mod 4 is kept small: ungated
        marketHandler.newcomerTakesJob(0);
        _assertViolated("JR-12", this.check_JR12_newcomersCanEnter);
    }

    /// @dev SY-07 covers JobRegistry: a job parameter set by any path but the governance handler's
    /// timelock operations (the market handler's old side path) shows.
    function test_SY07_caughtWhenAJobParameterChangesOutsideGovernance() public {
        check_SY07_governanceMovesEveryParameter();
        bytes32 share = registry.SLASH_SHARE_BPS();
        vm.prank(address(timelock)); // in bounds, but no operation of the owners' Safe asked for it
        registry.setParameter(share, 1_000);
        _assertViolated("SY-07", this.check_SY07_governanceMovesEveryParameter);
    }

    function test_JR13_caughtWhenAJobGrantsUnpaidPoints() public {
        bytes32 slot = _jobWord(3, 6);
        uint256 word = _load(address(registry), slot);
        assertEq(
            uint104(word >> 48),
            registry.job(3).reputationReward,
            "layout: reputation reward"
        );
        word = (word & ~(uint256(type(uint104).max) << 48)) | (uint256(1e27) << 48);
        vm.store(address(registry), slot, bytes32(word));
        _assertViolated("JR-13", this.check_JR13_reputationPaidFor);
    }

    function test_DM01_caughtWhenDisputeBondRecordGrows() public {
        bytes32 slot = _disputeWord(1, 5);
        assertEq(_load(address(disputes), slot), disputes.dispute(1).bond, "layout: bond");
        vm.store(address(disputes), slot, bytes32(disputes.dispute(1).bond + 1));
        _assertViolated("DM-01", this.check_DM01_bondsCoverOpenDisputes);
    }

    function test_DM02_caughtWhenBondsLeakOut() public {
        deal(address(token), address(disputes), token.balanceOf(address(disputes)) - 1);
        _assertViolated("DM-02", this.check_DM02_bondFlows);
    }

    function test_DM03_caughtWhenDefaultCannotBeApplied() public {
        vm.warp(disputes.dispute(1).ruleBy + 1);
        vm.mockCallRevert(
            address(registry),
            abi.encodeWithSelector(JobRegistry.onDisputeResolved.selector),
            "client stuck"
        );
        marketHandler.resolveByDefault(0, false);
        _assertViolated("DM-03", this.check_DM03_overdueDisputesResolve);
    }

    function test_DM03_caughtWhenALateRulingLands() public {
        // The deadline reads one second earlier than the one the module enforces: the arbitrator's
        // ruling in that second is late by the view and still lands, as it did before rulings had a
        // deadline.
        uint256 ruleBy = disputes.ruleByInForce(1);
        vm.warp(ruleBy);
        vm.mockCall(
            address(disputes),
            abi.encodeCall(disputes.ruleByInForce, (1)),
            abi.encode(ruleBy - 1)
        );
        marketHandler.rule(0, true);
        _assertViolated("DM-03", this.check_DM03_overdueDisputesResolve);
    }

    // ---------------------------------------------------------------- storage helpers

    function _status(uint256 jobId) internal view returns (IJobRegistry.JobStatus) {
        return registry.job(jobId).status;
    }

    function _load(address target, bytes32 slot) internal view returns (uint256) {
        return uint256(vm.load(target, slot));
    }

    /// @dev A parameter's slot: MandateModule's `_parameters` mapping sits at slot 3.
    function _parameterSlot(bytes32 key) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, uint256(3)));
    }

    function _jobWord(uint256 jobId, uint256 word) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(jobId, SLOT_JOBS))) + word);
    }

    function _disputeWord(uint256 disputeId, uint256 word) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(disputeId, SLOT_DISPUTES))) + word);
    }

    /// @dev Rewrites a job's status (byte 28 of its first word) after checking it reads `current`.
    function _setStatus(
        uint256 jobId,
        IJobRegistry.JobStatus current,
        IJobRegistry.JobStatus next
    ) internal {
        bytes32 slot = _jobWord(jobId, 0);
        uint256 word = _load(address(registry), slot);
        assertEq(uint8(word >> 224), uint8(current), "layout: status");
        word = (word & ~(uint256(0xff) << 224)) | (uint256(uint8(next)) << 224);
        vm.store(address(registry), slot, bytes32(word));
        assertEq(uint256(_status(jobId)), uint256(next), "status rewritten");
    }
}
