// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {SystemProperties} from "../properties/SystemProperties.sol";

/// @title SystemMutations
/// @notice Must-fail tests for the system properties: each breaks one SY property on purpose (a
/// token sent where nobody accounts for it, a dispute record faked with vm.mockCall, one module
/// resumed behind the switch's back, a governance change outside the deployed wiring, a module
/// callback made to revert) and shows that property's check reports its id. The set-up state, with
/// jobs and leases in every kind of unfinished state, also shows every check passing unbroken.
contract SystemMutations is SystemProperties {
    function setUp() public {
        _setUpSystem();
        // Jobs: 1 accepted; 2 rejected and disputed (dispute 1); 3 taken; 4 open.
        marketHandler.createJob(0, 100e18, 7 days);
        marketHandler.createJob(1, 500e18, 7 days);
        marketHandler.createJob(0, 300e18, 7 days);
        marketHandler.createJob(1, 40e18, 7 days);
        marketHandler.takeJob(0, 0);
        marketHandler.submitResult(0);
        marketHandler.acceptResult(0);
        marketHandler.takeJob(1, 1);
        marketHandler.submitResult(1);
        marketHandler.rejectResult(1);
        marketHandler.disputeRejection(1);
        marketHandler.takeJob(2, 2);
        // Leases: 1 run to its end and disputed (dispute 2); 2 revoked mid-term; 3 active.
        leaseHandler.listProduct(0, 1e12, 1 days, 2 days);
        leaseHandler.openLease(0, 0, 1 days);
        leaseHandler.openLease(0, 1, 2 days);
        leaseHandler.openLease(0, 0, 3 days);
        vm.warp(block.timestamp + 1 days + 1);
        leaseHandler.dispute(0); // lease 1 is the first active lease whose term is over
        leaseHandler.revokeConsent(1); // lease 2, mid-term
        marketHandler.stakeRequestWithdrawal(0, 10e18); // agent0 unbonding part of its stake

        assertEq(
            uint256(registry.job(2).status),
            uint256(IJobRegistry.JobStatus.Disputed),
            "job 2"
        );
        assertEq(uint256(registry.job(3).status), uint256(IJobRegistry.JobStatus.Taken), "job 3");
        assertEq(
            uint256(leases.lease(1).status),
            uint256(ILeaseAgreement.LeaseStatus.Disputed),
            "lease 1"
        );
        assertEq(
            uint256(leases.lease(2).status),
            uint256(ILeaseAgreement.LeaseStatus.Revoked),
            "lease 2"
        );
        assertEq(disputes.dispute(2).client, address(leases), "dispute 2 is the lease's");
    }

    function test_allPropertiesHoldBeforeBreaking() public view {
        _checkSystem();
    }

    function test_SY05_everyCaseEndsFromTheSetUpState() public {
        check_SY05_everyCaseCanEnd();
    }

    function test_SY01_caughtWhenTokensLeaveForAnUnknownAccount() public {
        address employer = registry.job(1).employer;
        vm.prank(employer);
        token.transfer(makeAddr("nobodyTheSuiteKnows"), 1);
        _assertViolated("SY-01", this.check_SY01_everyTokenAccountedFor);
    }

    function test_SY02_caughtWhenDisputeClosesWithoutItsCase() public {
        IDisputeModule.Dispute memory d = disputes.dispute(2);
        d.status = IDisputeModule.Status.Resolved; // lease 1 stays Disputed
        vm.mockCall(address(disputes), abi.encodeCall(IDisputeModule.dispute, (2)), abi.encode(d));
        _assertViolated("SY-02", this.check_SY02_disputesMatchTheirCases);
    }

    function test_SY03_caughtWhenOneModuleRunsWhileTheSwitchIsPaused() public {
        switchHandler.guardian_pauseAll(0);
        vm.prank(address(systemPause)); // LeaseAgreement resumed alone
        leases.unpause();
        leaseHandler.listProduct(1, 1e12, 1 days, 0);
        _assertViolated("SY-03", this.check_SY03_pauseStopsEverything);
    }

    function test_SY04_caughtWhenStakeManagerTrustsAnotherModule() public {
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(leases), true);
        _assertViolated("SY-04", this.check_SY04_wiringAsDeployed);
    }

    function test_SY06_holdsAcrossAPauseLongerThanEveryWindow() public {
        switchHandler.guardian_pauseAll(0);
        assertGt(switchHandler.watchedCount(), 0, "setup: open cases watched");
        vm.warp(block.timestamp + 30 days);
        check_SY06_pauseKeepsTimeLeft();
        switchHandler.governance_unpauseAll();
        _checkSystem();
    }

    function test_SY06_caughtWhenAPauseClockLosesADay() public {
        switchHandler.guardian_pauseAll(0);
        switchHandler.warp(1 days);
        // JobRegistry's clock forgets the day: its pause now seems to start now (MandateModule packs
        // `_pausedSince` at bits 160-207 of slot 2, beside the pauser). Job 3's agent loses the day.
        bytes32 slot = bytes32(uint256(2));
        uint256 word = uint256(vm.load(address(registry), slot));
        assertEq(address(uint160(word)), address(systemPause), "layout: pauser");
        uint256 cleared = word & ~(uint256(type(uint48).max) << 160);
        vm.store(address(registry), slot, bytes32(cleared | (block.timestamp << 160)));
        assertEq(registry.pausedSeconds(), 0, "layout: _pausedSince");
        switchHandler.governance_unpauseAll();
        _assertViolated("SY-06", this.check_SY06_pauseKeepsTimeLeft);
    }

    function test_SY04_caughtWhenDisputeModuleBondsInAnotherToken() public {
        // The constructors refuse such a DisputeModule; here its answer is faked after deployment.
        vm.mockCall(
            address(disputes),
            abi.encodeWithSelector(IDisputeModule.token.selector),
            abi.encode(address(0xB0B))
        );
        _assertViolated("SY-04", this.check_SY04_wiringAsDeployed);
    }

    function test_SY05_caughtWhenATakenJobCannotExpire() public {
        // StakeManager refuses to release JobRegistry's lock: job 3 can no longer end.
        vm.mockCallRevert(
            address(stakeManager),
            abi.encodeWithSelector(IStakeManager.release.selector),
            "stake stuck"
        );
        _assertViolated("SY-05", this.check_SY05_everyCaseCanEnd);
    }

    function test_SY07_caughtWhenAParameterChangesOutsideGovernance() public {
        governanceHandler.setParameter(2, 0, 5e18); // DisputeModule MIN_BOND through the timelock
        check_SY07_governanceMovesEveryParameter();
        bytes32 fee = disputes.DISPUTE_FEE_BPS();
        vm.prank(address(timelock)); // in bounds, but no operation of the owners' Safe asked for it
        disputes.setParameter(fee, 4_000);
        _assertViolated("SY-07", this.check_SY07_governanceMovesEveryParameter);
    }
}
