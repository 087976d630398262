// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IDisputeClient} from "./IDisputeClient.sol";
import {IPaymentCredits} from "./IPaymentCredits.sol";

/// @title IJobRegistry
/// @notice Jobs with an escrowed reward. An employer posts a job (reward, deadline, spec hash); an
/// agent with enough free stake (and, when `MIN_REPUTATION` is set, enough reputation) takes it, which
/// locks `JOB_STAKE` of the agent's stake in StakeManager; the agent submits a result hash; the employer
/// accepts (the agent is paid the reward minus the protocol fee, which goes to the treasury; the stake
/// is released; reputation rises) or rejects within `REVIEW_WINDOW`. After a rejection the agent may
/// dispute within `DISPUTE_WINDOW` through DisputeModule (agent = claimant, employer = respondent,
/// value = reward); otherwise the rejection becomes final: the employer is refunded, `SLASH_SHARE_BPS`
/// of the job stake is slashed to the employer, the rest released, reputation falls.
///
/// States move forward only, and a finished job never reopens:
/// Open → Taken → Submitted → Accepted | Rejected → (Disputed →) Accepted | RejectionFinal;
/// Open → Cancelled; Taken → Expired | Reclaimed.
///
/// Money: the contract holds exactly the rewards of unfinished jobs plus the credits not yet claimed,
/// and each reward is paid out (credited) exactly once, whoever stays silent:
/// - nobody takes an Open job: its employer cancels, or anyone does once its deadline has passed
///   (the reward goes back to the employer);
/// - the agent misses the deadline: anyone expires the job (reward to the employer, stake slashed);
/// - the agent sits on a taken job without submitting for the job's `idleLimit`: its employer reclaims
///   the reward (the agent's stake is released whole, its score untouched);
/// - the employer does not review: after `REVIEW_WINDOW` anyone finalises it as accepted;
/// - the agent does not dispute a rejection: after `DISPUTE_WINDOW` anyone finalises the rejection;
/// - the arbitrator does not rule: after the ruling period anyone resolves the dispute by its default
///   (DisputeModule), which settles the job here.
/// The agent's locked stake follows the reward: released or partly slashed in the same transaction.
/// A pause decides no case: each window a party must act within (the agent's deadline once the job is
/// taken, the employer's review window, the agent's dispute window) ends later by the seconds the
/// modules its action needs were paused since it began (`currentDeadline`; docs/governance.md).
/// Settlement never transfers to a party: it credits what each party is paid (`PaymentCredited`), and
/// anyone may `claim(account)` it to that account later ({IPaymentCredits}, as in LeaseAgreement and
/// DisputeModule). So a party the token refuses (a frozen or blacklisted address) holds up nobody else.
/// @dev Terms at entry: every parameter that prices a job (protocol fee, slash share, reputation reward
/// and penalty, idle limit) is copied onto the job when it is created, the stake when it is taken;
/// the job settles on those copies whatever governance sets later. Reputation costs fees: an accepted
/// job raises the agent's score by at most the job's fee divided by `REPUTATION_PRICE` (docs/reputation.md).
/// Settlement never depends on reputation: a reputation change that reverts (ReputationEngine paused,
/// or JobRegistry no longer authorised there) is reported by `ReputationUpdateFailed` and the funds
/// settle anyway.
interface IJobRegistry is IDisputeClient, IPaymentCredits {
    /// @notice Where a job stands. Values after `Disputed` are final.
    enum JobStatus {
        None,
        Open,
        Taken,
        Submitted,
        Rejected,
        Disputed,
        Accepted,
        RejectionFinal,
        Cancelled,
        Expired,
        Reclaimed
    }

