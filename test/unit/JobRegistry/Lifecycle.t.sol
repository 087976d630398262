// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IJobRegistry} from "../../../contracts/interfaces/IJobRegistry.sol";
import {IModuleAuthorisation} from "../../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {Market_Test} from "../../utils/MarketBase.t.sol";

/// @title JobRegistry_Lifecycle_Unit_Test
/// @notice Every transition of a job, each with its events, state, money and stake, and every error
/// and access rule on the way: create, cancel, take, submit, accept, reject, dispute, finalise, expire.
contract JobRegistry_Lifecycle_Unit_Test is Market_Test {
    uint256 internal constant REWARD = Defaults.REWARD;
    uint256 internal constant STAKE = Defaults.JOB_STAKE;
    /// @dev 2.5% of 1,000.
    uint256 internal constant FEE = 25e18;

    // ---------------------------------------------------------------- createJob

    function test_CreateJob_EscrowsStoresAndEmits() public {
        uint256 deadline = block.timestamp + Defaults.JOB_DURATION;
        uint256 employerBefore = token.balanceOf(employer);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobCreated(
            1,
            employer,
            REWARD,
            deadline,
            Defaults.SPEC_HASH,
            Defaults.PROTOCOL_FEE_BPS
        );
        uint256 jobId = _createJob();

        assertEq(jobId, 1);
        assertEq(registry.jobCount(), 1);
        assertEq(_wallet(employer), employerBefore - REWARD);
        assertEq(token.balanceOf(address(registry)), REWARD);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(j.employer, employer);
        assertEq(j.deadline, deadline);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Open));
        assertEq(j.protocolFeeBps, Defaults.PROTOCOL_FEE_BPS);
        assertEq(j.agent, address(0));
        assertEq(j.windowEndsAt, 0);
        assertEq(j.reward, REWARD);
        assertEq(j.stake, 0);
        assertEq(j.specHash, Defaults.SPEC_HASH);
        assertEq(j.resultHash, bytes32(0));
        assertEq(j.disputeId, 0);
    }

    function test_CreateJob_DeadlineAtMaxDuration() public {
        uint256 deadline = block.timestamp + Defaults.MAX_JOB_DURATION;
        uint256 escrowBefore = token.balanceOf(address(registry));
        vm.prank(employer);
        uint256 jobId = registry.createJob(REWARD, deadline, Defaults.SPEC_HASH);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Open));
        assertEq(j.deadline, deadline);
        assertEq(token.balanceOf(address(registry)), escrowBefore + REWARD);
    }

    function test_RevertWhen_CreateJobZeroReward() public {
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroReward.selector);
        _createJob(0);
    }

    function test_RevertWhen_CreateJobZeroSpecHash() public {
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroHash.selector);
        vm.prank(employer);
        registry.createJob(REWARD, block.timestamp + 1 days, bytes32(0));
    }

    function test_RevertWhen_CreateJobDeadlineNow() public {
        uint256 latest = block.timestamp + Defaults.MAX_JOB_DURATION;
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InvalidDeadline.selector,
                block.timestamp,
                block.timestamp,
                latest
            )
        );
        vm.prank(employer);
        registry.createJob(REWARD, block.timestamp, Defaults.SPEC_HASH);
    }

    function test_RevertWhen_CreateJobDeadlineBeyondMaxDuration() public {
        uint256 latest = block.timestamp + Defaults.MAX_JOB_DURATION;
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InvalidDeadline.selector,
                latest + 1,
                block.timestamp,
                latest
            )
        );
        vm.prank(employer);
        registry.createJob(REWARD, latest + 1, Defaults.SPEC_HASH);
    }

    function test_RevertWhen_CreateJobRewardAbove128Bits() public {
        uint256 reward = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, reward)
        );
        _createJob(reward);
    }

    function test_RevertWhen_CreateJobNotApproved() public {
        vm.prank(employer);
        token.approve(address(registry), REWARD - 1);
        vm.expectRevert(); // ERC20InsufficientAllowance from the token
        _createJob();
    }

    // ---------------------------------------------------------------- cancelJob

    function test_CancelJob_ByEmployerRefunds() public {
        uint256 jobId = _createJob();
        uint256 employerBefore = token.balanceOf(employer);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobCancelled(jobId, employer, REWARD);
        vm.prank(employer);
        registry.cancelJob(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Cancelled));
        assertEq(_wallet(employer), employerBefore + REWARD);
        assertEq(token.balanceOf(address(registry)), 0);
    }

    function test_CancelJob_ByAnyoneAfterDeadline_RefundsEmployer() public {
        uint256 jobId = _createJob();
        uint256 employerBefore = token.balanceOf(employer);
        vm.warp(registry.job(jobId).deadline + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobCancelled(jobId, eve, REWARD);
        vm.prank(eve);
        registry.cancelJob(jobId);
        assertEq(_wallet(employer), employerBefore + REWARD);
        assertEq(token.balanceOf(eve), 0);
    }

    function test_RevertWhen_CancelJobByOtherBeforeDeadline() public {
        uint256 jobId = _createJob();
        vm.warp(registry.job(jobId).deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotEmployer.selector,
                jobId,
                eve,
                employer
            )
        );
        vm.prank(eve);
        registry.cancelJob(jobId);
    }

    function test_RevertWhen_CancelJobTaken() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Open, IJobRegistry.JobStatus.Taken);
        vm.prank(employer);
        registry.cancelJob(jobId);
    }

    function test_RevertWhen_CancelJobTwice() public {
        uint256 jobId = _createJob();
        vm.prank(employer);
        registry.cancelJob(jobId);
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Open, IJobRegistry.JobStatus.Cancelled);
        vm.prank(employer);
        registry.cancelJob(jobId);
    }

    // ---------------------------------------------------------------- takeJob

    function test_TakeJob_LocksStakeAndEmits() public {
        uint256 jobId = _createJob();
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobTaken(jobId, agent, STAKE);
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeLocked(address(registry), agent, STAKE);
        _take(jobId);

        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Taken));
        assertEq(j.agent, agent);
        assertEq(j.stake, STAKE);
        assertEq(_locked(agent), STAKE);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - STAKE);
    }

    function test_TakeJob_AtDeadline() public {
        uint256 jobId = _createJob();
        vm.warp(registry.job(jobId).deadline);
        _take(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Taken));
        assertEq(j.agent, agent);
        assertEq(j.stake, STAKE);
        assertEq(_locked(agent), STAKE);
    }

    function test_TakeJob_WithEnoughReputation() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), 5e18);
        vm.prank(address(registry));
        reputation.increase(agent, 5e18);
        uint256 jobId = _createJob();
        _take(jobId);
        assertEq(registry.job(jobId).agent, agent);
    }

    function test_RevertWhen_TakeJobUnknown() public {
        _expectInvalidState(99, IJobRegistry.JobStatus.Open, IJobRegistry.JobStatus.None);
        _take(99);
    }

    function test_RevertWhen_TakeJobTwice() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Open, IJobRegistry.JobStatus.Taken);
        vm.prank(bob);
        registry.takeJob(jobId);
    }

    function test_RevertWhen_TakeJobPastDeadline() public {
        uint256 jobId = _createJob();
        uint256 deadline = registry.job(jobId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DeadlinePassed.selector,
                jobId,
                deadline,
                deadline + 1
            )
        );
        _take(jobId);
    }

    function test_RevertWhen_TakeJobByEmployer() public {
        uint256 jobId = _createJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_EmployerCannotTake.selector,
                jobId,
                employer
            )
        );
        vm.prank(employer);
        registry.takeJob(jobId);
    }

    function test_RevertWhen_TakeJobInsufficientReputation() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), 5e18);
        vm.prank(address(registry));
        reputation.increase(agent, 5e18 - 1);
        uint256 jobId = _createJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InsufficientReputation.selector,
                agent,
                5e18 - 1,
                5e18
            )
        );
        _take(jobId);
    }

    function test_RevertWhen_TakeJobInsufficientFreeStake() public {
        uint256 jobId = _createJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                eve,
                STAKE,
                0
            )
        );
        vm.prank(eve);
        registry.takeJob(jobId);
    }

    function test_RevertWhen_TakeJobRegistryNotAuthorisedOnStakeManager() public {
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(registry), false);
        uint256 jobId = _createJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                address(registry)
            )
        );
        _take(jobId);
    }

    // ---------------------------------------------------------------- submitResult

    function test_SubmitResult_StoresAndOpensReview() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 reviewEndsAt = block.timestamp + Defaults.REVIEW_WINDOW;
        vm.expectEmit(address(registry));
        emit IJobRegistry.ResultSubmitted(jobId, agent, Defaults.RESULT_HASH, reviewEndsAt);
        _submit(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Submitted));
        assertEq(j.resultHash, Defaults.RESULT_HASH);
        assertEq(j.windowEndsAt, reviewEndsAt);
    }

    function test_SubmitResult_AtDeadline() public {
        uint256 jobId = _createJob();
        _take(jobId);
        vm.warp(registry.job(jobId).deadline);
        _submit(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Submitted));
        assertEq(j.resultHash, Defaults.RESULT_HASH);
        assertEq(j.windowEndsAt, block.timestamp + Defaults.REVIEW_WINDOW);
    }

    function test_RevertWhen_SubmitResultNotAgent() public {
        uint256 jobId = _createJob();
        _take(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotAgent.selector,
                jobId,
                employer,
                agent
            )
        );
        vm.prank(employer);
        registry.submitResult(jobId, Defaults.RESULT_HASH);
    }

    function test_RevertWhen_SubmitResultPastDeadline() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 deadline = registry.job(jobId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DeadlinePassed.selector,
                jobId,
                deadline,
                deadline + 1
            )
        );
        _submit(jobId);
    }

    function test_RevertWhen_SubmitResultZeroHash() public {
        uint256 jobId = _createJob();
        _take(jobId);
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroHash.selector);
        vm.prank(agent);
        registry.submitResult(jobId, bytes32(0));
    }

    function test_RevertWhen_SubmitResultTwice() public {
        uint256 jobId = _submittedJob();
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Taken, IJobRegistry.JobStatus.Submitted);
        _submit(jobId);
    }

    function test_RevertWhen_SubmitResultOpenJob() public {
        uint256 jobId = _createJob();
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Taken, IJobRegistry.JobStatus.Open);
        _submit(jobId);
    }

    // ---------------------------------------------------------------- acceptResult

    function test_AcceptResult_PaysAgentFeeReleasesStakeRaisesReputation() public {
        uint256 jobId = _submittedJob();
        uint256 agentBefore = token.balanceOf(agent);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobAccepted(jobId, agent, REWARD - FEE, FEE, STAKE);
        vm.prank(employer);
        registry.acceptResult(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_wallet(agent), agentBefore + REWARD - FEE);
        assertEq(_wallet(treasury), FEE);
        assertEq(token.balanceOf(address(registry)), 0);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
        assertEq(reputation.scoreOf(agent), Defaults.REPUTATION_REWARD);
    }

    function test_AcceptResult_AfterReviewWindow() public {
        uint256 jobId = _submittedJob();
        vm.warp(block.timestamp + Defaults.REVIEW_WINDOW + 1);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
    }

    function test_AcceptResult_ZeroReputationRewardSkipsEngine() public {
        _setParameter(address(registry), registry.REPUTATION_REWARD(), 0);
        // Settlement does not depend on reputation: JobRegistry may even be revoked there.
        vm.prank(address(timelock));
        reputation.setModuleAuthorisation(address(registry), false);
        uint256 jobId = _submittedJob();
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(reputation.scoreOf(agent), 0);
    }

    function test_AcceptResult_SettlesWhenReputationEngineRefuses() public {
        // JobRegistry revoked on ReputationEngine with the reward still set: the raise fails, is
        // reported, and the agent is paid and the stake released all the same.
        vm.prank(address(timelock));
        reputation.setModuleAuthorisation(address(registry), false);
        uint256 jobId = _submittedJob();
        bytes memory reason = abi.encodeWithSelector(
            IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
            address(registry)
        );
        vm.expectEmit(address(registry));
        emit IJobRegistry.ReputationUpdateFailed(
            jobId,
            agent,
            Defaults.REPUTATION_REWARD,
            true,
            reason
        );
        vm.prank(employer);
        registry.acceptResult(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_wallet(agent), Defaults.MINT_AMOUNT - Defaults.DEPOSIT_AMOUNT + REWARD - FEE);
        assertEq(_locked(agent), 0);
        assertEq(token.balanceOf(address(registry)), FEE, "only the treasury's fee, credited");
        assertEq(reputation.scoreOf(agent), 0);
    }

    function test_AcceptResult_FeeFixedAtCreation() public {
        uint256 jobId = _createJob();
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        _take(jobId);
        _submit(jobId);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(treasury), FEE);
    }

    function test_RevertWhen_AcceptResultNotEmployer() public {
        uint256 jobId = _submittedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotEmployer.selector,
                jobId,
                agent,
                employer
            )
        );
        vm.prank(agent);
        registry.acceptResult(jobId);
    }

    function test_RevertWhen_AcceptResultBeforeSubmission() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Submitted, IJobRegistry.JobStatus.Taken);
        vm.prank(employer);
        registry.acceptResult(jobId);
    }

    function test_RevertWhen_AcceptResultTwice() public {
        uint256 jobId = _submittedJob();
        vm.prank(employer);
        registry.acceptResult(jobId);
        _expectInvalidState(
            jobId,
            IJobRegistry.JobStatus.Submitted,
            IJobRegistry.JobStatus.Accepted
        );
        vm.prank(employer);
        registry.acceptResult(jobId);
    }

    // ---------------------------------------------------------------- rejectResult

    function test_RejectResult_OpensDisputeWindow() public {
        uint256 jobId = _submittedJob();
        uint256 disputeEndsAt = block.timestamp + Defaults.DISPUTE_WINDOW;
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejected(jobId, employer, disputeEndsAt);
        _reject(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Rejected));
        assertEq(j.windowEndsAt, disputeEndsAt);
        // Nothing moved yet.
        assertEq(token.balanceOf(address(registry)), REWARD);
        assertEq(_locked(agent), STAKE);
    }

    function test_RejectResult_AtReviewWindowEnd() public {
        uint256 jobId = _submittedJob();
        vm.warp(registry.job(jobId).windowEndsAt);
        _reject(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Rejected));
        assertEq(j.windowEndsAt, block.timestamp + Defaults.DISPUTE_WINDOW);
        assertEq(_locked(agent), STAKE);
    }

    function test_RevertWhen_RejectResultAfterReviewWindow() public {
        uint256 jobId = _submittedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowClosed.selector,
                jobId,
                endsAt,
                endsAt + 1
            )
        );
        _reject(jobId);
    }

    function test_RevertWhen_RejectResultNotEmployer() public {
        uint256 jobId = _submittedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotEmployer.selector,
                jobId,
                eve,
                employer
            )
        );
        vm.prank(eve);
        registry.rejectResult(jobId);
    }

    function test_RevertWhen_RejectResultTwice() public {
        uint256 jobId = _rejectedJob();
        _expectInvalidState(
            jobId,
            IJobRegistry.JobStatus.Submitted,
            IJobRegistry.JobStatus.Rejected
        );
        _reject(jobId);
    }

    // ---------------------------------------------------------------- finaliseAccepted

    function test_FinaliseAccepted_ByAnyoneAfterReviewWindow() public {
        uint256 jobId = _submittedJob();
        uint256 agentBefore = token.balanceOf(agent);
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobFinalised(jobId, eve, IJobRegistry.JobStatus.Accepted);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobAccepted(jobId, agent, REWARD - FEE, FEE, STAKE);
        vm.prank(eve);
        registry.finaliseAccepted(jobId);
        assertEq(_wallet(agent), agentBefore + REWARD - FEE);
        assertEq(_wallet(treasury), FEE);
        assertEq(_locked(agent), 0);
    }

    function test_RevertWhen_FinaliseAcceptedDuringReviewWindow() public {
        uint256 jobId = _submittedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowOpen.selector,
                jobId,
                endsAt,
                endsAt
            )
        );
        registry.finaliseAccepted(jobId);
    }

    function test_RevertWhen_FinaliseAcceptedRejectedJob() public {
        uint256 jobId = _rejectedJob();
        vm.warp(block.timestamp + 30 days);
        _expectInvalidState(
            jobId,
            IJobRegistry.JobStatus.Submitted,
            IJobRegistry.JobStatus.Rejected
        );
        registry.finaliseAccepted(jobId);
    }

    // ---------------------------------------------------------------- finaliseRejection

    function test_FinaliseRejection_ByAnyoneAfterDisputeWindow() public {
        uint256 jobId = _rejectedJob();
        uint256 employerBefore = token.balanceOf(employer);
        uint256 slashed = STAKE / 2;
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobFinalised(jobId, eve, IJobRegistry.JobStatus.RejectionFinal);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejectionFinalised(jobId, employer, REWARD, slashed, STAKE - slashed);
        vm.prank(eve);
        registry.finaliseRejection(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(_wallet(employer), employerBefore + REWARD + slashed);
        assertEq(token.balanceOf(address(registry)), 0);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - slashed);
        assertEq(reputation.scoreOf(agent), 0);
        assertEq(_wallet(treasury), 0);
    }

    function test_FinaliseRejection_LowersReputation() public {
        vm.prank(address(registry));
        reputation.increase(agent, 50e18);
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        registry.finaliseRejection(jobId);
        // 50 points decayed over the windows, minus the 20-point penalty.
        assertLe(reputation.scoreOf(agent), 50e18 - Defaults.REPUTATION_PENALTY);
        assertGt(reputation.scoreOf(agent), 25e18);
    }

    function test_FinaliseRejection_SettlesWhileReputationEngineIsPaused() public {
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.prank(address(systemPause));
        reputation.pause();
        vm.expectEmit(address(registry));
        emit IJobRegistry.ReputationUpdateFailed(
            jobId,
            agent,
            Defaults.REPUTATION_PENALTY,
            false,
            abi.encodeWithSignature("EnforcedPause()")
        );
        registry.finaliseRejection(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(registry.creditOf(employer), REWARD + STAKE / 2, "the employer is credited");
        assertEq(_locked(agent), 0);
    }

    function test_FinaliseRejection_ZeroSlashShareReleasesAll() public {
        _setParameter(address(registry), registry.SLASH_SHARE_BPS(), 0);
        _setParameter(address(registry), registry.REPUTATION_PENALTY(), 0);
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejectionFinalised(jobId, employer, REWARD, 0, STAKE);
        registry.finaliseRejection(jobId);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
    }

    function test_FinaliseRejection_FullSlashShareReleasesNothing() public {
        _setParameter(address(registry), registry.SLASH_SHARE_BPS(), 10_000);
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejectionFinalised(jobId, employer, REWARD, STAKE, 0);
        registry.finaliseRejection(jobId);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - STAKE);
        assertEq(_locked(agent), 0);
    }

    function test_RevertWhen_FinaliseRejectionDuringDisputeWindow() public {
        uint256 jobId = _rejectedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowOpen.selector,
                jobId,
                endsAt,
                endsAt
            )
        );
        registry.finaliseRejection(jobId);
    }

    function test_RevertWhen_FinaliseRejectionDisputedJob() public {
        (uint256 jobId, ) = _disputedJob();
        vm.warp(block.timestamp + 30 days);
        _expectInvalidState(
            jobId,
            IJobRegistry.JobStatus.Rejected,
            IJobRegistry.JobStatus.Disputed
        );
        registry.finaliseRejection(jobId);
    }

    // ---------------------------------------------------------------- expireJob

    function test_ExpireJob_ByAnyoneRefundsEmployerAndSlashes() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 employerBefore = token.balanceOf(employer);
        uint256 slashed = STAKE / 2;
        vm.warp(registry.job(jobId).deadline + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobExpired(jobId, agent, REWARD, slashed, STAKE - slashed);
        vm.prank(eve);
        registry.expireJob(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Expired));
        assertEq(_wallet(employer), employerBefore + REWARD + slashed);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - slashed);
    }

    function test_RevertWhen_ExpireJobAtDeadline() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 deadline = registry.job(jobId).deadline;
        vm.warp(deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DeadlineNotPassed.selector,
                jobId,
                deadline,
                deadline
            )
        );
        registry.expireJob(jobId);
    }

    function test_RevertWhen_ExpireJobSubmitted() public {
        uint256 jobId = _submittedJob();
        vm.warp(registry.job(jobId).deadline + 1);
        _expectInvalidState(jobId, IJobRegistry.JobStatus.Taken, IJobRegistry.JobStatus.Submitted);
        registry.expireJob(jobId);
    }

    // ---------------------------------------------------------------- disputeRejection

    function test_DisputeRejection_OpensDisputeWithBond() public {
        uint256 jobId = _rejectedJob();
        uint256 bond = disputes.bondFor(REWARD);
        uint256 agentBefore = token.balanceOf(agent);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobDisputed(jobId, 1, agent);
        uint256 disputeId = _dispute(jobId);

        assertEq(disputeId, 1);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Disputed));
        assertEq(j.disputeId, 1);
        assertEq(_wallet(agent), agentBefore - bond);
        assertEq(disputes.dispute(1).client, address(registry));
        assertEq(disputes.dispute(1).caseId, jobId);
        assertEq(disputes.dispute(1).claimant, agent);
        assertEq(disputes.dispute(1).respondent, employer);
        assertEq(disputes.dispute(1).valueAtStake, REWARD);
    }

    function test_DisputeRejection_AtWindowEnd() public {
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt);
        uint256 disputeId = _dispute(jobId);
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(uint8(j.status), uint8(IJobRegistry.JobStatus.Disputed));
        assertEq(j.disputeId, disputeId);
        assertEq(disputes.dispute(disputeId).valueAtStake, REWARD);
    }

    function test_RevertWhen_DisputeRejectionAfterWindow() public {
        uint256 jobId = _rejectedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowClosed.selector,
                jobId,
                endsAt,
                endsAt + 1
            )
        );
        _dispute(jobId);
    }

    function test_RevertWhen_DisputeRejectionNotAgent() public {
        uint256 jobId = _rejectedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotAgent.selector,
                jobId,
                employer,
                agent
            )
        );
        vm.prank(employer);
        registry.disputeRejection(jobId);
    }

    function test_RevertWhen_DisputeRejectionTwice() public {
        (uint256 jobId, ) = _disputedJob();
        _expectInvalidState(
            jobId,
            IJobRegistry.JobStatus.Rejected,
            IJobRegistry.JobStatus.Disputed
        );
        _dispute(jobId);
    }

    function test_RevertWhen_DisputeRejectionNotAuthorisedOnDisputeModule() public {
        vm.prank(address(timelock));
        disputes.setModuleAuthorisation(address(registry), false);
        uint256 jobId = _rejectedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                address(registry)
            )
        );
        _dispute(jobId);
        // The agent cannot dispute, but the rejection still ends: anyone finalises it.
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        registry.finaliseRejection(jobId);
    }

    // ---------------------------------------------------------------- helpers

    function _expectInvalidState(
        uint256 jobId,
        IJobRegistry.JobStatus expected,
        IJobRegistry.JobStatus actual
    ) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InvalidState.selector,
                jobId,
                expected,
                actual
            )
        );
    }
}
