// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {IModuleAuthorisation} from "../../contracts/interfaces/IModuleAuthorisation.sol";
import {IReputationEngine} from "../../contracts/interfaces/IReputationEngine.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";

/// @title MarketHandler
/// @notice Drives the job market as deployed: employers create, cancel, accept and reject jobs;
/// agents stake, unbond and withdraw, and take, submit and dispute jobs; anyone finalises, expires and
/// applies a dispute's default; the arbitrator rules (or stays silent); governance withdraws and
/// restores JobRegistry's right to change reputation. The switch belongs to another handler (the
/// pause oracle). Every job transition, token flow and score rise is recorded in ghosts.
/// @dev Jobs are picked by their status on chain (so that most calls do something), expectations
/// come from ghost state: the status each job had after the handler's last step, the rewards,
/// bonds and stake that went in and should have gone out, how often each job's escrow paid out, and
/// each agent's score as last seen.
contract MarketHandler is SwitchAwareHandler {
    using JobStates for IJobRegistry.JobStatus;

    uint256 internal constant MAX_REWARD = 1e24;
    uint256 internal constant AGENT_STAKE = 10_000e18;
    /// @dev The deployed SLASH_SHARE_BPS: half a failed job's stake goes to its employer.
    uint256 internal constant SLASH_SHARE_BPS = 5_000;

    JobRegistry public immutable registry;
    DisputeModule public immutable disputes;
    StakeManager public immutable stakeManager;
    IReputationEngine public immutable reputation;
    MandateTestToken public immutable token;
    address public immutable arbitrator;
    address public immutable stranger;

    address[] internal _employers;
    address[] internal _agents;

    // ------------------------------------------------------------ ghost state
    /// @notice Each job's status after the handler's last step (JR-04).
    mapping(uint256 jobId => IJobRegistry.JobStatus) public ghost_status;
    /// @notice Transitions seen that are not edges of the job state machine (JR-04: must stay 0).
    uint256 public ghost_illegalTransitions;
    /// @notice How many times each job's escrow paid out (JR-03: at most 1).
    mapping(uint256 jobId => uint256) public ghost_payouts;
    uint256 public ghost_rewardsIn;
    uint256 public ghost_rewardsOut;
    uint256 public ghost_bondsIn;
    uint256 public ghost_bondsOut;
    /// @notice The bond each dispute should hold, from the deployed bond parameters (DM-02).
    mapping(uint256 disputeId => uint256) public ghost_bond;
    /// @notice Market and staking actions that succeeded while the switch was paused (JR-06: must stay 0).
    uint256 public ghost_pausedSuccesses;
    /// @notice What each agent should have in StakeManager: deposits - withdrawals - slashes (JR-08).
    mapping(address agent => uint256) public ghost_agentStake;
    uint256 public ghost_stakeDeposited;
    uint256 public ghost_stakeWithdrawn;
    /// @notice Stake slashed to employers by the deployed rule, from each failed job's recorded stake.
    uint256 public ghost_stakeSlashed;
    /// @notice Whether governance last left JobRegistry authorised on ReputationEngine (JR-07).
    bool public ghost_reputationClient = true;
    /// @notice Each agent's score as the handler last read it (JR-07).
    mapping(address agent => uint256) public ghost_lastScore;
    /// @notice Score rises with no acceptance of that agent's job in the same step, or while
    /// JobRegistry was not authorised (JR-07: must stay 0).
    uint256 public ghost_unearnedRises;
    /// @notice resolveByDefault on an open dispute past its deadline, system running, that reverted
    /// (DM-03: must stay 0).
    uint256 public ghost_defaultFailures;
    uint256 public ghost_defaultsApplied;
    /// @notice Rulings that succeeded after their deadline in force (must stay 0: DM-03).
    uint256 public ghost_lateRulings;

    constructor(
        JobRegistry registry_,
        IPauseOracle pauseOracle_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address arbitrator_
    ) SwitchAwareHandler(timelock_, governanceSafe_, pauseOracle_) {
        registry = registry_;
        disputes = DisputeModule(registry_.disputeModule());
        stakeManager = StakeManager(registry_.stakeManager());
        reputation = IReputationEngine(registry_.reputationEngine());
        token = MandateTestToken(address(registry_.token()));
        arbitrator = arbitrator_;
        stranger = makeAddr("stranger");
        for (uint256 i; i < 2; ++i) {
            _employers.push(_fundedActor(string.concat("employer", vm.toString(i))));
        }
        for (uint256 i; i < 3; ++i) {
            address agent = _fundedActor(string.concat("agent", vm.toString(i)));
            vm.startPrank(agent);
            token.approve(address(stakeManager), type(uint256).max);
            stakeManager.deposit(AGENT_STAKE);
            vm.stopPrank();
            ghost_agentStake[agent] = AGENT_STAKE;
            ghost_stakeDeposited += AGENT_STAKE;
            _agents.push(agent);
        }
    }

    function agents() external view returns (address[] memory) {
        return _agents;
    }

    // ------------------------------------------------------------ employers

    function createJob(uint256 employerSeed, uint256 reward, uint256 duration) external {
        address employer = _employers[employerSeed % _employers.length];
        reward = _bound(reward, 1, MAX_REWARD);
        duration = _bound(duration, 1, 30 days);
        uint256 jobId = registry.jobCount() + 1;
        bytes memory data = abi.encodeCall(
            registry.createJob,
            (reward, block.timestamp + duration, keccak256(abi.encode(jobId)))
        );
        if (_act("createJob", employer, address(registry), data, jobId, 0))
            ghost_rewardsIn += reward;
    }

    function cancelJob(uint256 jobSeed, bool asStranger) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Open);
        if (jobId == 0) return;
        // Anyone may cancel once the deadline passed without a taker; strangers try before, too.
        address caller = asStranger ? stranger : registry.job(jobId).employer;
        _act(
            "cancelJob",
            caller,
            address(registry),
            abi.encodeCall(registry.cancelJob, (jobId)),
            jobId,
            0
        );
    }

    function acceptResult(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Submitted);
        if (jobId == 0) return;
        address employer = registry.job(jobId).employer;
        _act(
            "acceptResult",
            employer,
            address(registry),
            abi.encodeCall(registry.acceptResult, (jobId)),
            jobId,
            0
        );
    }

    function rejectResult(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Submitted);
        if (jobId == 0) return;
        address employer = registry.job(jobId).employer;
        _act(
            "rejectResult",
            employer,
            address(registry),
            abi.encodeCall(registry.rejectResult, (jobId)),
            jobId,
            0
        );
    }

    // ------------------------------------------------------------ agents

    function takeJob(uint256 jobSeed, uint256 agentSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Open);
        if (jobId == 0) return;
        address agent = _agents[agentSeed % _agents.length];
        _act(
            "takeJob",
            agent,
            address(registry),
            abi.encodeCall(registry.takeJob, (jobId)),
            jobId,
            0
        );
    }

    function submitResult(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Taken);
        if (jobId == 0) return;
        address agent = registry.job(jobId).agent;
        bytes memory data = abi.encodeCall(registry.submitResult, (jobId, keccak256("result")));
        _act("submitResult", agent, address(registry), data, jobId, 0);
    }

    function disputeRejection(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Rejected);
        if (jobId == 0) return;
        IJobRegistry.Job memory j = registry.job(jobId);
        uint256 disputeId = disputes.disputeCount() + 1;
        bytes memory data = abi.encodeCall(registry.disputeRejection, (jobId));
        uint256 bond = _disputeBond(disputes, j.reward);
        if (_act("disputeRejection", j.agent, address(registry), data, jobId, 0)) {
            ghost_bond[disputeId] = bond;
            ghost_bondsIn += bond;
        }
    }

    /// @notice An agent adds stake (1 wei up to its starting stake again).
    function stakeDeposit(uint256 agentSeed, uint256 amount) external {
        address agent = _agents[agentSeed % _agents.length];
        amount = _bound(amount, 1, AGENT_STAKE);
        bytes memory data = abi.encodeCall(IStakeManager.deposit, (amount));
        if (_actStake("stakeDeposit", agent, data)) {
            ghost_agentStake[agent] += amount;
            ghost_stakeDeposited += amount;
        }
    }

    /// @notice An agent starts unbonding part of its free stake (which may leave too little to take jobs).
    function stakeRequestWithdrawal(uint256 agentSeed, uint256 amount) external {
        address agent = _agents[agentSeed % _agents.length];
        uint256 free = stakeManager.stakeOf(agent).free;
        amount = _bound(amount, 1, free > 0 ? free : 1);
        _actStake(
            "stakeRequestWithdrawal",
            agent,
            abi.encodeCall(IStakeManager.requestWithdrawal, (amount))
        );
    }

    function stakeCancelWithdrawal(uint256 agentSeed) external {
        address agent = _agents[agentSeed % _agents.length];
        _actStake(
            "stakeCancelWithdrawal",
            agent,
            abi.encodeCall(IStakeManager.cancelWithdrawal, ())
        );
    }

    /// @notice An agent withdraws its unbonded stake, after waiting up to a little over the unbonding
    /// period; what its wallet receives is what leaves its stake.
    function stakeWithdraw(uint256 agentSeed, uint256 waitSeconds) external {
        address agent = _agents[agentSeed % _agents.length];
        _warp(_bound(waitSeconds, 0, 8 days));
        uint256 walletBefore = token.balanceOf(agent);
        if (_actStake("stakeWithdraw", agent, abi.encodeCall(IStakeManager.withdraw, ()))) {
            uint256 received = token.balanceOf(agent) - walletBefore;
            ghost_agentStake[agent] -= received;
            ghost_stakeWithdrawn += received;
        }
    }

    // ------------------------------------------------------------ anyone, after a silence

    function finaliseAccepted(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Submitted);
        if (jobId == 0) return;
        bytes memory data = abi.encodeCall(registry.finaliseAccepted, (jobId));
        _act("finaliseAccepted", stranger, address(registry), data, jobId, 0);
    }

    function finaliseRejection(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Rejected);
        if (jobId == 0) return;
        bytes memory data = abi.encodeCall(registry.finaliseRejection, (jobId));
        _act("finaliseRejection", stranger, address(registry), data, jobId, 0);
    }

    function expireJob(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Taken);
        if (jobId == 0) return;
        bytes memory data = abi.encodeCall(registry.expireJob, (jobId));
        _act("expireJob", stranger, address(registry), data, jobId, 0);
    }

    // ------------------------------------------------------------ disputes

    /// @notice The arbitrator rules on an open dispute, before or after its deadline; after it the
    /// ruling must be refused (DM-03).
    function rule(uint256 disputeSeed, bool claimantWins) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        bool late = block.timestamp > disputes.ruleByInForce(disputeId);
        bytes memory data = abi.encodeCall(disputes.rule, (disputeId, claimantWins));
        bool ok = _act(
            "rule",
            arbitrator,
            address(disputes),
            data,
            disputes.dispute(disputeId).caseId,
            disputeId
        );
        if (ok && late) ++ghost_lateRulings;
    }

    /// @notice Anyone applies the default outcome. On an open dispute past its deadline, with the
    /// system running, it must succeed (DM-03); before the deadline it must not. With `waitForIt`
    /// the arbitrator stays silent until the deadline has passed (a 7-day ruling period is rarely
    /// crossed by random warps within 64 calls).
    function resolveByDefault(uint256 disputeSeed, bool waitForIt) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        IDisputeModule.Dispute memory d = disputes.dispute(disputeId);
        // The deadline in force: pauses extend it.
        uint256 ruleBy = disputes.ruleByInForce(disputeId);
        if (waitForIt && block.timestamp <= ruleBy) vm.warp(ruleBy + 1);
        bool overdue = block.timestamp > ruleBy;
        bytes memory data = abi.encodeCall(disputes.resolveByDefault, (disputeId));
        bool ok = _act("resolveByDefault", stranger, address(disputes), data, d.caseId, disputeId);
        if (overdue && !_systemPaused()) {
            if (ok) ++ghost_defaultsApplied;
            else ++ghost_defaultFailures;
        }
        if (ok && !overdue) ++ghost_defaultFailures; // the arbitrator's time was cut short
    }

    // ------------------------------------------------------------ time and the switch

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 4 days)); // windows are 2 and 3 days, the ruling period 7
        _succeeded("warp");
    }

    // ------------------------------------------------------------ governance

    /// @notice Governance withdraws or restores JobRegistry's right to change scores on
    /// ReputationEngine. Settlement must go on either way (JR-07, DM-03).
    function governance_setReputationClient(bool authorised) external {
        if (authorised == ghost_reputationClient) return;
        _called("governance_setReputationClient");
        bytes memory data = abi.encodeCall(
            IModuleAuthorisation.setModuleAuthorisation,
            (address(registry), authorised)
        );
        require(_governance(address(reputation), data), "reputation client change refused");
        ghost_reputationClient = authorised;
        _observeScores(0, IJobRegistry.JobStatus.None);
        _succeeded("governance_setReputationClient");
    }

    // ------------------------------------------------------------ internals

    /// @dev Runs one market call as `caller` and records what it did: the transition of `jobId`
    /// (checked against the edge table), rewards and bonds that left, and escrow payouts per job.
    /// Failing calls (too early, too late, wrong caller, paused) are expected and change nothing.
    function _act(
        string memory action,
        address caller,
        address target,
        bytes memory data,
        uint256 jobId,
        uint256 disputeId
    ) internal returns (bool ok) {
        _called(action);
        uint256 escrowBefore = token.balanceOf(address(registry));
        vm.prank(caller);
        (ok, ) = target.call(data);
        if (!ok) return false;
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded(action);

        IJobRegistry.Job memory j = registry.job(jobId);
        IJobRegistry.JobStatus from = ghost_status[jobId];
        IJobRegistry.JobStatus reached = IJobRegistry.JobStatus.None;
        if (j.status != from) {
            reached = j.status;
            if (!from.canMoveTo(j.status)) ++ghost_illegalTransitions;
            ghost_status[jobId] = j.status;
            if (j.status.paysOut()) ghost_rewardsOut += j.reward;
            if (j.status.slashesStake()) {
                uint256 slashed = (j.stake * SLASH_SHARE_BPS) / 10_000;
                ghost_agentStake[j.agent] -= slashed;
                ghost_stakeSlashed += slashed;
            }
        }
        if (token.balanceOf(address(registry)) < escrowBefore) ++ghost_payouts[jobId];
        if (disputeId != 0 && disputes.dispute(disputeId).status == IDisputeModule.Status.Resolved)
            ghost_bondsOut += ghost_bond[disputeId];
        _observeScores(jobId, reached);
    }

    /// @dev Runs one StakeManager call as `agent`; while paused it must fail (JR-06). Calls that fail
    /// for other reasons (nothing free, still unbonding) are expected and change nothing.
    function _actStake(
        string memory action,
        address agent,
        bytes memory data
    ) internal returns (bool ok) {
        _called(action);
        vm.prank(agent);
        (ok, ) = address(stakeManager).call(data);
        if (!ok) return false;
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded(action);
        _observeScores(0, IJobRegistry.JobStatus.None);
    }

    /// @dev Reads every agent's score. Scores only decay with time, so a rise is earned only by the
    /// step that moved the agent's job `jobId` to Accepted (`reached`), while JobRegistry is authorised.
    function _observeScores(uint256 jobId, IJobRegistry.JobStatus reached) internal {
        address rewarded =
            reached == IJobRegistry.JobStatus.Accepted && ghost_reputationClient
                ? registry.job(jobId).agent
                : address(0);
        for (uint256 i; i < _agents.length; ++i) {
            address agent = _agents[i];
            uint256 score = reputation.scoreOf(agent);
            if (score > ghost_lastScore[agent] && agent != rewarded) ++ghost_unearnedRises;
            ghost_lastScore[agent] = score;
        }
    }

    /// @dev The first job from `seed` on whose on-chain status is `status` (0: none).
    function _jobIn(uint256 seed, IJobRegistry.JobStatus status) internal view returns (uint256) {
        uint256 count = registry.jobCount();
        for (uint256 i; i < count; ++i) {
            uint256 jobId = (((seed % count) + i) % count) + 1;
            if (registry.job(jobId).status == status) return jobId;
        }
        return 0;
    }

    function _openDispute(uint256 seed) internal view returns (uint256) {
        return _openDisputeOf(disputes, address(registry), seed);
    }

    function _fundedActor(string memory label) internal returns (address actor) {
        actor = _createActor(label);
        token.mint(actor, 1e30);
        vm.startPrank(actor);
        token.approve(address(registry), type(uint256).max);
        token.approve(address(disputes), type(uint256).max);
        vm.stopPrank();
    }

    function _handlerName() internal pure override returns (string memory) {
        return "MarketHandler";
    }

    function _logGhosts() internal view override {
        console.log("  jobs", registry.jobCount(), "disputes", disputes.disputeCount());
        console.log("  ghost_rewardsIn", ghost_rewardsIn, "out", ghost_rewardsOut);
        console.log("  ghost_bondsIn", ghost_bondsIn, "out", ghost_bondsOut);
        console.log("  ghost_defaultsApplied", ghost_defaultsApplied);
        console.log(
            "  ghost_stakeDeposited",
            ghost_stakeDeposited,
            "withdrawn",
            ghost_stakeWithdrawn
        );
        console.log("  ghost_stakeSlashed", ghost_stakeSlashed);
    }
}

