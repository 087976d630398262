// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {MandateModule} from "../base/MandateModule.sol";
import {PaymentCredits} from "../base/PaymentCredits.sol";
import {TreasuryFee} from "../base/TreasuryFee.sol";
import {IDisputeClient} from "../interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../interfaces/IDisputeModule.sol";
import {IMandateModule} from "../interfaces/IMandateModule.sol";
import {IJobRegistry} from "../interfaces/IJobRegistry.sol";
import {IReputationEngine} from "../interfaces/IReputationEngine.sol";
import {IStakeManager} from "../interfaces/IStakeManager.sol";

/// @title JobRegistry
/// @notice Escrowed jobs between employers and staked agents, with bonded disputes. See {IJobRegistry}.
contract JobRegistry is IJobRegistry, TreasuryFee, PaymentCredits, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IJobRegistry
    bytes32 public constant override PROTOCOL_FEE_BPS = keccak256("PROTOCOL_FEE_BPS");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override REVIEW_WINDOW = keccak256("REVIEW_WINDOW");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override DISPUTE_WINDOW = keccak256("DISPUTE_WINDOW");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override JOB_STAKE = keccak256("JOB_STAKE");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override SLASH_SHARE_BPS = keccak256("SLASH_SHARE_BPS");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override MIN_REPUTATION = keccak256("MIN_REPUTATION");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override REPUTATION_REWARD = keccak256("REPUTATION_REWARD");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override REPUTATION_PENALTY = keccak256("REPUTATION_PENALTY");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override MAX_JOB_DURATION = keccak256("MAX_JOB_DURATION");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override REPUTATION_PRICE = keccak256("REPUTATION_PRICE");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override IDLE_LIMIT = keccak256("IDLE_LIMIT");
    /// @inheritdoc IJobRegistry
    bytes32 public constant override UNGATED_REWARD = keccak256("UNGATED_REWARD");

    /// @notice Highest protocol fee: a fifth of the reward.
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 2_000;
    /// @notice Shortest review or dispute window: one hour.
    uint256 public constant MIN_WINDOW = 1 hours;
    /// @notice Longest review or dispute window: 30 days, so a silent party delays a settlement at most that.
    uint256 public constant MAX_WINDOW = 30 days;
    /// @notice Lowest job stake: one token unit, so that every agent has something at risk.
    uint256 public constant MIN_JOB_STAKE = 1;
    /// @notice Highest job stake: 1e22 units (10,000 tokens of 18 decimals, a hundred times the deployed
    /// 100), a stake an agent of a real market can lock; docs/governance.md, "Ceilings".
    uint256 public constant MAX_JOB_STAKE = 1e22;
    /// @notice Highest reputation parameter: ReputationEngine's highest score cap, 1e30 (a trillion points).
    /// `MIN_REPUTATION` is further bounded by ReputationEngine's cap in force (`parameterBounds`).
    uint256 public constant MAX_REPUTATION_POINTS = 1e30;
    /// @notice Lowest reputation price: one token unit of fee per point, so no point is free.
    uint256 public constant MIN_REPUTATION_PRICE = 1;
    /// @notice Highest reputation price: 1e20 units of fee per point (100 tokens of 18 decimals, a
    /// hundred times the deployed 1), so reputation stays earnable; docs/governance.md, "Ceilings".
    uint256 public constant MAX_REPUTATION_PRICE = 1e20;
    /// @notice Highest ungated reward: 1e30 token units. A threshold nobody pays: at its top every job
    /// is ungated, as with `MIN_REPUTATION` at 0.
    uint256 public constant MAX_UNGATED_REWARD = 1e30;
    /// @notice Lowest ungated reward: one token unit, so a newcomer always has some job to take.
    uint256 public constant MIN_UNGATED_REWARD = 1;
    /// @notice Shortest allowed `MAX_JOB_DURATION`: one hour.
    uint256 public constant MIN_MAX_JOB_DURATION = 1 hours;
    /// @notice Longest allowed `MAX_JOB_DURATION`: 365 days.
    uint256 public constant MAX_MAX_JOB_DURATION = 365 days;

    /// @inheritdoc IJobRegistry
    IERC20 public immutable override token;
    IStakeManager private immutable _stakeManager;
    IReputationEngine private immutable _reputationEngine;
    IDisputeModule private immutable _disputeModule;

    /// @inheritdoc IJobRegistry
    uint256 public override jobCount;

    mapping(uint256 jobId => Job) private _jobs;

    /// @notice The initial parameter values, in the units of their keys.
    struct InitialParameters {
        uint256 protocolFeeBps;
        uint256 reviewWindow;
        uint256 disputeWindow;
        uint256 jobStake;
        uint256 slashShareBps;
        uint256 minReputation;
        uint256 reputationReward;
        uint256 reputationPenalty;
        uint256 maxJobDuration;
        uint256 reputationPrice;
        uint256 idleLimit;
        uint256 ungatedReward;
    }

    /// @param initialOwner Governance (the timelock).
    /// @param initialPauser SystemPause.
    /// @param initialTreasury Where protocol fees go.
    /// @param stakeManager_ StakeManager, which must authorise this contract; its token is the payment token.
    /// @param reputationEngine_ ReputationEngine, which must authorise this contract.
    /// @param disputeModule_ DisputeModule, which must authorise this contract and bond in the payment
    /// token (deployed before this contract: its token is read here).
    /// @param parameters Initial values, each within its bounds.
    constructor(
        address initialOwner,
        address initialPauser,
        address initialTreasury,
        IStakeManager stakeManager_,
        IReputationEngine reputationEngine_,
        IDisputeModule disputeModule_,
        InitialParameters memory parameters
    ) MandateModule(initialOwner, initialPauser) TreasuryFee(initialTreasury) {
        if (
            address(stakeManager_) == address(0) ||
            address(reputationEngine_) == address(0) ||
            address(disputeModule_) == address(0)
        ) revert JobRegistry_ZeroAddress();
        _stakeManager = stakeManager_;
        _reputationEngine = reputationEngine_;
        _disputeModule = disputeModule_;
        token = stakeManager_.token();
        IERC20 disputeToken = disputeModule_.token();
        if (disputeToken != token)
            revert JobRegistry_DisputeTokenMismatch(address(disputeToken), address(token));
        _setParameter(PROTOCOL_FEE_BPS, parameters.protocolFeeBps);
        _setParameter(REVIEW_WINDOW, parameters.reviewWindow);
        _setParameter(DISPUTE_WINDOW, parameters.disputeWindow);
        _setParameter(JOB_STAKE, parameters.jobStake);
        _setParameter(SLASH_SHARE_BPS, parameters.slashShareBps);
        _setParameter(MIN_REPUTATION, parameters.minReputation);
        _setParameter(REPUTATION_REWARD, parameters.reputationReward);
        _setParameter(REPUTATION_PENALTY, parameters.reputationPenalty);
        _setParameter(MAX_JOB_DURATION, parameters.maxJobDuration);
        _setParameter(REPUTATION_PRICE, parameters.reputationPrice);
        _setParameter(IDLE_LIMIT, parameters.idleLimit);
        _setParameter(UNGATED_REWARD, parameters.ungatedReward);
    }

    // ---------------------------------------------------------------- employers

    /// @inheritdoc IJobRegistry
    function createJob(
        uint256 reward,
        uint256 deadline,
        bytes32 specHash
    ) external override whenNotPaused nonReentrant returns (uint256 jobId) {
        if (reward == 0) revert JobRegistry_ZeroReward();
        if (specHash == bytes32(0)) revert JobRegistry_ZeroHash();
        uint256 latest = block.timestamp + _parameter(MAX_JOB_DURATION);
        // Safe: the deadline range is hours to a year wide; seconds of proposer leeway are immaterial.
        // forge-lint: disable-next-line(block-timestamp)
        if (deadline <= block.timestamp || deadline > latest)
            revert JobRegistry_InvalidDeadline(deadline, block.timestamp, latest);

        uint256 feeBps = _parameter(PROTOCOL_FEE_BPS);
        jobId = ++jobCount;
        Job storage j = _jobs[jobId];
        j.employer = msg.sender;
        // deadline <= now + 365 days fits 64 bits; feeBps <= 2,000 fits 16 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        j.deadline = uint64(deadline);
        j.status = JobStatus.Open;
        // forge-lint: disable-next-line(unsafe-typecast)
        j.protocolFeeBps = uint16(feeBps);
        j.reward = reward.toUint128();
        j.specHash = specHash;
        emit JobCreated(jobId, msg.sender, reward, deadline, specHash, feeBps);
        _fixTerms(jobId, j, _shareOf(reward, feeBps));

        // What arrived must be the reward: the escrow pays out exactly what it records.
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), reward);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != reward) revert JobRegistry_TransferShortfall(reward, received);
    }

    /// @inheritdoc IJobRegistry
    function cancelJob(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Open);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (msg.sender != j.employer && block.timestamp <= j.deadline)
            revert JobRegistry_NotEmployer(jobId, msg.sender, j.employer);
        j.status = JobStatus.Cancelled;
        uint256 refund = j.reward;
        emit JobCancelled(jobId, msg.sender, refund);
        _credit(j.employer, refund);
    }

    /// @inheritdoc IJobRegistry
    function acceptResult(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Submitted);
        _onlyEmployer(jobId, j);
        _settleAccepted(jobId, j);
    }

    /// @inheritdoc IJobRegistry
    function rejectResult(uint256 jobId) external override whenNotPaused {
        Job storage j = _jobIn(jobId, JobStatus.Submitted);
        _onlyEmployer(jobId, j);
        _requireWindowOpen(jobId, j);
        // now + at most 30 days fits 64 bits.
        uint64 disputeEndsAt = uint64(block.timestamp + _parameter(DISPUTE_WINDOW));
        j.status = JobStatus.Rejected;
        j.windowEndsAt = disputeEndsAt;
        j.pauseMark = _clockMark(_disputeClock());
        emit JobRejected(jobId, msg.sender, disputeEndsAt);
    }

    /// @inheritdoc IJobRegistry
    function reclaimJob(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Taken);
        _onlyEmployer(jobId, j);
        uint256 idleEnd = _idleEnd(j);
        // Safe: seconds of proposer leeway are immaterial against limits of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= idleEnd) revert JobRegistry_NotIdle(jobId, idleEnd, block.timestamp);
        j.status = JobStatus.Reclaimed;
        address agent = j.agent;
        uint256 refund = j.reward;
        uint256 stake = j.stake;
        emit JobReclaimed(jobId, msg.sender, agent, refund, stake);
        _stakeManager.release(agent, stake);
        _credit(msg.sender, refund);
    }

    // ---------------------------------------------------------------- agents

    /// @inheritdoc IJobRegistry
    function takeJob(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Open);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > j.deadline)
            revert JobRegistry_DeadlinePassed(jobId, j.deadline, block.timestamp);
        if (msg.sender == j.employer) revert JobRegistry_EmployerCannotTake(jobId, msg.sender);
        if (j.reward > _parameter(UNGATED_REWARD)) _requireReputation(msg.sender);

        uint256 stake = _parameter(JOB_STAKE);
        j.status = JobStatus.Taken;
        j.agent = msg.sender;
        // The idle limit runs from now, on the pause clock the deadline runs on.
        // now + at most 30 days fits 64 bits.
        j.windowEndsAt = uint64(block.timestamp + j.idleLimit);
        j.pauseMark = _clockMark(pausedSeconds());
        // stake <= MAX_JOB_STAKE < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        j.stake = uint128(stake);
        emit JobTaken(jobId, msg.sender, stake);
        // Reverts with StakeManager_InsufficientFreeStake when the agent has too little free stake.
        _stakeManager.lock(msg.sender, stake);
    }

    /// @inheritdoc IJobRegistry
    function submitResult(uint256 jobId, bytes32 resultHash) external override whenNotPaused {
        Job storage j = _jobIn(jobId, JobStatus.Taken);
        _onlyAgent(jobId, j);
        uint256 deadline = _takenDeadline(j);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > deadline)
            revert JobRegistry_DeadlinePassed(jobId, deadline, block.timestamp);
        if (resultHash == bytes32(0)) revert JobRegistry_ZeroHash();
        uint64 reviewEndsAt = uint64(block.timestamp + _parameter(REVIEW_WINDOW));
        j.status = JobStatus.Submitted;
        j.windowEndsAt = reviewEndsAt;
        j.pauseMark = _clockMark(pausedSeconds());
        j.resultHash = resultHash;
        emit ResultSubmitted(jobId, msg.sender, resultHash, reviewEndsAt);
    }

    /// @inheritdoc IJobRegistry
    function disputeRejection(
        uint256 jobId
    ) external override whenNotPaused nonReentrant returns (uint256 disputeId) {
        Job storage j = _jobIn(jobId, JobStatus.Rejected);
        _onlyAgent(jobId, j);
        _requireWindowOpen(jobId, j);
        j.status = JobStatus.Disputed;
        disputeId = _disputeModule.openDispute(jobId, msg.sender, j.employer, j.reward);
        j.disputeId = disputeId;
        emit JobDisputed(jobId, disputeId, msg.sender);
    }

    // ---------------------------------------------------------------- anyone, after a silence

    /// @inheritdoc IJobRegistry
    function finaliseAccepted(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Submitted);
        _requireWindowOver(jobId, j);
        emit JobFinalised(jobId, msg.sender, JobStatus.Accepted);
        _settleAccepted(jobId, j);
    }

    /// @inheritdoc IJobRegistry
    function finaliseRejection(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Rejected);
        _requireWindowOver(jobId, j);
        emit JobFinalised(jobId, msg.sender, JobStatus.RejectionFinal);
        _settleAgainstAgent(jobId, j, JobStatus.RejectionFinal);
    }

    /// @inheritdoc IJobRegistry
    function expireJob(uint256 jobId) external override whenNotPaused nonReentrant {
        Job storage j = _jobIn(jobId, JobStatus.Taken);
        uint256 deadline = _takenDeadline(j);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= deadline)
            revert JobRegistry_DeadlineNotPassed(jobId, deadline, block.timestamp);
        _settleAgainstAgent(jobId, j, JobStatus.Expired);
    }

    // ---------------------------------------------------------------- DisputeModule

    /// @inheritdoc IDisputeClient
    function onDisputeResolved(
        uint256 caseId,
        bool claimantWins
    ) external override whenNotPaused nonReentrant {
        if (msg.sender != address(_disputeModule))
            revert JobRegistry_CallerNotDisputeModule(msg.sender, address(_disputeModule));
        Job storage j = _jobIn(caseId, JobStatus.Disputed);
        emit JobDisputeResolved(caseId, j.disputeId, claimantWins);
        if (claimantWins) _settleAccepted(caseId, j);
        else _settleAgainstAgent(caseId, j, JobStatus.RejectionFinal);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IJobRegistry
    function job(uint256 jobId) external view override returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IJobRegistry
    function currentDeadline(uint256 jobId) external view override returns (uint256) {
        Job storage j = _jobs[jobId];
        JobStatus status = j.status;
        if (status == JobStatus.Open) return j.deadline;
        if (status == JobStatus.Taken) return _takenDeadline(j);
        if (status == JobStatus.Submitted || status == JobStatus.Rejected) return _windowEnd(j);
        return 0;
    }

    /// @inheritdoc IJobRegistry
    function idleEndsAt(uint256 jobId) external view override returns (uint256) {
        Job storage j = _jobs[jobId];
        return j.status == JobStatus.Taken ? _idleEnd(j) : 0;
    }

    /// @inheritdoc IDisputeClient
    /// @dev Settling a ruling runs here and in StakeManager (release, slash); ReputationEngine cannot
    /// stop it (`_changeReputation`).
    function settlementPausedSeconds() external view override returns (uint256) {
        return pausedSeconds() + IMandateModule(address(_stakeManager)).pausedSeconds();
    }

    /// @inheritdoc IJobRegistry
    function stakeManager() external view override returns (address) {
        return address(_stakeManager);
    }

    /// @inheritdoc IJobRegistry
    function reputationEngine() external view override returns (address) {
        return address(_reputationEngine);
    }

    /// @inheritdoc IJobRegistry
    function disputeModule() external view override returns (address) {
        return address(_disputeModule);
    }

    /// @inheritdoc MandateModule
    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](12);
        keys[0] = PROTOCOL_FEE_BPS;
        keys[1] = REVIEW_WINDOW;
        keys[2] = DISPUTE_WINDOW;
        keys[3] = JOB_STAKE;
        keys[4] = SLASH_SHARE_BPS;
        keys[5] = MIN_REPUTATION;
        keys[6] = REPUTATION_REWARD;
        keys[7] = REPUTATION_PENALTY;
        keys[8] = MAX_JOB_DURATION;
        keys[9] = REPUTATION_PRICE;
        keys[10] = IDLE_LIMIT;
        keys[11] = UNGATED_REWARD;
    }

    /// @inheritdoc MandateModule
    /// @dev Cross-module: `MIN_REPUTATION` may not exceed ReputationEngine's cap in force, so that a
    /// score can always reach it. ReputationEngine cannot see this minimum, so a later cap cut below it
    /// is absorbed where it is used: `takeJob` asks for the lower of the two.
    function parameterBounds(bytes32 key) public view override returns (uint256 min, uint256 max) {
        if (key == PROTOCOL_FEE_BPS) return (0, MAX_PROTOCOL_FEE_BPS);
        if (key == REVIEW_WINDOW || key == DISPUTE_WINDOW || key == IDLE_LIMIT)
            return (MIN_WINDOW, MAX_WINDOW);
        if (key == JOB_STAKE) return (MIN_JOB_STAKE, MAX_JOB_STAKE);
        if (key == SLASH_SHARE_BPS) return (0, BPS);
        if (key == MIN_REPUTATION) return (0, _reputationEngine.scoreCap());
        if (key == REPUTATION_REWARD || key == REPUTATION_PENALTY)
            return (0, MAX_REPUTATION_POINTS);
        if (key == MAX_JOB_DURATION) return (MIN_MAX_JOB_DURATION, MAX_MAX_JOB_DURATION);
        if (key == REPUTATION_PRICE) return (MIN_REPUTATION_PRICE, MAX_REPUTATION_PRICE);
        if (key == UNGATED_REWARD) return (MIN_UNGATED_REWARD, MAX_UNGATED_REWARD);
        revert MandateModule_UnknownParameter(key);
    }

    // ---------------------------------------------------------------- internals

    function _jobIn(uint256 jobId, JobStatus expected) private view returns (Job storage j) {
        j = _jobs[jobId];
        if (j.status != expected) revert JobRegistry_InvalidState(jobId, expected, j.status);
    }

    function _onlyEmployer(uint256 jobId, Job storage j) private view {
        if (msg.sender != j.employer) revert JobRegistry_NotEmployer(jobId, msg.sender, j.employer);
    }

    function _onlyAgent(uint256 jobId, Job storage j) private view {
        if (msg.sender != j.agent) revert JobRegistry_NotAgent(jobId, msg.sender, j.agent);
    }

    function _requireWindowOpen(uint256 jobId, Job storage j) private view {
        uint256 endsAt = _windowEnd(j);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > endsAt)
            revert JobRegistry_WindowClosed(jobId, endsAt, block.timestamp);
    }

    function _requireWindowOver(uint256 jobId, Job storage j) private view {
        uint256 endsAt = _windowEnd(j);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= endsAt)
            revert JobRegistry_WindowOpen(jobId, endsAt, block.timestamp);
    }

    /// @dev Copies the parameters that price job `jobId` onto it: it settles on these whatever
    /// governance sets later. The reputation reward is what the job's `fee` buys at `REPUTATION_PRICE`,
    /// at most `REPUTATION_REWARD`, so every point granted was paid for (docs/reputation.md).
    function _fixTerms(uint256 jobId, Job storage j, uint256 fee) private {
        uint256 slashShareBps = _parameter(SLASH_SHARE_BPS);
        uint256 idleLimit = _parameter(IDLE_LIMIT);
        uint256 rewardPoints = Math.min(
            _parameter(REPUTATION_REWARD),
            Math.mulDiv(fee, 1e18, _parameter(REPUTATION_PRICE))
        );
        uint256 penaltyPoints = _parameter(REPUTATION_PENALTY);
        // Bounded on set: share <= 10,000 (16 bits), limit <= 30 days (32 bits), points <= 1e30 < 2^104.
        // forge-lint: disable-next-line(unsafe-typecast)
        j.slashShareBps = uint16(slashShareBps);
        // forge-lint: disable-next-line(unsafe-typecast)
        j.idleLimit = uint32(idleLimit);
        // forge-lint: disable-next-line(unsafe-typecast)
        j.reputationReward = uint104(rewardPoints);
        // forge-lint: disable-next-line(unsafe-typecast)
        j.reputationPenalty = uint104(penaltyPoints);
        emit JobTerms(jobId, slashShareBps, idleLimit, rewardPoints, penaltyPoints);
    }

    /// @dev Refuses `agent` when its score is below `MIN_REPUTATION`, or below ReputationEngine's cap
    /// when governance cut the cap below the minimum (a score cannot exceed the cap).
    function _requireReputation(address agent) private view {
        uint256 required = _parameter(MIN_REPUTATION);
        if (required == 0) return;
        required = Math.min(required, _reputationEngine.scoreCap());
        uint256 score = _reputationEngine.scoreOf(agent);
        if (score < required) revert JobRegistry_InsufficientReputation(agent, score, required);
    }

    /// @dev A Taken job's idle limit, later by JobRegistry's paused seconds since it was taken.
    function _idleEnd(Job storage j) private view returns (uint256) {
        return j.windowEndsAt + _clockAdvance(pausedSeconds(), j.pauseMark);
    }

    /// @dev The token credits are claimed in: the escrow's.
    function _creditToken() internal view override returns (IERC20) {
        return token;
    }

    /// @dev A Taken job's deadline, later by JobRegistry's paused seconds since it was taken:
    /// submitting needs only this module.
    function _takenDeadline(Job storage j) private view returns (uint256) {
        return j.deadline + _clockAdvance(pausedSeconds(), j.pauseMark);
    }

    /// @dev The end of a Submitted job's review window or a Rejected job's dispute window, later by
    /// the paused seconds since it began of the modules the party's action needs.
    function _windowEnd(Job storage j) private view returns (uint256) {
        uint256 clockNow = j.status == JobStatus.Rejected ? _disputeClock() : pausedSeconds();
        return j.windowEndsAt + _clockAdvance(clockNow, j.pauseMark);
    }

    /// @dev The dispute window's clock: disputing a rejection runs here and in DisputeModule, so a
    /// pause of either stops it. Summed, so overlapping pauses count twice: more time, never less.
    function _disputeClock() private view returns (uint256) {
        return pausedSeconds() + IMandateModule(address(_disputeModule)).pausedSeconds();
    }

    /// @dev Credits the agent the reward minus the job's fee, the fee to the treasury; releases the
    /// stake; raises reputation. The status is final before any external call.
    function _settleAccepted(uint256 jobId, Job storage j) private {
        j.status = JobStatus.Accepted;
        address agent = j.agent;
        uint256 reward = j.reward;
        uint256 stake = j.stake;
        uint256 fee = _shareOf(reward, j.protocolFeeBps);
        uint256 payout = reward - fee;
        emit JobAccepted(jobId, agent, payout, fee, stake);

        _stakeManager.release(agent, stake);
        _changeReputation(jobId, agent, j.reputationReward, true);
        // payout >= 1: the reward is at least 1 and the fee at most a fifth of it, rounded down.
        _credit(agent, payout);
        _credit(treasury, fee);
    }

    /// @dev Credits the employer the refund; slashes the job's slash share of the stake to the employer
    /// and releases the rest; lowers reputation by the job's penalty. Used by a final rejection and by
    /// an expiry (`outcome`). The slash comes here first and is credited with the refund, so a frozen
    /// employer holds up nothing.
    function _settleAgainstAgent(uint256 jobId, Job storage j, JobStatus outcome) private {
        j.status = outcome;
        address agent = j.agent;
        address employer = j.employer;
        uint256 refund = j.reward;
        uint256 stake = j.stake;
        uint256 slashed = _shareOf(stake, j.slashShareBps);
        uint256 released = stake - slashed;
        if (outcome == JobStatus.Expired) emit JobExpired(jobId, agent, refund, slashed, released);
        else emit JobRejectionFinalised(jobId, employer, refund, slashed, released);

        // The employer is paid what the slash delivered: less than the job's share when governance
        // already released the agent's lock for a revoked JobRegistry (StakeManager's record).
        uint256 received;
        if (slashed != 0) received = _stakeManager.slash(agent, slashed, address(this));
        if (released != 0) _stakeManager.release(agent, released);
        _changeReputation(jobId, agent, j.reputationPenalty, false);
        _credit(employer, refund + received);
    }

    /// @dev Raises or lowers the agent's score. A revert there (ReputationEngine paused, JobRegistry
    /// revoked on it) must not hold the job's escrow, stake or dispute bond, so it is reported instead.
    function _changeReputation(uint256 jobId, address agent, uint256 points, bool raise) private {
        if (points == 0) return;
        function(address, uint256) external returns (uint256) change =
            raise ? _reputationEngine.increase : _reputationEngine.decrease;
        try change(agent, points) returns (uint256) {
            return;
        } catch (bytes memory reason) {
            emit ReputationUpdateFailed(jobId, agent, points, raise, reason);
        }
    }
}