    /// @notice One job, packed in seven slots. `deadline` and `windowEndsAt` are the ends as set; a pause
    /// extends them (see `currentDeadline`), by the pause-clock seconds since `pauseMark`.
    /// @param employer Who posted the job and escrowed the reward.
    /// @param deadline When the agent's time to submit ends (and an untaken job may be cancelled by anyone).
    /// @param status Where the job stands.
    /// @param protocolFeeBps The treasury's share of the reward on acceptance, fixed at creation.
    /// @param agent Who took the job (zero while Open).
    /// @param windowEndsAt End of the agent's idle limit while Taken (the employer may reclaim after it),
    /// of the review window while Submitted, of the dispute window while Rejected.
    /// @param pauseMark The pause clock (modulo 2^32) when the current window began: JobRegistry's
    /// `pausedSeconds()` when taken and when submitted; JobRegistry's plus DisputeModule's when rejected.
    /// @param reward The escrowed reward in tokens.
    /// @param stake The agent's stake locked for the job, fixed when taken.
    /// @param specHash Hash of the job's specification.
    /// @param resultHash Hash of the submitted result (zero before submission).
    /// @param disputeId The DisputeModule id of the job's dispute (zero if never disputed).
    /// @param slashShareBps The share of the stake slashed to the employer on a final rejection or an
    /// expiry, fixed at creation.
    /// @param idleLimit Seconds the agent may hold the job without submitting before the employer may
    /// reclaim it, fixed at creation.
    /// @param reputationReward Points an acceptance adds, fixed at creation: `REPUTATION_REWARD`, at most
    /// the job's fee / `REPUTATION_PRICE`.
    /// @param reputationPenalty Points a final rejection or an expiry takes away, fixed at creation.
    struct Job {
        address employer;
        uint64 deadline;
        JobStatus status;
        uint16 protocolFeeBps;
        address agent;
        uint64 windowEndsAt;
        uint32 pauseMark;
        uint128 reward;
        uint128 stake;
        bytes32 specHash;
        bytes32 resultHash;
        uint256 disputeId;
        uint16 slashShareBps;
        uint32 idleLimit;
        uint104 reputationReward;
        uint104 reputationPenalty;
    }

    // ---------------------------------------------------------------- events

    /// @notice `employer` posted job `jobId` and escrowed its reward.
    /// @param jobId The new job's id (ids start at 1).
    /// @param employer Who posted it.
    /// @param reward Tokens escrowed.
    /// @param deadline When the agent's time to submit ends.
    /// @param specHash Hash of the specification.
    /// @param protocolFeeBps The treasury's share of the reward on acceptance.
    event JobCreated(
        uint256 indexed jobId,
        address indexed employer,
        uint256 reward,
        uint256 deadline,
        bytes32 specHash,
        uint256 protocolFeeBps
    );

    /// @notice Job `jobId` was created on these terms (copied from the parameters in force; they never
    /// change for this job).
    /// @param jobId The job.
    /// @param slashShareBps Share of the stake slashed to the employer on a final rejection or expiry.
    /// @param idleLimit Seconds the agent may hold it unsubmitted before the employer may reclaim it.
    /// @param reputationReward Points an acceptance adds.
    /// @param reputationPenalty Points a final rejection or an expiry takes away.
    event JobTerms(
        uint256 indexed jobId,
        uint256 slashShareBps,
        uint256 idleLimit,
        uint256 reputationReward,
        uint256 reputationPenalty
    );

    /// @notice `agent` took job `jobId`, locking `stake` of its stake.
    /// @param jobId The job.
    /// @param agent Who took it.
    /// @param stake Tokens of the agent's stake locked in StakeManager.
    event JobTaken(uint256 indexed jobId, address indexed agent, uint256 stake);

    /// @notice The agent of job `jobId` submitted its result.
    /// @param jobId The job.
    /// @param agent The agent.
    /// @param resultHash Hash of the result.
    /// @param reviewEndsAt Until when the employer may reject; afterwards anyone may finalise as accepted.
    event ResultSubmitted(
        uint256 indexed jobId,
        address indexed agent,
        bytes32 resultHash,
        uint256 reviewEndsAt
    );

    /// @notice Job `jobId` ended accepted: the agent was paid, its stake released.
    /// @param jobId The job.
    /// @param agent The agent paid.
    /// @param payout Tokens credited to the agent: the reward minus the fee.
    /// @param fee Tokens credited to the treasury.
    /// @param stakeReleased The agent's stake released.
    event JobAccepted(
        uint256 indexed jobId,
        address indexed agent,
        uint256 payout,
        uint256 fee,
        uint256 stakeReleased
    );

    /// @notice The employer rejected the result of job `jobId`.
    /// @param jobId The job.
    /// @param employer The employer.
    /// @param disputeEndsAt Until when the agent may dispute; afterwards anyone may finalise the rejection.
    event JobRejected(uint256 indexed jobId, address indexed employer, uint256 disputeEndsAt);

