// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IReputationEngine} from "../../contracts/interfaces/IReputationEngine.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";

import {Base_Test} from "./Base.t.sol";
import {Defaults} from "./Defaults.sol";

/// @title Market_Test
/// @notice The foundation of Base_Test plus the market as deploy/modules.ts wires it: ReputationEngine
/// and DisputeModule name JobRegistry by its predicted address, StakeManager authorises it, SystemPause
/// registers all three (governance calls are pranked as the timelock, which owns everything). An
/// employer holds approved tokens; an agent holds free stake and has approved DisputeModule for bonds.
abstract contract Market_Test is Base_Test {
    address internal employer;
    address internal agent;
    address internal arbitrator;
    address internal treasury;

    ReputationEngine internal reputation;
    DisputeModule internal disputes;
    JobRegistry internal registry;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(Defaults.T0);
        employer = makeAddr("Employer");
        agent = makeAddr("Agent");
        arbitrator = makeAddr("ArbitratorSafe");
        treasury = makeAddr("Treasury");

        address predictedRegistry = vm.computeCreateAddress(
            address(this),
            vm.getNonce(address(this)) + 2
        );
        reputation = new ReputationEngine(
            address(timelock),
            address(systemPause),
            Defaults.HALF_LIFE,
            Defaults.SCORE_CAP,
            _one(predictedRegistry)
        );
        disputes = new DisputeModule(
            address(timelock),
            address(systemPause),
            IERC20(address(token)),
            arbitrator,
            treasury,
            _disputeParameters(),
            _one(predictedRegistry)
        );
        registry = new JobRegistry(
            address(timelock),
            address(systemPause),
            treasury,
            IStakeManager(address(stakeManager)),
            IReputationEngine(address(reputation)),
            IDisputeModule(address(disputes)),
            _jobParameters()
        );
        assertEq(address(registry), predictedRegistry, "JobRegistry not at its predicted address");

        vm.startPrank(address(timelock));
        stakeManager.setModuleAuthorisation(address(registry), true);
        systemPause.addModule(address(reputation));
        systemPause.addModule(address(disputes));
        systemPause.addModule(address(registry));
        vm.stopPrank();

        _fundMarket(employer);
        _fundMarket(agent);
        _deposit(agent, Defaults.DEPOSIT_AMOUNT);

        vm.label(address(reputation), "ReputationEngine");
        vm.label(address(disputes), "DisputeModule");
        vm.label(address(registry), "JobRegistry");
    }

    // ---------------------------------------------------------------- deployment values

    function _disputeParameters() internal pure returns (DisputeModule.InitialParameters memory) {
        return
            DisputeModule.InitialParameters({
                minBond: Defaults.MIN_BOND,
                bondShareBps: Defaults.BOND_SHARE_BPS,
                disputeFeeBps: Defaults.DISPUTE_FEE_BPS,
                rulingPeriod: Defaults.RULING_PERIOD,
                defaultOutcome: Defaults.DEFAULT_OUTCOME
            });
    }

    function _jobParameters() internal pure returns (JobRegistry.InitialParameters memory) {
        return
            JobRegistry.InitialParameters({
                protocolFeeBps: Defaults.PROTOCOL_FEE_BPS,
                reviewWindow: Defaults.REVIEW_WINDOW,
                disputeWindow: Defaults.DISPUTE_WINDOW,
                jobStake: Defaults.JOB_STAKE,
                slashShareBps: Defaults.SLASH_SHARE_BPS,
                minReputation: Defaults.MIN_REPUTATION,
                reputationReward: Defaults.REPUTATION_REWARD,
                reputationPenalty: Defaults.REPUTATION_PENALTY,
                maxJobDuration: Defaults.MAX_JOB_DURATION,
                reputationPrice: Defaults.REPUTATION_PRICE,
                idleLimit: Defaults.IDLE_LIMIT,
                ungatedReward: Defaults.UNGATED_REWARD
            });
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
