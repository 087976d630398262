// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";

import {Defaults} from "../utils/Defaults.sol";
import {Market_Test} from "../utils/MarketBase.t.sol";

/// A pause decides no case (docs/governance.md, property SY-06): every window a party must act
/// within stands still while a module its action needs is paused, to the second. Pauses through the
/// system switch, several pauses adding up, and a module paused alone (its pauser, SystemPause,
/// pausing it directly, as when a switch call to another module failed) are each tried at the edges:
/// the party acts at the last second of the extended window, and one second later it is closed while
/// the silent-party path opens.
contract PauseWindows_Unit_Test is Market_Test {
    uint256 internal constant PAUSE = 10 days;
    uint256 internal constant LEFT = 1 hours;

    address internal earner = makeAddr("Earner");
    address internal lessee = makeAddr("Lessee");

    function setUp() public override {
        super.setUp();
        token.mint(lessee, 1_000e18);
        vm.startPrank(lessee);
        token.approve(address(leases), type(uint256).max);
        token.approve(address(disputes), type(uint256).max);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Governance resumes everything after `seconds_` of pause.
    function _pauseAllFor(uint256 seconds_) internal {
        _pauseAll();
        vm.warp(block.timestamp + seconds_);
        vm.prank(address(timelock));
        systemPause.unpauseAll();
    }

    /// @dev `module` alone is paused for `seconds_` by its pauser, then resumed.
    function _pauseAloneFor(address module, uint256 seconds_) internal {
        vm.prank(address(systemPause));
        IMandateModule(module).pause();
        vm.warp(block.timestamp + seconds_);
        vm.prank(address(systemPause));
        IMandateModule(module).unpause();
    }

    function _openLease() internal returns (uint256 leaseId) {
        vm.prank(earner);
        uint256 productId = leases.listProduct(1e12, 1 hours, 30 days, keccak256("consent"));
        vm.prank(lessee);
        leaseId = leases.openLease(
            productId,
            earner,
            10 days,
            keccak256("consent"),
            type(uint256).max
        );
    }

    // ---------------------------------------------------------------- the clock

    function test_PausedSeconds_GrowsWhilePausedAndStandsStillWhileRunning() public {
        assertEq(registry.pausedSeconds(), 0);
        _pauseAll();
        vm.warp(block.timestamp + 100);
        assertEq(registry.pausedSeconds(), 100, "grows while paused");
        vm.expectEmit(address(registry));
        emit IMandateModule.PauseClockAdvanced(250, 250);
        vm.warp(block.timestamp + 150);
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        vm.warp(block.timestamp + 5 days);
        assertEq(registry.pausedSeconds(), 250, "stands still while running");
        _pauseAllFor(50);
        assertEq(registry.pausedSeconds(), 300, "pauses add up");
        assertEq(disputes.pausedSeconds(), 300, "the switch moves every clock");
    }

    // ---------------------------------------------------------------- the agent's deadline

    function test_SubmitResult_AtTheLastSecondAfterAPause() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 deadline = registry.job(jobId).deadline;
        vm.warp(deadline - LEFT);
        _pauseAllFor(PAUSE);
        assertEq(registry.currentDeadline(jobId), deadline + PAUSE);
        vm.warp(deadline + PAUSE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DeadlineNotPassed.selector,
                jobId,
                deadline + PAUSE,
                deadline + PAUSE
            )
        );
        registry.expireJob(jobId);
        _submit(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Submitted));
    }

    function test_RevertWhen_SubmitResultOneSecondAfterTheExtendedDeadline() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 deadline = registry.job(jobId).deadline;
        vm.warp(deadline - LEFT);
        _pauseAllFor(PAUSE);
        vm.warp(deadline + PAUSE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_DeadlinePassed.selector,
                jobId,
                deadline + PAUSE,
                deadline + PAUSE + 1
            )
        );
        _submit(jobId);
        registry.expireJob(jobId);
    }

    function test_TakenDeadline_ExtendedByJobRegistryPausedAlone() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 deadline = registry.job(jobId).deadline;
        _pauseAloneFor(address(registry), PAUSE);
        _pauseAloneFor(address(disputes), PAUSE); // submitting does not need the DisputeModule
        assertEq(registry.currentDeadline(jobId), deadline + PAUSE);
    }

    function test_OpenJobDeadline_NotExtended() public {
        uint256 jobId = _createJob();
        uint256 deadline = registry.job(jobId).deadline;
        _pauseAllFor(PAUSE);
        assertEq(registry.currentDeadline(jobId), deadline, "the employer may cancel at any time");
    }

    // ---------------------------------------------------------------- the employer's review window

    function test_RejectResult_AtTheLastSecondAfterTwoPauses() public {
        uint256 jobId = _submittedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt - 2 * LEFT);
        _pauseAllFor(PAUSE);
        vm.warp(block.timestamp + LEFT);
        _pauseAllFor(3 days);
        uint256 extended = endsAt + PAUSE + 3 days;
        assertEq(registry.currentDeadline(jobId), extended, "the two pauses add up");
        vm.warp(extended);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowOpen.selector,
                jobId,
                extended,
                extended
            )
        );
        registry.finaliseAccepted(jobId);
        _reject(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Rejected));
    }

    function test_RevertWhen_RejectResultOneSecondAfterTheExtendedWindow() public {
        uint256 jobId = _submittedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        _pauseAloneFor(address(registry), PAUSE);
        vm.warp(endsAt + PAUSE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowClosed.selector,
                jobId,
                endsAt + PAUSE,
                endsAt + PAUSE + 1
            )
        );
        _reject(jobId);
        registry.finaliseAccepted(jobId);
    }

    // ---------------------------------------------------------------- the agent's dispute window

    function test_DisputeRejection_AtTheLastSecondAfterThePauseThatOutlastsTheWindow() public {
        uint256 jobId = _rejectedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt - LEFT);
        _pauseAllFor(PAUSE); // a pause far longer than the 2-day window
        // The switch paused both modules the dispute needs: each clock counts, the agent gets more.
        uint256 extended = endsAt + 2 * PAUSE;
        assertEq(registry.currentDeadline(jobId), extended);
        vm.warp(extended);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowOpen.selector,
                jobId,
                extended,
                extended
            )
        );
        registry.finaliseRejection(jobId);
        _dispute(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Disputed));
    }

    function test_DisputeWindow_ExtendedByDisputeModulePausedAlone() public {
        uint256 jobId = _rejectedJob();
        uint256 endsAt = registry.job(jobId).windowEndsAt;
        vm.warp(endsAt - LEFT);
        _pauseAloneFor(address(disputes), PAUSE);
        assertEq(registry.currentDeadline(jobId), endsAt + PAUSE);
        vm.warp(endsAt + PAUSE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_WindowClosed.selector,
                jobId,
                endsAt + PAUSE,
                endsAt + PAUSE + 1
            )
        );
        _dispute(jobId);
        registry.finaliseRejection(jobId);
    }

    function test_CurrentDeadline_ZeroOnceDisputedOrUnknown() public {
        (uint256 jobId, ) = _disputedJob();
        assertEq(registry.currentDeadline(jobId), 0);
        assertEq(registry.currentDeadline(jobId + 1), 0);
    }

    // ---------------------------------------------------------------- the arbitrator's ruling period

    function test_Rule_AtTheLastSecondAfterEachModulePausedAlone() public {
        (, uint256 disputeId) = _disputedJob();
        uint256 ruleBy = disputes.dispute(disputeId).ruleBy;
        _pauseAloneFor(address(disputes), 1 days); // the ruling itself
        _pauseAloneFor(address(registry), 2 days); // the client's callback
        _pauseAloneFor(address(stakeManager), 3 days); // the client's settlement
        uint256 extended = ruleBy + 6 days;
        assertEq(disputes.ruleByInForce(disputeId), extended);
        assertEq(registry.settlementPausedSeconds(), 5 days);
        vm.warp(extended);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_RulingPeriodNotOver.selector,
                disputeId,
                extended,
                extended
            )
        );
        disputes.resolveByDefault(disputeId);
        _rule(disputeId, true);
        assertTrue(disputes.dispute(disputeId).claimantWon);
        assertEq(disputes.ruleByInForce(disputeId), ruleBy, "as set once resolved");
        assertEq(disputes.ruleByInForce(disputeId + 1), 0, "unknown");
    }

    function test_RevertWhen_RuleOneSecondAfterTheExtendedPeriod() public {
        (, uint256 disputeId) = _disputedJob();
        uint256 ruleBy = disputes.dispute(disputeId).ruleBy;
        vm.warp(ruleBy - LEFT);
        _pauseAllFor(PAUSE);
        // DisputeModule, JobRegistry and StakeManager were all paused: three clocks count.
        uint256 extended = ruleBy + 3 * PAUSE;
        assertEq(disputes.ruleByInForce(disputeId), extended);
        vm.warp(extended + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_RulingPeriodOver.selector,
                disputeId,
                extended,
                extended + 1
            )
        );
        _rule(disputeId, true);
        disputes.resolveByDefault(disputeId);
        assertFalse(disputes.dispute(disputeId).claimantWon);
    }

    // ---------------------------------------------------------------- the lessee's dispute window

    function test_LeaseDispute_AtTheLastSecondAfterLeaseAgreementPausedAlone() public {
        uint256 leaseId = _openLease();
        uint256 closesAt = leases.disputeWindowClosesAt(leaseId);
        vm.warp(closesAt - LEFT);
        _pauseAloneFor(address(leases), PAUSE);
        assertEq(leases.disputeWindowClosesAt(leaseId), closesAt + PAUSE);
        vm.warp(closesAt + PAUSE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DisputeWindowOpen.selector,
                leaseId,
                closesAt + PAUSE,
                closesAt + PAUSE - 1
            )
        );
        leases.settle(leaseId);
        vm.prank(lessee);
        leases.dispute(leaseId);
        assertEq(uint8(leases.lease(leaseId).status), uint8(ILeaseAgreement.LeaseStatus.Disputed));
    }

    function test_RevertWhen_LeaseDisputeAfterTheWindowExtendedByDisputeModulePausedAlone() public {
        uint256 leaseId = _openLease();
        uint256 closesAt = leases.disputeWindowClosesAt(leaseId);
        vm.warp(closesAt - LEFT);
        _pauseAloneFor(address(disputes), PAUSE);
        vm.warp(closesAt + PAUSE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DisputeWindowClosed.selector,
                leaseId,
                closesAt + PAUSE,
                closesAt + PAUSE
            )
        );
        vm.prank(lessee);
        leases.dispute(leaseId);
        leases.settle(leaseId);
        assertEq(leases.settlementPausedSeconds(), 0, "the lease callback is never paused");
    }
}