    /// @notice The agent disputed the rejection of job `jobId`.
    /// @param jobId The job.
    /// @param disputeId The dispute's id in DisputeModule.
    /// @param agent The agent (the claimant, who posted the bond).
    event JobDisputed(uint256 indexed jobId, uint256 indexed disputeId, address indexed agent);

    /// @notice The rejection of job `jobId` became final: the employer was refunded, part of the
    /// agent's stake slashed to the employer and the rest released.
    /// @param jobId The job.
    /// @param employer The employer refunded.
    /// @param refund Tokens credited back to the employer (the whole reward).
    /// @param stakeSlashed The agent's stake slashed to the employer: the job's share (StakeSlashed
    /// carries less when governance already released the lock for a revoked JobRegistry).
    /// @param stakeReleased The agent's stake released.
    event JobRejectionFinalised(
        uint256 indexed jobId,
        address indexed employer,
        uint256 refund,
        uint256 stakeSlashed,
        uint256 stakeReleased
    );

    /// @notice Someone settled job `jobId` after the silence of a party: the employer's (review window
    /// over, accepted) or the agent's (dispute window over, rejection final).
    /// @param jobId The job.
    /// @param caller Who finalised it.
    /// @param outcome `Accepted` or `RejectionFinal`.
    event JobFinalised(uint256 indexed jobId, address indexed caller, JobStatus outcome);

    /// @notice DisputeModule resolved the dispute of job `jobId`; the job settled accordingly.
    /// @param jobId The job.
    /// @param disputeId The dispute.
    /// @param agentWon True: settled as accepted; false: the rejection became final.
    event JobDisputeResolved(uint256 indexed jobId, uint256 indexed disputeId, bool agentWon);

    /// @notice Job `jobId` was cancelled before anyone took it; the reward went back to the employer.
    /// @param jobId The job.
    /// @param caller The employer, or anyone after the deadline.
    /// @param refund Tokens credited back to the employer.
    event JobCancelled(uint256 indexed jobId, address indexed caller, uint256 refund);

    /// @notice The agent of job `jobId` missed the deadline: the employer was refunded, part of the
    /// agent's stake slashed to the employer and the rest released.
    /// @param jobId The job.
    /// @param agent The agent.
    /// @param refund Tokens credited back to the employer (the whole reward).
    /// @param stakeSlashed The agent's stake slashed to the employer: the job's share (StakeSlashed
    /// carries less when governance already released the lock for a revoked JobRegistry).
    /// @param stakeReleased The agent's stake released.
    event JobExpired(
        uint256 indexed jobId,
        address indexed agent,
        uint256 refund,
        uint256 stakeSlashed,
        uint256 stakeReleased
    );

    /// @notice The employer reclaimed job `jobId`, which its agent held past the idle limit without
    /// submitting: the reward went back to the employer and the agent's stake was released whole.
    /// @param jobId The job.
    /// @param employer The employer refunded.
    /// @param agent The agent whose stake was released.
    /// @param refund Tokens credited back to the employer (the whole reward).
    /// @param stakeReleased The agent's stake released.
    event JobReclaimed(
        uint256 indexed jobId,
        address indexed employer,
        address indexed agent,
        uint256 refund,
        uint256 stakeReleased
    );

