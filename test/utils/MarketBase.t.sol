// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";

import {Base_Test} from "./Base.t.sol";
import {Defaults} from "./Defaults.sol";
import {SystemDeployer} from "./SystemDeployer.sol";

/// @title Market_Test
/// @notice Base_Test's actors and helpers over the whole system of deploy/modules.ts, deployed by
/// SystemDeployer in the plan's order and wiring (StakeManager, ReputationEngine, DisputeModule,
/// JobRegistry, LeaseAgreement, each naming the later ones by their predicted addresses, SystemPause
/// registering all five). An employer holds approved tokens; an agent holds free stake and has
/// approved DisputeModule for bonds.
abstract contract Market_Test is Base_Test {
    address internal employer = makeAddr("Employer");
    address internal agent = makeAddr("Agent");
    address internal arbitrator = makeAddr("ArbitratorSafe");
    address internal treasury = makeAddr("Treasury");

    ReputationEngine internal reputation;
    DisputeModule internal disputes;
    JobRegistry internal registry;
    LeaseAgreement internal leases;

    function setUp() public virtual override {
        vm.warp(Defaults.T0);
        super.setUp();
        _fundMarket(employer);
        _fundMarket(agent);
        _deposit(agent, Defaults.DEPOSIT_AMOUNT);
    }

    /// @dev The whole system of deploy/modules.ts, by SystemDeployer with the defaults.
    function _deploySystem() internal virtual override {
        SystemDeployer.System memory system = SystemDeployer.deploySystem(
            _deploymentConfig(treasury, arbitrator)
        );
        timelock = system.timelock;
        stakeManager = system.stakeManager;
        reputation = system.reputation;
        disputes = system.disputes;
        registry = system.registry;
        leases = system.leases;
        systemPause = system.systemPause;
        vm.label(address(reputation), "ReputationEngine");
        vm.label(address(disputes), "DisputeModule");
        vm.label(address(registry), "JobRegistry");
        vm.label(address(leases), "LeaseAgreement");
    }

    // ---------------------------------------------------------------- deployment values

    function _disputeParameters() internal pure returns (DisputeModule.InitialParameters memory) {
        return SystemDeployer.defaultParameters().disputes;
    }

    function _jobParameters() internal pure returns (JobRegistry.InitialParameters memory) {
        return SystemDeployer.defaultParameters().jobs;
    }

    // ---------------------------------------------------------------- actions

    /// @dev Mints tokens to `account` and approves StakeManager, JobRegistry and DisputeModule for all.
    function _fundMarket(address account) internal {
        _fund(account);
        vm.startPrank(account);
        token.approve(address(registry), type(uint256).max);
        token.approve(address(disputes), type(uint256).max);
        vm.stopPrank();
    }

    function _createJob() internal returns (uint256) {
        return _createJob(Defaults.REWARD);
    }

    function _createJob(uint256 reward) internal returns (uint256 jobId) {
        vm.prank(employer);
        jobId = registry.createJob(
            reward,
            block.timestamp + Defaults.JOB_DURATION,
            Defaults.SPEC_HASH
        );
    }

    function _take(uint256 jobId) internal {
        vm.prank(agent);
        registry.takeJob(jobId);
    }

    function _submit(uint256 jobId) internal {
        vm.prank(agent);
        registry.submitResult(jobId, Defaults.RESULT_HASH);
    }

    function _reject(uint256 jobId) internal {
        vm.prank(employer);
        registry.rejectResult(jobId);
    }

    function _dispute(uint256 jobId) internal returns (uint256 disputeId) {
        vm.prank(agent);
        disputeId = registry.disputeRejection(jobId);
    }

    /// @dev Creates a job, has the agent take it and submit: the employer is reviewing.
    function _submittedJob() internal returns (uint256 jobId) {
        jobId = _createJob();
        _take(jobId);
        _submit(jobId);
    }

    function _rejectedJob() internal returns (uint256 jobId) {
        jobId = _submittedJob();
        _reject(jobId);
    }

    function _disputedJob() internal returns (uint256 jobId, uint256 disputeId) {
        jobId = _rejectedJob();
        disputeId = _dispute(jobId);
    }

    function _rule(uint256 disputeId, bool claimantWins) internal {
        vm.prank(arbitrator);
        disputes.rule(disputeId, claimantWins);
    }

    function _setParameter(address module, bytes32 key, uint256 value) internal {
        vm.prank(address(timelock));
        DisputeModule(module).setParameter(key, value);
    }

    function _status(uint256 jobId) internal view returns (IJobRegistry.JobStatus) {
        return registry.job(jobId).status;
    }

    function _locked(address account) internal view returns (uint256) {
        return stakeManager.lockedBy(address(registry), account);
    }

    function _free(address account) internal view returns (uint256) {
        return stakeManager.stakeOf(account).free;
    }

    /// @dev What `account` holds once it has claimed what DisputeModule and JobRegistry credited it
    /// (settlements are pull payments), as a party would.
    function _wallet(address account) internal virtual returns (uint256) {
        if (disputes.creditOf(account) != 0 && !disputes.paused()) disputes.claim(account);
        if (registry.creditOf(account) != 0 && !registry.paused()) registry.claim(account);
        return token.balanceOf(account);
    }
}