/// @notice The job state machine's edges (IJobRegistry's lifecycle), and which states pay out the escrow.
library JobStates {
    function canMoveTo(
        IJobRegistry.JobStatus from,
        IJobRegistry.JobStatus to
    ) internal pure returns (bool) {
        if (from == IJobRegistry.JobStatus.None) return to == IJobRegistry.JobStatus.Open;
        if (from == IJobRegistry.JobStatus.Open)
            return to == IJobRegistry.JobStatus.Taken || to == IJobRegistry.JobStatus.Cancelled;
        if (from == IJobRegistry.JobStatus.Taken)
            return to == IJobRegistry.JobStatus.Submitted || to == IJobRegistry.JobStatus.Expired;
        if (from == IJobRegistry.JobStatus.Submitted)
            return to == IJobRegistry.JobStatus.Accepted || to == IJobRegistry.JobStatus.Rejected;
        if (from == IJobRegistry.JobStatus.Rejected)
            return
                to == IJobRegistry.JobStatus.Disputed ||
                to == IJobRegistry.JobStatus.RejectionFinal;
        if (from == IJobRegistry.JobStatus.Disputed)
            return
                to == IJobRegistry.JobStatus.Accepted ||
                to == IJobRegistry.JobStatus.RejectionFinal;
        // Accepted, RejectionFinal, Cancelled and Expired are final.
        return false;
    }

    /// @dev Final states: the escrow has gone to the agent (and treasury) or back to the employer.
    function paysOut(IJobRegistry.JobStatus status) internal pure returns (bool) {
        return uint8(status) >= uint8(IJobRegistry.JobStatus.Accepted);
    }

    /// @dev Final states against the agent: part of the job's stake is slashed to the employer.
    function slashesStake(IJobRegistry.JobStatus status) internal pure returns (bool) {
        return
            status == IJobRegistry.JobStatus.Expired ||
            status == IJobRegistry.JobStatus.RejectionFinal;
    }

    /// @dev Unfinished states: the reward is still escrowed.
    function escrowed(IJobRegistry.JobStatus status) internal pure returns (bool) {
        return
            status != IJobRegistry.JobStatus.None &&
            uint8(status) < uint8(IJobRegistry.JobStatus.Accepted);
    }

    /// @dev States in which the agent's job stake is locked by JobRegistry.
    function locksStake(IJobRegistry.JobStatus status) internal pure returns (bool) {
        return
            uint8(status) >= uint8(IJobRegistry.JobStatus.Taken) &&
            uint8(status) <= uint8(IJobRegistry.JobStatus.Disputed);
    }
}