    /// @notice Settling job `jobId` could not change the agent's reputation; the funds settled anyway.
    /// @param jobId The job being settled.
    /// @param agent The agent whose score was to change.
    /// @param points The points to add (`raise`) or take away.
    /// @param raise True for the reward of an accepted job, false for the penalty.
    /// @param reason The revert data returned by the ReputationEngine.
    event ReputationUpdateFailed(
        uint256 indexed jobId,
        address indexed agent,
        uint256 points,
        bool raise,
        bytes reason
    );

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given for a module.
    error JobRegistry_ZeroAddress();
    /// @notice The DisputeModule bonds in `disputeToken`, not the payment token `paymentToken`
    /// (StakeManager's): a bond and the value it secures must be the same token.
    error JobRegistry_DisputeTokenMismatch(address disputeToken, address paymentToken);
    /// @notice A job needs a reward above zero.
    error JobRegistry_ZeroReward();
    /// @notice A job needs a non-zero spec hash, a submission a non-zero result hash.
    error JobRegistry_ZeroHash();
    /// @notice A new job's `deadline` must be after `nowTime` and at most `latest` (now + `MAX_JOB_DURATION`).
    error JobRegistry_InvalidDeadline(uint256 deadline, uint256 nowTime, uint256 latest);
    /// @notice Job `jobId` is `actual`, not `expected`.
    error JobRegistry_InvalidState(uint256 jobId, JobStatus expected, JobStatus actual);
    /// @notice Job `jobId`'s deadline `deadline` has passed; it is `nowTime`.
    error JobRegistry_DeadlinePassed(uint256 jobId, uint256 deadline, uint256 nowTime);
    /// @notice Job `jobId`'s deadline `deadline` has not passed yet; it is `nowTime`.
    error JobRegistry_DeadlineNotPassed(uint256 jobId, uint256 deadline, uint256 nowTime);
    /// @notice Job `jobId`'s current window (review or dispute) ended at `windowEndsAt`; it is `nowTime`.
    error JobRegistry_WindowClosed(uint256 jobId, uint256 windowEndsAt, uint256 nowTime);
    /// @notice Job `jobId`'s current window (review or dispute) is open until `windowEndsAt`; it is `nowTime`.
    error JobRegistry_WindowOpen(uint256 jobId, uint256 windowEndsAt, uint256 nowTime);
    /// @notice `caller` is not the employer `employer` of job `jobId`.
    error JobRegistry_NotEmployer(uint256 jobId, address caller, address employer);
    /// @notice `caller` is not the agent `agent` of job `jobId`.
    error JobRegistry_NotAgent(uint256 jobId, address caller, address agent);
    /// @notice The employer of job `jobId` cannot take it.
    error JobRegistry_EmployerCannotTake(uint256 jobId, address employer);
    /// @notice Job `jobId` may be reclaimed only after its idle limit `idleEndsAt`; it is `nowTime`.
    error JobRegistry_NotIdle(uint256 jobId, uint256 idleEndsAt, uint256 nowTime);
    /// @notice `agent`'s reputation `score` is below the `required` minimum.
    error JobRegistry_InsufficientReputation(address agent, uint256 score, uint256 required);
    /// @notice `caller` is not the DisputeModule `disputeModule`.
    error JobRegistry_CallerNotDisputeModule(address caller, address disputeModule);
    /// @notice The token delivered `received` instead of the `expected` reward (fee-on-transfer tokens
    /// are unsupported).
    error JobRegistry_TransferShortfall(uint256 expected, uint256 received);

    // ---------------------------------------------------------------- parameter keys

    /// @notice The key of the treasury's share of an accepted reward, in basis points.
    function PROTOCOL_FEE_BPS() external view returns (bytes32);

    /// @notice The key of the employer's review window after a submission, in seconds.
    function REVIEW_WINDOW() external view returns (bytes32);

    /// @notice The key of the agent's window to dispute a rejection, in seconds.
    function DISPUTE_WINDOW() external view returns (bytes32);

    /// @notice The key of the agent's stake locked per job, in token units.
    function JOB_STAKE() external view returns (bytes32);

    /// @notice The key of the share of the job stake slashed to the employer on a final rejection or an
    /// expiry, in basis points.
    function SLASH_SHARE_BPS() external view returns (bytes32);

    /// @notice The key of the reputation needed to take a job (18-decimal points; 0 = no minimum).
    function MIN_REPUTATION() external view returns (bytes32);

    /// @notice The key of the reputation an agent gains per accepted job (18-decimal points).
    function REPUTATION_REWARD() external view returns (bytes32);

    /// @notice The key of the reputation an agent loses per final rejection or expiry (18-decimal points).
    function REPUTATION_PENALTY() external view returns (bytes32);

    /// @notice The key of the longest time from creation to a job's deadline, in seconds.
    function MAX_JOB_DURATION() external view returns (bytes32);

    /// @notice The key of the protocol fee, in token units, that buys one reputation point (1e18): an
    /// accepted job adds at most its fee × 1e18 / `REPUTATION_PRICE` points.
    function REPUTATION_PRICE() external view returns (bytes32);

    /// @notice The key of how long, in seconds, an agent may hold a job without submitting before its
    /// employer may reclaim it.
    function IDLE_LIMIT() external view returns (bytes32);

