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
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";
import {GovernanceHandler} from "./GovernanceHandler.sol";

/// @title MarketHandler
/// @notice Drives the job market as deployed: employers create, cancel, accept and reject jobs;
/// agents stake, unbond and withdraw, and take, submit and dispute jobs; anyone finalises, expires and
/// applies a dispute's default; the arbitrator rules (or stays silent); governance withdraws and
/// restores JobRegistry's right to change reputation. The switch belongs to another handler (the
/// pause oracle), JobRegistry's parameters to the governance handler, whose record of what governance
/// set this handler reads. Every job transition, token flow and score rise is recorded in ghosts.
/// @dev Jobs are picked by their status on chain (so that most calls do something), expectations
/// come from ghost state: the status each job had after the handler's last step, the rewards,
/// bonds and stake that went in and should have gone out, how often each job's escrow paid out, and
/// each agent's score as last seen.
contract MarketHandler is SwitchAwareHandler {
    using JobStates for IJobRegistry.JobStatus;

    uint256 internal constant MAX_REWARD = 1e24;
    uint256 internal constant AGENT_STAKE = 10_000e18;
    /// @dev Newcomers join the agents until there are this many.
    uint256 internal constant MAX_AGENTS = 6;

    JobRegistry public immutable registry;
    DisputeModule public immutable disputes;
    StakeManager public immutable stakeManager;
    IReputationEngine public immutable reputation;
    MandateTestToken public immutable token;
    address public immutable arbitrator;
    address public immutable stranger;
    /// @notice Governance as the suite drives it: the record of the parameters it executed.
    GovernanceHandler public immutable governance;

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
    /// @notice Whether the token's issuer froze an actor or the treasury (JR-09).
    mapping(address account => bool) public ghost_frozen;
    /// @notice Settlements that were due (window or deadline over, system running) and reverted
    /// (JR-09: must stay 0, whoever is frozen).
    uint256 public ghost_stuckSettlements;
    /// @notice Market actions after which JobRegistry held fewer tokens: a settlement that transferred
    /// instead of crediting (JR-09: must stay 0; only `claim` pays out).
    uint256 public ghost_pushedPayments;
    /// @notice The pricing parameters governance had set when each job was created (JR-10, JR-13).
    mapping(uint256 jobId => JobTermsSeen) public ghost_terms;
    /// @notice Settlements that paid the treasury or the employer other than the job's own terms (JR-10).
    uint256 public ghost_termsBroken;
    /// @notice Reclaims refused after the idle limit (system running) or allowed before it (JR-11).
    uint256 public ghost_reclaimFailures;
    /// @notice Newcomers (staked, score 0) refused an ungated job while the system ran (JR-12).
    uint256 public ghost_newcomerRefusals;
    uint256 public ghost_newcomersIn;
    /// @notice Score rises larger than the accepted job's points (JR-13: must stay 0).
    uint256 public ghost_unpaidPoints;

    /// @notice What JobRegistry has credited and two parties hold before a call (JR-03, JR-10).
    struct Holdings {
        uint256 balance;
        uint256 credits;
        uint256 treasury;
        uint256 employer;
    }

    /// @notice What the handler read from the parameters when a job was created.
    struct JobTermsSeen {
        uint256 slashShareBps;
        uint256 idleLimit;
        uint256 reputationReward;
        uint256 reputationPenalty;
        uint256 reputationPrice;
    }

    constructor(
        JobRegistry registry_,
        IPauseOracle pauseOracle_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address arbitrator_,
        GovernanceHandler governance_
    ) SwitchAwareHandler(timelock_, governanceSafe_, pauseOracle_) {
        registry = registry_;
        governance = governance_;
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

    /// @notice An employer posts a job; one in four is small enough for newcomers (UNGATED_REWARD as
    /// governance set it), every deadline within the MAX_JOB_DURATION in force.
    function createJob(uint256 employerSeed, uint256 reward, uint256 duration) external {
        address employer = _employers[employerSeed % _employers.length];
        reward =
            reward % 4 == 1
                ? _bound(reward, 1, _min(_ungatedReward(), MAX_REWARD))
                : _bound(reward, 1, MAX_REWARD);
        duration = _bound(
            duration,
            1,
            _min(30 days, registry.parameter(registry.MAX_JOB_DURATION()))
        );
        uint256 jobId = registry.jobCount() + 1;
        bytes memory data = abi.encodeCall(
            registry.createJob,
            (reward, block.timestamp + duration, keccak256(abi.encode(jobId)))
        );
        JobTermsSeen memory seen = JobTermsSeen({
            slashShareBps: registry.parameter(registry.SLASH_SHARE_BPS()),
            idleLimit: registry.parameter(registry.IDLE_LIMIT()),
            reputationReward: registry.parameter(registry.REPUTATION_REWARD()),
            reputationPenalty: registry.parameter(registry.REPUTATION_PENALTY()),
            reputationPrice: registry.parameter(registry.REPUTATION_PRICE())
        });
        if (_act("createJob", employer, address(registry), data, jobId, 0)) {
            ghost_rewardsIn += reward;
            ghost_terms[jobId] = seen;
        }
    }

    /// @notice The employer reclaims a taken job its agent sits on; with `waitForIt` it waits out the
    /// idle limit first. After the limit (system running) it must succeed, before it never (JR-11).
    function reclaimJob(uint256 jobSeed, bool waitForIt) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Taken);
        if (jobId == 0) return;
        uint256 idleEnd = registry.idleEndsAt(jobId);
        if (waitForIt && block.timestamp <= idleEnd) vm.warp(idleEnd + 1);
        bool idle = block.timestamp > idleEnd;
        address employer = registry.job(jobId).employer;
        bytes memory data = abi.encodeCall(registry.reclaimJob, (jobId));
        bool ok = _act("reclaimJob", employer, address(registry), data, jobId, 0);
        if (ok != (idle && !_systemPaused())) ++ghost_reclaimFailures;
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

    /// @notice A newcomer (fresh address, staked, score 0) takes an open job of at most the ungated
    /// reward governance set: it must succeed while the system runs, whatever MIN_REPUTATION (JR-12).
    /// Its AGENT_STAKE covers any JOB_STAKE governance may set (MAX_JOB_STAKE).
    function newcomerTakesJob(uint256 jobSeed) external {
        if (_agents.length >= MAX_AGENTS || _systemPaused()) return;
        uint256 jobId = _ungatedOpenJob(jobSeed);
        if (jobId == 0) return;
        address newcomer = _fundedActor(string.concat("newcomer", vm.toString(_agents.length)));
        vm.startPrank(newcomer);
        token.approve(address(stakeManager), type(uint256).max);
        stakeManager.deposit(AGENT_STAKE);
        vm.stopPrank();
        ghost_agentStake[newcomer] = AGENT_STAKE;
        ghost_stakeDeposited += AGENT_STAKE;
        _agents.push(newcomer);
        ++ghost_newcomersIn;
        bytes memory data = abi.encodeCall(registry.takeJob, (jobId));
        if (!_act("newcomerTakesJob", newcomer, address(registry), data, jobId, 0))
            ++ghost_newcomerRefusals;
    }

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
        _actWhenDue("finaliseAccepted", jobId, abi.encodeCall(registry.finaliseAccepted, (jobId)));
    }

    function finaliseRejection(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Rejected);
        if (jobId == 0) return;
        _actWhenDue(
            "finaliseRejection",
            jobId,
            abi.encodeCall(registry.finaliseRejection, (jobId))
        );
    }

    function expireJob(uint256 jobSeed) external {
        uint256 jobId = _jobIn(jobSeed, IJobRegistry.JobStatus.Taken);
        if (jobId == 0) return;
        _actWhenDue("expireJob", jobId, abi.encodeCall(registry.expireJob, (jobId)));
    }

    // ------------------------------------------------------------ the token's issuer, payments

    /// @notice The token's issuer freezes or unfreezes an employer, an agent or the treasury: no
    /// settlement may depend on a transfer to them (JR-09).
    function freezeParty(uint256 partySeed, bool isFrozen) external {
        _called("freezeParty");
        address party = _party(partySeed);
        FreezableToken(address(token)).setFrozen(party, isFrozen);
        ghost_frozen[party] = isFrozen;
        _succeeded("freezeParty");
    }

    /// @notice Anyone (a stranger) claims what JobRegistry credited a party: it must succeed unless
    /// the party is frozen, the system paused or nothing is credited; what leaves goes to the party
    /// and is its whole credit.
    function claim(uint256 partySeed) external {
        _called("claim");
        address party = _party(partySeed);
        uint256 credit = registry.creditOf(party);
        uint256 walletBefore = token.balanceOf(party);
        vm.prank(stranger);
        try registry.claim(party) {
            if (_systemPaused()) ++ghost_pausedSuccesses;
            if (token.balanceOf(party) - walletBefore != credit || registry.creditOf(party) != 0)
                ++ghost_stuckSettlements;
            _succeeded("claim");
        } catch {
            if (credit != 0 && !FreezableToken(address(token)).frozen(party) && !_systemPaused())
                ++ghost_stuckSettlements;
        }
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
        // DisputeModule credits its parties (pull payments): a frozen party stops no default (DM-03).
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
        Holdings memory before = Holdings({
            balance: token.balanceOf(address(registry)),
            credits: registryCredits(),
            treasury: _holding(registry.treasury()),
            employer: _holding(registry.job(jobId).employer)
        });
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
            uint256 slashed;
            if (j.status.slashesStake()) {
                // The job's own share, as stored at creation (JR-10 checks it is governance's then).
                slashed = (j.stake * j.slashShareBps) / 10_000;
                ghost_agentStake[j.agent] -= slashed;
                ghost_stakeSlashed += slashed;
            }
            if (disputeId == 0) _checkSettledOnTerms(j, slashed, before);
        }
        // A payout is credited to its parties (pull payments): JobRegistry's credits grow, and no
        // token leaves it (only a slash comes in).
        if (registryCredits() > before.credits) ++ghost_payouts[jobId];
        if (token.balanceOf(address(registry)) < before.balance) ++ghost_pushedPayments;
        if (disputeId != 0 && disputes.dispute(disputeId).status == IDisputeModule.Status.Resolved)
            ghost_bondsOut += ghost_bond[disputeId];
        _observeScores(jobId, reached);
    }

    /// @dev JR-10: an acceptance credits the treasury the job's fee at its own rate; a refund credits
    /// the employer the reward plus the slash at the job's own share. Only for settlements
    /// outside DisputeModule, whose bond and fee payments share the same wallets.
    function _checkSettledOnTerms(
        IJobRegistry.Job memory j,
        uint256 slashed,
        Holdings memory before
    ) internal {
        if (j.status == IJobRegistry.JobStatus.Accepted) {
            uint256 fee = (uint256(j.reward) * j.protocolFeeBps) / 10_000;
            if (_holding(registry.treasury()) - before.treasury != fee) ++ghost_termsBroken;
        } else if (j.status.paysOut()) {
            if (_holding(j.employer) - before.employer != j.reward + slashed) ++ghost_termsBroken;
        }
    }

    /// @dev What `account` holds in wallet plus what JobRegistry credited it.
    function _holding(address account) internal view returns (uint256) {
        return token.balanceOf(account) + registry.creditOf(account);
    }

    /// @notice What JobRegistry has credited and not yet paid to the parties the suite follows: every
    /// actor of this handler and the treasury (JR-01, JR-02).
    function registryCredits() public view returns (uint256 sum) {
        for (uint256 i; i < _actors.length; ++i) sum += registry.creditOf(_actors[i]);
        sum += registry.creditOf(registry.treasury());
    }

    /// @dev UNGATED_REWARD as governance last executed it (a change behind its back shows in JR-12).
    function _ungatedReward() internal view returns (uint256) {
        return governance.ghost_parameter(address(registry), registry.UNGATED_REWARD());
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    /// @dev Runs a settlement anyone may make after a silence; when its window or deadline is over
    /// and the system runs it must succeed, whoever is frozen (JR-09).
    function _actWhenDue(string memory action, uint256 jobId, bytes memory data) internal {
        bool due = block.timestamp > registry.currentDeadline(jobId) && !_systemPaused();
        if (!_act(action, stranger, address(registry), data, jobId, 0) && due)
            ++ghost_stuckSettlements;
    }

    /// @dev An employer, an agent or the treasury (every module credits it: nothing pushes to it).
    function _party(uint256 seed) internal view returns (address) {
        uint256 i = seed % (_employers.length + _agents.length + 1);
        if (i < _employers.length) return _employers[i];
        if (i < _employers.length + _agents.length) return _agents[i - _employers.length];
        return registry.treasury();
    }

    /// @dev The first Open job from `seed` on, before its deadline, with a reward a newcomer may take.
    function _ungatedOpenJob(uint256 seed) internal view returns (uint256) {
        uint256 count = registry.jobCount();
        for (uint256 i; i < count; ++i) {
            uint256 jobId = (((seed % (count == 0 ? 1 : count)) + i) % count) + 1;
            IJobRegistry.Job memory j = registry.job(jobId);
            if (
                j.status == IJobRegistry.JobStatus.Open &&
                j.reward <= _ungatedReward() &&
                block.timestamp <= j.deadline
            ) return jobId;
        }
        return 0;
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
            if (score > ghost_lastScore[agent]) {
                if (agent != rewarded) ++ghost_unearnedRises;
                else if (score - ghost_lastScore[agent] > registry.job(jobId).reputationReward)
                    ++ghost_unpaidPoints;
            }
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
            return
                to == IJobRegistry.JobStatus.Submitted ||
                to == IJobRegistry.JobStatus.Expired ||
                to == IJobRegistry.JobStatus.Reclaimed;
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
        // Accepted, RejectionFinal, Cancelled, Expired and Reclaimed are final.
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
