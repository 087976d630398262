// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {DisputeModule} from "../../../contracts/disputes/DisputeModule.sol";
import {JobRegistry} from "../../../contracts/jobs/JobRegistry.sol";
import {IDisputeModule} from "../../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../../contracts/interfaces/IJobRegistry.sol";
import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IReputationEngine} from "../../../contracts/interfaces/IReputationEngine.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {ITreasuryFee} from "../../../contracts/interfaces/ITreasuryFee.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/FeeOnTransferToken.sol";
import {MandateTestToken} from "../../../contracts/mocks/MandateTestToken.sol";
import {StakeManager} from "../../../contracts/staking/StakeManager.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {Market_Test} from "../../utils/MarketBase.t.sol";

/// @title JobRegistry_Governance_Unit_Test
/// @notice Construction, parameters and their bounds, the treasury, the DisputeModule callback's
/// access rule, and the pause: every user-facing function stops, governance continues.
contract JobRegistry_Governance_Unit_Test is Market_Test {
    // ---------------------------------------------------------------- construction

    function test_Constructor_SetsEverything() public view {
        assertEq(address(registry.token()), address(token));
        assertEq(registry.stakeManager(), address(stakeManager));
        assertEq(registry.reputationEngine(), address(reputation));
        assertEq(registry.disputeModule(), address(disputes));
        assertEq(registry.treasury(), treasury);
        assertEq(registry.owner(), address(timelock));
        assertEq(registry.pauser(), address(systemPause));
        assertEq(registry.jobCount(), 0);
        bytes32[] memory keys = registry.parameterKeys();
        assertEq(keys.length, 12);
        assertEq(keys[0], keccak256("PROTOCOL_FEE_BPS"));
        assertEq(keys[1], keccak256("REVIEW_WINDOW"));
        assertEq(keys[2], keccak256("DISPUTE_WINDOW"));
        assertEq(keys[3], keccak256("JOB_STAKE"));
        assertEq(keys[4], keccak256("SLASH_SHARE_BPS"));
        assertEq(keys[5], keccak256("MIN_REPUTATION"));
        assertEq(keys[6], keccak256("REPUTATION_REWARD"));
        assertEq(keys[7], keccak256("REPUTATION_PENALTY"));
        assertEq(keys[8], keccak256("MAX_JOB_DURATION"));
        assertEq(keys[9], keccak256("REPUTATION_PRICE"));
        assertEq(keys[10], keccak256("IDLE_LIMIT"));
        assertEq(keys[11], keccak256("UNGATED_REWARD"));
        assertEq(registry.parameter(keys[0]), Defaults.PROTOCOL_FEE_BPS);
        assertEq(registry.parameter(keys[1]), Defaults.REVIEW_WINDOW);
        assertEq(registry.parameter(keys[2]), Defaults.DISPUTE_WINDOW);
        assertEq(registry.parameter(keys[3]), Defaults.JOB_STAKE);
        assertEq(registry.parameter(keys[4]), Defaults.SLASH_SHARE_BPS);
        assertEq(registry.parameter(keys[5]), Defaults.MIN_REPUTATION);
        assertEq(registry.parameter(keys[6]), Defaults.REPUTATION_REWARD);
        assertEq(registry.parameter(keys[7]), Defaults.REPUTATION_PENALTY);
        assertEq(registry.parameter(keys[8]), Defaults.MAX_JOB_DURATION);
        assertEq(registry.parameter(keys[9]), Defaults.REPUTATION_PRICE);
        assertEq(registry.parameter(keys[10]), Defaults.IDLE_LIMIT);
        assertEq(registry.parameter(keys[11]), Defaults.UNGATED_REWARD);
    }

    function test_RevertWhen_ConstructedWithZeroStakeManager() public {
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroAddress.selector);
        _newRegistry(address(0), address(reputation), address(disputes), treasury);
    }

    function test_RevertWhen_ConstructedWithZeroReputationEngine() public {
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroAddress.selector);
        _newRegistry(address(stakeManager), address(0), address(disputes), treasury);
    }

    function test_RevertWhen_ConstructedWithZeroDisputeModule() public {
        vm.expectRevert(IJobRegistry.JobRegistry_ZeroAddress.selector);
        _newRegistry(address(stakeManager), address(reputation), address(0), treasury);
    }

    function test_RevertWhen_ConstructedWithZeroTreasury() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        _newRegistry(address(stakeManager), address(reputation), address(disputes), address(0));
    }

    function test_RevertWhen_ConstructedWithMinReputationAboveTheScoreCap() public {
        JobRegistry.InitialParameters memory p = _jobParameters();
        p.minReputation = Defaults.SCORE_CAP + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                keccak256("MIN_REPUTATION"),
                Defaults.SCORE_CAP + 1,
                0,
                Defaults.SCORE_CAP
            )
        );
        new JobRegistry(
            address(timelock),
            address(systemPause),
            treasury,
            IStakeManager(address(stakeManager)),
            IReputationEngine(address(reputation)),
            IDisputeModule(address(disputes)),
            p
        );
    }

    function test_RevertWhen_ConstructedWithParameterOutOfBounds() public {
        JobRegistry.InitialParameters memory p = _jobParameters();
        p.maxJobDuration = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                keccak256("MAX_JOB_DURATION"),
                0,
                1 hours,
                365 days
            )
        );
        new JobRegistry(
            address(timelock),
            address(systemPause),
            treasury,
            IStakeManager(address(stakeManager)),
            IReputationEngine(address(reputation)),
            IDisputeModule(address(disputes)),
            p
        );
    }

    function test_RevertWhen_ConstructedWithADisputeModuleBondingInAnotherToken() public {
        MandateTestToken other = new MandateTestToken();
        DisputeModule otherDisputes = new DisputeModule(
            address(timelock),
            address(systemPause),
            IERC20(address(other)),
            arbitrator,
            treasury,
            _disputeParameters(),
            new address[](0)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DisputeTokenMismatch.selector,
                address(other),
                address(token)
            )
        );
        _newRegistry(address(stakeManager), address(reputation), address(otherDisputes), treasury);
    }

    function test_RevertWhen_CreateJobTokenDeliversLess() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        StakeManager feeStakes = new StakeManager(
            address(timelock),
            address(systemPause),
            IERC20(address(feeToken)),
            Defaults.UNBONDING_PERIOD,
            new address[](0)
        );
        DisputeModule feeDisputes = new DisputeModule(
            address(timelock),
            address(systemPause),
            IERC20(address(feeToken)),
            arbitrator,
            treasury,
            _disputeParameters(),
            new address[](0)
        );
        JobRegistry feeRegistry = _newRegistry(
            address(feeStakes),
            address(reputation),
            address(feeDisputes),
            treasury
        );
        feeToken.mint(employer, 100);
        vm.prank(employer);
        feeToken.approve(address(feeRegistry), 100);
        vm.expectRevert(
            abi.encodeWithSelector(IJobRegistry.JobRegistry_TransferShortfall.selector, 100, 99)
        );
        vm.prank(employer);
        feeRegistry.createJob(100, block.timestamp + 1 days, Defaults.SPEC_HASH);
    }

    // ---------------------------------------------------------------- parameters

    function test_ParameterBounds_AcceptEdges() public {
        _assertEdges(keccak256("PROTOCOL_FEE_BPS"), 0, 2_000);
        _assertEdges(keccak256("REVIEW_WINDOW"), 1 hours, 30 days);
        _assertEdges(keccak256("DISPUTE_WINDOW"), 1 hours, 30 days);
        _assertEdges(keccak256("JOB_STAKE"), 1, 1e22);
        _assertEdges(keccak256("SLASH_SHARE_BPS"), 0, 10_000);
        // MIN_REPUTATION's ceiling is ReputationEngine's cap in force (docs/governance.md).
        _assertEdges(keccak256("MIN_REPUTATION"), 0, Defaults.SCORE_CAP);
        _assertEdges(keccak256("REPUTATION_REWARD"), 0, 1e30);
        _assertEdges(keccak256("REPUTATION_PENALTY"), 0, 1e30);
        _assertEdges(keccak256("MAX_JOB_DURATION"), 1 hours, 365 days);
        _assertEdges(keccak256("REPUTATION_PRICE"), 1, 1e20);
        _assertEdges(keccak256("IDLE_LIMIT"), 1 hours, 30 days);
        _assertEdges(keccak256("UNGATED_REWARD"), 1, 1e30);
    }

    function test_RevertWhen_ReputationPriceBelowBound() public {
        _expectOutOfBounds(keccak256("REPUTATION_PRICE"), 0, 1, 1e20);
    }

    function test_RevertWhen_ReputationPriceAboveBound() public {
        _expectOutOfBounds(keccak256("REPUTATION_PRICE"), 1e20 + 1, 1, 1e20);
    }

    function test_RevertWhen_IdleLimitBelowBound() public {
        _expectOutOfBounds(keccak256("IDLE_LIMIT"), 1 hours - 1, 1 hours, 30 days);
    }

    function test_RevertWhen_IdleLimitAboveBound() public {
        _expectOutOfBounds(keccak256("IDLE_LIMIT"), 30 days + 1, 1 hours, 30 days);
    }

    function test_RevertWhen_UngatedRewardBelowBound() public {
        _expectOutOfBounds(keccak256("UNGATED_REWARD"), 0, 1, 1e30);
    }

    function test_RevertWhen_UngatedRewardAboveBound() public {
        _expectOutOfBounds(keccak256("UNGATED_REWARD"), 1e30 + 1, 1, 1e30);
    }

    function test_RevertWhen_ProtocolFeeAboveBound() public {
        _expectOutOfBounds(keccak256("PROTOCOL_FEE_BPS"), 2_001, 0, 2_000);
    }

    function test_RevertWhen_ReviewWindowBelowBound() public {
        _expectOutOfBounds(keccak256("REVIEW_WINDOW"), 1 hours - 1, 1 hours, 30 days);
    }

    function test_RevertWhen_ReviewWindowAboveBound() public {
        _expectOutOfBounds(keccak256("REVIEW_WINDOW"), 30 days + 1, 1 hours, 30 days);
    }

    function test_RevertWhen_DisputeWindowBelowBound() public {
        _expectOutOfBounds(keccak256("DISPUTE_WINDOW"), 1 hours - 1, 1 hours, 30 days);
    }

    function test_RevertWhen_DisputeWindowAboveBound() public {
        _expectOutOfBounds(keccak256("DISPUTE_WINDOW"), 30 days + 1, 1 hours, 30 days);
    }

    function test_RevertWhen_JobStakeBelowBound() public {
        _expectOutOfBounds(keccak256("JOB_STAKE"), 0, 1, 1e22);
    }

    function test_RevertWhen_JobStakeAboveBound() public {
        _expectOutOfBounds(keccak256("JOB_STAKE"), 1e22 + 1, 1, 1e22);
    }

    function test_RevertWhen_SlashShareAboveBound() public {
        _expectOutOfBounds(keccak256("SLASH_SHARE_BPS"), 10_001, 0, 10_000);
    }

    function test_RevertWhen_MinReputationAboveBound() public {
        _expectOutOfBounds(keccak256("MIN_REPUTATION"), 1e30 + 1, 0, Defaults.SCORE_CAP);
    }

    function test_RevertWhen_ReputationRewardAboveBound() public {
        _expectOutOfBounds(keccak256("REPUTATION_REWARD"), 1e30 + 1, 0, 1e30);
    }

    function test_RevertWhen_ReputationPenaltyAboveBound() public {
        _expectOutOfBounds(keccak256("REPUTATION_PENALTY"), 1e30 + 1, 0, 1e30);
    }

    function test_RevertWhen_MaxJobDurationBelowBound() public {
        _expectOutOfBounds(keccak256("MAX_JOB_DURATION"), 1 hours - 1, 1 hours, 365 days);
    }

    function test_RevertWhen_MaxJobDurationAboveBound() public {
        _expectOutOfBounds(keccak256("MAX_JOB_DURATION"), 365 days + 1, 1 hours, 365 days);
    }

    function test_RevertWhen_UnknownParameter() public {
        bytes32 key = keccak256("MIN_BOND");
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, key)
        );
        registry.parameter(key);
    }

    function test_RevertWhen_SetParameterNotOwner() public {
        bytes32 key = keccak256("JOB_STAKE");
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, employer)
        );
        vm.prank(employer);
        registry.setParameter(key, 1);
    }

    function test_SetParameter_ThroughTheTimelock() public {
        bytes32 key = keccak256("PROTOCOL_FEE_BPS");
        _executeViaTimelock(
            address(registry),
            abi.encodeCall(IMandateModule.setParameter, (key, 0))
        );
        assertEq(registry.parameter(key), 0);
    }

    // ---------------------------------------------------------------- treasury

    function test_SetTreasury_OwnerReplacesAndEmits() public {
        address next = makeAddr("NextTreasury");
        vm.expectEmit(address(registry));
        emit ITreasuryFee.TreasuryUpdated(treasury, next);
        vm.prank(address(timelock));
        registry.setTreasury(next);
        assertEq(registry.treasury(), next);
    }

    function test_RevertWhen_SetTreasuryZero() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        vm.prank(address(timelock));
        registry.setTreasury(address(0));
    }

    function test_RevertWhen_SetTreasuryNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        registry.setTreasury(eve);
    }

    // ---------------------------------------------------------------- DisputeModule callback

    function test_RevertWhen_OnDisputeResolvedNotDisputeModule() public {
        (uint256 jobId, ) = _disputedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_CallerNotDisputeModule.selector,
                arbitrator,
                address(disputes)
            )
        );
        vm.prank(arbitrator);
        registry.onDisputeResolved(jobId, true);
    }

    function test_RevertWhen_OnDisputeResolvedJobNotDisputed() public {
        uint256 jobId = _rejectedJob();
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InvalidState.selector,
                jobId,
                IJobRegistry.JobStatus.Disputed,
                IJobRegistry.JobStatus.Rejected
            )
        );
        vm.prank(address(disputes));
        registry.onDisputeResolved(jobId, true);
    }

    // ---------------------------------------------------------------- paused

    function test_RevertWhen_PausedCreateJob() public {
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _createJob();
    }

    function test_RevertWhen_PausedCancelJob() public {
        uint256 jobId = _createJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(employer);
        registry.cancelJob(jobId);
    }

    function test_RevertWhen_PausedTakeJob() public {
        uint256 jobId = _createJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _take(jobId);
    }

    function test_RevertWhen_PausedSubmitResult() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _submit(jobId);
    }

    function test_RevertWhen_PausedAcceptResult() public {
        uint256 jobId = _submittedJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(employer);
        registry.acceptResult(jobId);
    }

    function test_RevertWhen_PausedRejectResult() public {
        uint256 jobId = _submittedJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _reject(jobId);
    }

    function test_RevertWhen_PausedDisputeRejection() public {
        uint256 jobId = _rejectedJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _dispute(jobId);
    }

    function test_RevertWhen_PausedFinaliseAccepted() public {
        uint256 jobId = _submittedJob();
        vm.warp(block.timestamp + Defaults.REVIEW_WINDOW + 1);
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.finaliseAccepted(jobId);
    }

    function test_RevertWhen_PausedFinaliseRejection() public {
        uint256 jobId = _rejectedJob();
        vm.warp(block.timestamp + Defaults.DISPUTE_WINDOW + 1);
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.finaliseRejection(jobId);
    }

    function test_RevertWhen_PausedExpireJob() public {
        uint256 jobId = _createJob();
        _take(jobId);
        vm.warp(block.timestamp + Defaults.JOB_DURATION + 1);
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        registry.expireJob(jobId);
    }

    function test_RevertWhen_PausedOnDisputeResolved() public {
        (uint256 jobId, ) = _disputedJob();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(address(disputes));
        registry.onDisputeResolved(jobId, true);
    }

    function test_WhenPaused_WindowsResumeAfterUnpauseAndSettle() public {
        uint256 jobId = _submittedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        _pauseAll();
        vm.warp(block.timestamp + 60 days);
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        // The review window stood still for the 60 days: the employer still has all of it.
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowOpen.selector,
                jobId,
                endsAt + 60 days,
                block.timestamp
            )
        );
        registry.finaliseAccepted(jobId);
        vm.warp(endsAt + 60 days + 1);
        registry.finaliseAccepted(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
    }

    function test_WhenPaused_GovernanceSettersWork() public {
        _pauseAll();
        vm.startPrank(address(timelock));
        registry.setTreasury(eve);
        registry.setParameter(keccak256("JOB_STAKE"), 1);
        vm.stopPrank();
        assertEq(registry.treasury(), eve);
    }

    // ---------------------------------------------------------------- helpers

    function _newRegistry(
        address stakes,
        address engine,
        address disputeModule,
        address treasury_
    ) internal returns (JobRegistry) {
        return
            new JobRegistry(
                address(timelock),
                address(systemPause),
                treasury_,
                IStakeManager(stakes),
                IReputationEngine(engine),
                IDisputeModule(disputeModule),
                _jobParameters()
            );
    }

    function _assertEdges(bytes32 key, uint256 min, uint256 max) internal {
        _assertParameterEdges(registry, key, min, max);
    }

    function _expectOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max) internal {
        _expectParameterOutOfBounds(registry, key, value, min, max);
    }
}
