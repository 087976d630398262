// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IJobRegistry} from "../../../contracts/interfaces/IJobRegistry.sol";
import {IPaymentCredits} from "../../../contracts/interfaces/IPaymentCredits.sol";
import {FreezableToken} from "../../../contracts/mocks/FreezableToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {Market_Test} from "../../utils/MarketBase.t.sol";

/// @title JobRegistry_Fairness_Unit_Test
/// @notice Issue 12's rules for jobs, each at its edges: no party freezes another (settlement credits
/// every party, who claims later), an idle agent cannot squat on a job, a job settles on the
/// terms it was created with, reputation costs protocol fees, newcomers have a way in, and
/// MIN_REPUTATION never exceeds ReputationEngine's cap.
contract JobRegistry_Fairness_Unit_Test is Market_Test {
    uint256 internal constant REWARD = Defaults.REWARD;
    uint256 internal constant STAKE = Defaults.JOB_STAKE;
    /// @dev 2.5% of 1,000.
    uint256 internal constant FEE = 25e18;
    /// @dev Half the job stake.
    uint256 internal constant SLASHED = 50e18;

    function setUp() public override {
        super.setUp();
        // The test token becomes one whose issuer can freeze an address (same ERC20 storage layout,
        // so every balance and allowance stays).
        vm.etch(address(token), address(new FreezableToken()).code);
    }

    function _freeze(address account, bool isFrozen) internal {
        FreezableToken(address(token)).setFrozen(account, isFrozen);
    }

    // ---------------------------------------------------------------- no party freezes another

    function test_FrozenEmployer_RejectionStillFinalisesAndFreesTheAgentsStake() public {
        uint256 jobId = _rejectedJob();
        _freeze(employer, true);
        vm.warp(registry.currentDeadline(jobId) + 1);
        vm.expectEmit(address(registry));
        emit IPaymentCredits.PaymentCredited(employer, REWARD + SLASHED, REWARD + SLASHED);
        registry.finaliseRejection(jobId);

        assertEq(_locked(agent), 0, "the agent's stake is no longer locked");
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - SLASHED, "half released, half slashed");
        assertEq(registry.creditOf(employer), REWARD + SLASHED, "refund and slash credited");
        assertEq(token.balanceOf(address(registry)), REWARD + SLASHED, "held for the employer");
    }

    function test_FrozenEmployer_ExpiryStillSettles() public {
        uint256 jobId = _createJob();
        _take(jobId);
        _freeze(employer, true);
        vm.warp(registry.currentDeadline(jobId) + 1);
        registry.expireJob(jobId);
        assertEq(_locked(agent), 0);
        assertEq(registry.creditOf(employer), REWARD + SLASHED);
    }

    function test_FrozenEmployer_CancelCreditsTheRefund() public {
        uint256 jobId = _createJob();
        _freeze(employer, true);
        vm.prank(employer);
        registry.cancelJob(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Cancelled));
        assertEq(registry.creditOf(employer), REWARD);
    }

    /// @dev Settlement transfers to nobody: it credits the agent and the treasury, frozen or not, and
    /// the tokens stay in JobRegistry until claimed (one rule for every module: docs/governance.md).
    function test_Acceptance_CreditsAgentAndTreasuryWithoutTransfer() public {
        uint256 jobId = _submittedJob();
        uint256 agentBefore = token.balanceOf(agent);
        uint256 treasuryBefore = token.balanceOf(treasury);
        vm.expectEmit(address(registry));
        emit IPaymentCredits.PaymentCredited(agent, REWARD - FEE, REWARD - FEE);
        vm.expectEmit(address(registry));
        emit IPaymentCredits.PaymentCredited(treasury, FEE, FEE);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(token.balanceOf(agent), agentBefore, "no transfer to the agent");
        assertEq(token.balanceOf(treasury), treasuryBefore, "no transfer to the treasury");
        assertEq(token.balanceOf(address(registry)), REWARD, "all of it held for the claims");
        assertEq(registry.creditOf(agent), REWARD - FEE);
        assertEq(registry.creditOf(treasury), FEE);
    }

    function test_FrozenAgent_AcceptanceStillSettles() public {
        uint256 jobId = _submittedJob();
        _freeze(agent, true);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(registry.creditOf(agent), REWARD - FEE, "payout credited");
        assertEq(_wallet(treasury), FEE, "the treasury's claim is not held up");
        assertEq(_locked(agent), 0, "stake released");
    }

    function test_FrozenTreasury_AcceptanceStillPaysTheAgent() public {
        uint256 jobId = _submittedJob();
        _freeze(treasury, true);
        uint256 agentBefore = token.balanceOf(agent);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(agent), agentBefore + REWARD - FEE);
        assertEq(registry.creditOf(treasury), FEE);
    }

    function test_Claim_ByAnyone_PaysTheCreditedAccountOnceUnfrozen() public {
        uint256 jobId = _rejectedJob();
        _freeze(employer, true);
        vm.warp(registry.currentDeadline(jobId) + 1);
        registry.finaliseRejection(jobId);

        // Still frozen: the token refuses, the claim reverts, the credit stays.
        vm.prank(eve);
        vm.expectRevert(
            abi.encodeWithSelector(FreezableToken.FreezableToken_Frozen.selector, employer)
        );
        registry.claim(employer);
        assertEq(registry.creditOf(employer), REWARD + SLASHED);

        _freeze(employer, false);
        uint256 before = token.balanceOf(employer);
        vm.expectEmit(address(registry));
        emit IPaymentCredits.PaymentClaimed(employer, eve, REWARD + SLASHED);
        vm.prank(eve);
        assertEq(registry.claim(employer), REWARD + SLASHED);
        assertEq(token.balanceOf(employer), before + REWARD + SLASHED, "paid to the employer");
        assertEq(token.balanceOf(eve), 0, "never to the caller");
        assertEq(registry.creditOf(employer), 0);
        assertEq(token.balanceOf(address(registry)), 0);
    }

    function test_RevertWhen_ClaimNothingOwed() public {
        vm.prank(employer);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentCredits.PaymentCredits_NothingToClaim.selector, employer)
        );
        registry.claim(employer);
    }

    function test_RevertWhen_PausedClaim() public {
        uint256 jobId = _createJob();
        vm.prank(employer);
        registry.cancelJob(jobId);
        _pauseAll();
        vm.expectRevert(abi.encodeWithSignature("EnforcedPause()"));
        registry.claim(employer);
    }

    // ---------------------------------------------------------------- job squatting

    function test_ReclaimJob_AfterIdleLimit_RefundsAndReleasesWholeStake() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 idleEnd = block.timestamp + Defaults.IDLE_LIMIT;
        assertEq(registry.idleEndsAt(jobId), idleEnd);
        uint256 scoreBefore = reputation.scoreOf(agent);
        uint256 employerBefore = token.balanceOf(employer);
        vm.warp(idleEnd + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobReclaimed(jobId, employer, agent, REWARD, STAKE);
        vm.prank(employer);
        registry.reclaimJob(jobId);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Reclaimed));
        assertEq(_wallet(employer), employerBefore + REWARD);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT, "nothing slashed");
        assertEq(reputation.scoreOf(agent), scoreBefore, "score untouched");
        assertEq(registry.idleEndsAt(jobId), 0, "0 once not Taken");
    }

    function test_RevertWhen_ReclaimJobAtIdleLimit() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 idleEnd = registry.idleEndsAt(jobId);
        vm.warp(idleEnd);
        vm.prank(employer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotIdle.selector,
                jobId,
                idleEnd,
                idleEnd
            )
        );
        registry.reclaimJob(jobId);
    }

    function test_RevertWhen_ReclaimJobNotEmployer() public {
        uint256 jobId = _createJob();
        _take(jobId);
        vm.warp(registry.idleEndsAt(jobId) + 1);
        vm.prank(agent);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotEmployer.selector,
                jobId,
                agent,
                employer
            )
        );
        registry.reclaimJob(jobId);
    }

    function test_RevertWhen_ReclaimJobSubmitted() public {
        uint256 jobId = _submittedJob();
        vm.warp(block.timestamp + Defaults.IDLE_LIMIT + 1);
        vm.prank(employer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InvalidState.selector,
                jobId,
                IJobRegistry.JobStatus.Taken,
                IJobRegistry.JobStatus.Submitted
            )
        );
        registry.reclaimJob(jobId);
    }

    function test_ReclaimJob_IdleLimitExtendedByAPause() public {
        uint256 jobId = _createJob();
        _take(jobId);
        uint256 idleEnd = registry.idleEndsAt(jobId);
        _pauseAll();
        vm.warp(block.timestamp + 1 days);
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        assertEq(registry.idleEndsAt(jobId), idleEnd + 1 days, "the pause extends the limit");
        vm.warp(idleEnd + 1);
        vm.prank(employer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_NotIdle.selector,
                jobId,
                idleEnd + 1 days,
                idleEnd + 1
            )
        );
        registry.reclaimJob(jobId);
    }

    function test_ReclaimJob_IdleLimitFixedAtCreation() public {
        uint256 jobId = _createJob();
        _setParameter(address(registry), registry.IDLE_LIMIT(), 30 days);
        _take(jobId);
        assertEq(registry.idleEndsAt(jobId), block.timestamp + Defaults.IDLE_LIMIT);
    }

    // ---------------------------------------------------------------- terms at entry

    function test_Terms_FixedAtCreationAndEmitted() public {
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobTerms(
            1,
            Defaults.SLASH_SHARE_BPS,
            Defaults.IDLE_LIMIT,
            Defaults.REPUTATION_REWARD,
            Defaults.REPUTATION_PENALTY
        );
        uint256 jobId = _createJob();
        IJobRegistry.Job memory j = registry.job(jobId);
        assertEq(j.slashShareBps, Defaults.SLASH_SHARE_BPS);
        assertEq(j.idleLimit, Defaults.IDLE_LIMIT);
        assertEq(j.reputationReward, Defaults.REPUTATION_REWARD);
        assertEq(j.reputationPenalty, Defaults.REPUTATION_PENALTY);
    }

    function test_Terms_SlashShareAndPenaltyRaisedAfterEntryDoNotApply() public {
        vm.prank(address(registry));
        reputation.increase(agent, 100e18);
        uint256 jobId = _rejectedJob();
        _setParameter(address(registry), registry.SLASH_SHARE_BPS(), 10_000);
        _setParameter(address(registry), registry.REPUTATION_PENALTY(), 100e18);
        vm.warp(registry.currentDeadline(jobId) + 1);
        uint256 scoreBefore = reputation.scoreOf(agent); // decayed since the increase
        registry.finaliseRejection(jobId);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - SLASHED, "slashed at the entry share");
        assertEq(
            reputation.scoreOf(agent),
            scoreBefore - Defaults.REPUTATION_PENALTY,
            "entry penalty"
        );
    }

    function test_Terms_ReputationRewardAndFeeChangedAfterEntryDoNotApply() public {
        uint256 jobId = _submittedJob();
        _setParameter(address(registry), registry.REPUTATION_REWARD(), 500e18);
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        _setParameter(
            address(registry),
            registry.REPUTATION_PRICE(),
            registry.MAX_REPUTATION_PRICE()
        );
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(reputation.scoreOf(agent), Defaults.REPUTATION_REWARD, "entry reward");
        assertEq(registry.creditOf(treasury), FEE, "entry fee");
    }

    // ---------------------------------------------------------------- reputation costs fees

    function test_ReputationReward_LimitedByTheFeePaid() public {
        // 100 tokens at 2.5%: a fee of 2.5 tokens buys 2.5 points at one token a point (< 10).
        uint256 jobId = _createJob(100e18);
        assertEq(registry.job(jobId).reputationReward, 2.5e18);
        _take(jobId);
        _submit(jobId);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(reputation.scoreOf(agent), 2.5e18);
    }

    function test_ReputationReward_NoFeeNoPoints() public {
        // 39 units at 2.5% is a fee of 0: no point is granted.
        uint256 jobId = _createJob(39);
        assertEq(registry.job(jobId).reputationReward, 0);
        _take(jobId);
        _submit(jobId);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(reputation.scoreOf(agent), 0);
    }

    /// @dev Two addresses of one person farm reputation between themselves as fast as the rules let
    /// them (one job after another, no time passing, so no decay): the tokens they lose together are
    /// at least score × REPUTATION_PRICE / 1e18 at every step (docs/reputation.md), up to SCORE_CAP.
    function testFuzz_CollusionPaysForEveryPoint(uint256 reward, uint256 price) public {
        reward = bound(reward, 1, 5_000e18);
        price = bound(price, 1, 10e18);
        _setParameter(address(registry), registry.REPUTATION_PRICE(), price);
        address colluder = makeAddr("Colluder"); // the agent's second address, as employer
        _fundMarket(colluder);
        uint256 walletsBefore = _walletsOf(colluder);
        uint256 cap = reputation.scoreCap();
        for (uint256 round; round < 6 && reputation.scoreOf(agent) < cap; ++round) {
            vm.prank(colluder);
            uint256 jobId = registry.createJob(
                reward,
                block.timestamp + 1 days,
                Defaults.SPEC_HASH
            );
            _take(jobId);
            _submit(jobId);
            vm.prank(colluder);
            registry.acceptResult(jobId);
            uint256 burned = walletsBefore - _walletsOf(colluder);
            assertGe(burned, (reputation.scoreOf(agent) * price) / 1e18, "a point came cheap");
        }
    }

    function test_Collusion_ReachingTheCapCostsTheFormula() public {
        address colluder = makeAddr("Colluder");
        _fundMarket(colluder);
        uint256 walletsBefore = _walletsOf(colluder);
        uint256 rounds;
        while (reputation.scoreOf(agent) < Defaults.SCORE_CAP) {
            vm.prank(colluder);
            uint256 jobId = registry.createJob(
                REWARD,
                block.timestamp + 1 days,
                Defaults.SPEC_HASH
            );
            _take(jobId);
            _submit(jobId);
            vm.prank(colluder);
            registry.acceptResult(jobId);
            ++rounds;
        }
        // 1,000 points at 10 a job: 100 jobs, each burning a 25-token fee.
        assertEq(rounds, 100);
        uint256 burned = walletsBefore - _walletsOf(colluder);
        assertEq(burned, 100 * FEE);
        assertGe(burned, (Defaults.SCORE_CAP * Defaults.REPUTATION_PRICE) / 1e18);
    }

    /// @dev What the agent and its colluding second address hold together: wallets, JobRegistry's
    /// credits and stake.
    function _walletsOf(address colluder) internal view returns (uint256) {
        return
            token.balanceOf(agent) +
            token.balanceOf(colluder) +
            registry.creditOf(agent) +
            registry.creditOf(colluder) +
            stakeManager.stakeOf(agent).free +
            stakeManager.stakeOf(agent).locked;
    }

    // ---------------------------------------------------------------- newcomers

    function test_Newcomer_TakesAnUngatedJobWithNoScore() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), 50e18);
        uint256 small = _createJob(Defaults.UNGATED_REWARD);
        uint256 large = _createJob(Defaults.UNGATED_REWARD + 1);
        assertEq(reputation.scoreOf(agent), 0);
        _take(small);
        assertEq(uint8(_status(small)), uint8(IJobRegistry.JobStatus.Taken));
        vm.prank(agent);
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobRegistry.JobRegistry_InsufficientReputation.selector,
                agent,
                0,
                50e18
            )
        );
        registry.takeJob(large);
    }

    function test_Newcomer_QualifiesThroughUngatedJobs() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), 50e18);
        // 100 tokens at 2.5% buy 2.5 points: 20 accepted ungated jobs reach 50.
        for (uint256 i; i < 20; ++i) {
            uint256 jobId = _createJob(Defaults.UNGATED_REWARD);
            _take(jobId);
            _submit(jobId);
            vm.prank(employer);
            registry.acceptResult(jobId);
        }
        assertEq(reputation.scoreOf(agent), 50e18);
        uint256 gated = _createJob();
        _take(gated);
        assertEq(uint8(_status(gated)), uint8(IJobRegistry.JobStatus.Taken));
    }

    // ---------------------------------------------------------------- MIN_REPUTATION and SCORE_CAP

    function test_MinReputation_AtTheCapAccepted() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), Defaults.SCORE_CAP);
        assertEq(registry.parameter(registry.MIN_REPUTATION()), Defaults.SCORE_CAP);
        (, uint256 max) = registry.parameterBounds(registry.MIN_REPUTATION());
        assertEq(max, Defaults.SCORE_CAP);
    }

    function test_RevertWhen_MinReputationAboveTheCap() public {
        bytes32 key = registry.MIN_REPUTATION();
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                key,
                Defaults.SCORE_CAP + 1,
                0,
                Defaults.SCORE_CAP
            )
        );
        registry.setParameter(key, Defaults.SCORE_CAP + 1);
    }

    function test_CapCutBelowMinReputation_TheCapIsRequired() public {
        _setParameter(address(registry), registry.MIN_REPUTATION(), 500e18);
        _setParameter(address(reputation), reputation.SCORE_CAP(), 100e18);
        vm.prank(address(registry));
        reputation.increase(agent, 1_000e18);
        assertEq(reputation.scoreOf(agent), 100e18);
        uint256 jobId = _createJob();
        _take(jobId); // 100 points, the cap, qualify though MIN_REPUTATION says 500
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Taken));
    }

    /// @dev A cap cut is not a lasting reset: raising the cap again restores the (decayed) score of an
    /// account not changed in between; an account changed under the cut keeps the capped value.
    function test_ScoreCap_CutThenRaised_RestoresUnchangedScores() public {
        address other = makeAddr("Other");
        vm.startPrank(address(registry));
        reputation.increase(agent, 800e18);
        reputation.increase(other, 800e18);
        vm.stopPrank();
        _setParameter(address(reputation), reputation.SCORE_CAP(), 100e18);
        assertEq(reputation.scoreOf(agent), 100e18);
        vm.prank(address(registry));
        reputation.increase(other, 1e18); // stored as the cap, 100
        _setParameter(address(reputation), reputation.SCORE_CAP(), Defaults.SCORE_CAP);
        assertEq(reputation.scoreOf(agent), 800e18, "unchanged account: restored");
        assertEq(reputation.scoreOf(other), 100e18, "changed under the cut: capped for good");
    }
}