    /// @notice The key of the largest reward, in token units, of a job any staked agent may take
    /// whatever its reputation: the newcomers' way in.
    function UNGATED_REWARD() external view returns (bytes32);

    // ---------------------------------------------------------------- employers

    /// @notice Posts a job and escrows `reward` from the caller (approved beforehand).
    /// @param reward Tokens escrowed; above zero, at most 2^128 - 1.
    /// @param deadline When the agent's time to submit ends: after now, at most now + `MAX_JOB_DURATION`.
    /// @param specHash Hash of the specification; not zero.
    /// @return jobId The new job's id.
    function createJob(
        uint256 reward,
        uint256 deadline,
        bytes32 specHash
    ) external returns (uint256 jobId);

    /// @notice Cancels an Open job and refunds its employer. The employer at any time; anyone once the
    /// deadline has passed (nobody can take it any more).
    function cancelJob(uint256 jobId) external;

    /// @notice Accepts the submitted result: pays the agent the reward minus the job's protocol fee,
    /// the fee to the treasury, releases the stake and raises the agent's reputation. Only the employer,
    /// at any time while Submitted.
    function acceptResult(uint256 jobId) external;

    /// @notice Rejects the submitted result and opens the agent's dispute window. Only the employer,
    /// within the review window.
    function rejectResult(uint256 jobId) external;

    /// @notice Ends a Taken job its agent has held past the job's idle limit (pauses of JobRegistry
    /// excepted, as for the deadline) without submitting: the employer is refunded, the agent's stake
    /// released whole, its score untouched. Only the employer.
    function reclaimJob(uint256 jobId) external;

    // ---------------------------------------------------------------- agents

    /// @notice Takes an Open job before its deadline, locking `JOB_STAKE` of the caller's free stake.
    /// Not the employer. A job whose reward is above `UNGATED_REWARD` needs `MIN_REPUTATION`, or
    /// ReputationEngine's cap if that is lower.
    function takeJob(uint256 jobId) external;

    /// @notice Submits the result of a Taken job. Only its agent, until the deadline.
    function submitResult(uint256 jobId, bytes32 resultHash) external;

    /// @notice Disputes the rejection through DisputeModule, which pulls the bond from the caller
    /// (approve DisputeModule for `bondFor(reward)` first). Only the agent, within the dispute window.
    /// @return disputeId The dispute's id in DisputeModule.
    function disputeRejection(uint256 jobId) external returns (uint256 disputeId);

    // ---------------------------------------------------------------- anyone, after a silence

    /// @notice Settles a Submitted job as accepted once its review window is over. Anyone.
    function finaliseAccepted(uint256 jobId) external;

    /// @notice Makes a rejection final once its dispute window is over. Anyone.
    function finaliseRejection(uint256 jobId) external;

    /// @notice Ends a Taken job whose deadline has passed without a result: the employer is refunded
    /// and part of the agent's stake slashed to the employer. Anyone.
    function expireJob(uint256 jobId) external;

    // ---------------------------------------------------------------- views

    /// @notice The one stake and payment token (StakeManager's).
    function token() external view returns (IERC20);

    /// @notice Job `jobId`; all zero for an unknown id.
    function job(uint256 jobId) external view returns (Job memory);

    /// @notice How many jobs were created; ids run from 1 to this count.
    function jobCount() external view returns (uint256);

    /// @notice When the window of job `jobId`'s current state ends, pauses included: the deadline while
    /// Open (as set: the employer may cancel at any time) or Taken (extended by JobRegistry's paused
    /// seconds since it was taken), the review window while Submitted (by JobRegistry's since the
    /// submission), the dispute window while Rejected (by JobRegistry's and DisputeModule's since the
    /// rejection: disputing needs both). 0 in any other state. The window is open up to and including
    /// this second.
    function currentDeadline(uint256 jobId) external view returns (uint256);

    /// @notice When job `jobId`'s employer may reclaim it (its idle limit, pauses included) while Taken;
    /// 0 in any other state. Reclaiming is allowed from the second after.
    function idleEndsAt(uint256 jobId) external view returns (uint256);

    /// @notice The StakeManager that holds agents' stake.
    function stakeManager() external view returns (address);

    /// @notice The ReputationEngine that keeps agents' scores.
    function reputationEngine() external view returns (address);

    /// @notice The DisputeModule through which rejections are disputed.
    function disputeModule() external view returns (address);
}
