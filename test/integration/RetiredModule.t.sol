// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";

import {Defaults} from "../utils/Defaults.sol";
import {Market_Test} from "../utils/MarketBase.t.sol";

/// Cross-module (issue 12, 3d): retiring JobRegistry on StakeManager while a job is live, and even
/// releasing its locks by governance, leaves every settlement of that job a way to finish, whether or
/// not the registry is re-authorised; only new locks are refused.
contract RetiredModule_Integration_Test is Market_Test {
    uint256 internal constant STAKE = Defaults.JOB_STAKE;

    function _retire() internal {
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(registry), false);
    }

    function _governanceReleases() internal {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeReleased(address(registry), agent, STAKE);
        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(address(registry), agent);
        assertEq(stakeManager.releasedByGovernance(address(registry), agent), STAKE);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT, "governance freed the stake");
    }

    function test_Revoked_LiveJobStillSettlesThroughItsOwnPaths() public {
        uint256 jobId = _submittedJob();
        _retire();
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT, "the revoked module released its lock");
    }

    function test_Revoked_NoNewLock() public {
        uint256 jobId = _createJob();
        _retire();
        vm.expectRevert();
        _take(jobId);
    }

    function test_GovernanceReleased_AcceptStillSettles() public {
        uint256 jobId = _submittedJob();
        _retire();
        _governanceReleases();
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.GovernanceReleaseDrawn(address(registry), agent, STAKE, 0);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT, "not freed twice");
        assertEq(stakeManager.releasedByGovernance(address(registry), agent), 0);
        assertEq(stakeManager.totalStaked(), Defaults.DEPOSIT_AMOUNT);
    }

    function test_GovernanceReleased_ExpiryStillSettles_NothingSlashedTwice() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _retire();
        _governanceReleases();
        vm.warp(registry.currentDeadline(jobId) + 1);
        uint256 employerBefore = token.balanceOf(employer);
        registry.expireJob(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Expired));
        // The escrow went back; the stake governance freed stays the agent's (the slash found it gone).
        // JobRegistry pays on what the slash delivered: nothing is credited that it does not hold.
        assertEq(
            registry.creditOf(employer),
            Defaults.REWARD,
            "an unfunded slash share was credited"
        );
        assertEq(_wallet(employer), employerBefore + Defaults.REWARD);
        assertEq(token.balanceOf(address(registry)), 0, "JobRegistry keeps a stray balance");
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
        assertEq(token.balanceOf(address(stakeManager)), stakeManager.totalStaked());
    }

    function test_GovernanceReleased_ReauthorisedStillSettles() public {
        uint256 jobId = _rejectedJob();
        _retire();
        _governanceReleases();
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(registry), true);
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        registry.finaliseRejection(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(_locked(agent), 0);
    }

    function test_GovernanceReleased_AfterAPartialSettlementOnlyTheRestIsDrawn() public {
        // Two live jobs of one agent: governance frees both locks, each job then settles.
        uint256 first = _submittedJob();
        uint256 second = _submittedJob();
        _retire();
        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(address(registry), agent);
        assertEq(stakeManager.releasedByGovernance(address(registry), agent), 2 * STAKE);
        vm.startPrank(employer);
        registry.acceptResult(first);
        registry.acceptResult(second);
        vm.stopPrank();
        assertEq(stakeManager.releasedByGovernance(address(registry), agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
    }

    function test_RevertWhen_AModuleSettlesMoreThanItLockedAndGovernanceReleased() public {
        // The record covers only what governance released: a module still cannot free a stake it
        // never locked.
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(this), true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                address(this),
                agent,
                1,
                0
            )
        );
        stakeManager.release(agent, 1);
    }
}
