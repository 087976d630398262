// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeClient} from "../../contracts/interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";

import {Defaults} from "../utils/Defaults.sol";
import {Market_Test} from "../utils/MarketBase.t.sol";

/// @title JobDisputes_Integration_Test
/// @notice JobRegistry, DisputeModule, StakeManager and ReputationEngine together: a rejected job
/// disputed and ruled for each side, a dispute nobody rules resolved by each default, the arithmetic
/// at its edges, and conservation: no token is created or lost, no job is paid twice or reopened.
contract JobDisputes_Integration_Test is Market_Test {
    uint256 internal constant REWARD = Defaults.REWARD;
    uint256 internal constant STAKE = Defaults.JOB_STAKE;
    uint256 internal constant FEE = 25e18; // 2.5% of the reward
    uint256 internal constant BOND = 50e18; // 5% of the reward
    uint256 internal constant BOND_FEE = 5e18; // 10% of the bond

    // ---------------------------------------------------------------- ruled

    function test_DisputeRuledForAgent_SettlesAsAccepted() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        uint256 agentBefore = _wallet(agent);
        uint256 employerBefore = _wallet(employer);

        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeResolved(disputeId, true, false, BOND, 0, 0);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobDisputeResolved(jobId, disputeId, true);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobAccepted(jobId, agent, REWARD - FEE, FEE, STAKE);
        _rule(disputeId, true);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_wallet(agent), agentBefore + REWARD - FEE + BOND);
        assertEq(_wallet(employer), employerBefore);
        assertEq(_wallet(treasury), FEE);
        assertEq(_locked(agent), 0);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
        assertEq(reputation.scoreOf(agent), Defaults.REPUTATION_REWARD);
        _assertNothingHeld();
    }

    function test_DisputeRuledForEmployer_SettlesAsRejectionFinal() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        uint256 agentBefore = _wallet(agent);
        uint256 employerBefore = _wallet(employer);
        uint256 slashed = STAKE / 2;

        vm.expectEmit(address(registry));
        emit IJobRegistry.JobDisputeResolved(jobId, disputeId, false);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejectionFinalised(jobId, employer, REWARD, slashed, STAKE - slashed);
        _rule(disputeId, false);

        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(_wallet(agent), agentBefore);
        assertEq(_wallet(employer), employerBefore + REWARD + slashed + BOND - BOND_FEE);
        assertEq(_wallet(treasury), BOND_FEE);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT - slashed);
        assertEq(_locked(agent), 0);
        _assertNothingHeld();
    }

    /// Evidence from either party is recorded as an event naming that party, changes nothing in the
    /// case, and is refused from anyone else; the case is then ruled on as usual.
    function test_DisputeEvidenceFromBothParties() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        bytes32 caseBefore = keccak256(abi.encode(disputes.dispute(disputeId)));
        uint256 heldBefore = token.balanceOf(address(disputes));

        vm.expectEmit(address(disputes));
        emit IDisputeModule.EvidenceSubmitted(
            disputeId,
            agent,
            keccak256("the result meets the spec")
        );
        vm.prank(agent);
        disputes.submitEvidence(disputeId, keccak256("the result meets the spec"));
        vm.expectEmit(address(disputes));
        emit IDisputeModule.EvidenceSubmitted(disputeId, employer, keccak256("it does not"));
        vm.prank(employer);
        disputes.submitEvidence(disputeId, keccak256("it does not"));

        vm.expectRevert(
            abi.encodeWithSelector(IDisputeModule.DisputeModule_NotParty.selector, disputeId, eve)
        );
        vm.prank(eve);
        disputes.submitEvidence(disputeId, keccak256("a stranger's view"));

        assertEq(
            keccak256(abi.encode(disputes.dispute(disputeId))),
            caseBefore,
            "evidence changed the case"
        );
        assertEq(token.balanceOf(address(disputes)), heldBefore, "evidence moved tokens");
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Disputed));

        _rule(disputeId, true);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        _assertNothingHeld();
    }

    // ---------------------------------------------------------------- nobody rules

    function test_NobodyRules_DefaultRespondentWins() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        uint256 employerBefore = _wallet(employer);
        vm.warp(disputes.dispute(disputeId).ruleBy + 1);
        vm.prank(eve);
        disputes.resolveByDefault(disputeId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(_wallet(employer), employerBefore + REWARD + STAKE / 2 + BOND - BOND_FEE);
        _assertNothingHeld();
    }

    /// Found by the market invariant suite: with JobRegistry revoked on ReputationEngine, settling the
    /// case used to revert, so the default could never be applied and escrow, stake and bond stayed put.
    function test_NobodyRules_DefaultAppliesEvenWithJobRegistryRevokedOnReputation() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        vm.prank(address(timelock));
        reputation.setModuleAuthorisation(address(registry), false);
        uint256 employerBefore = _wallet(employer);
        vm.warp(disputes.dispute(disputeId).ruleBy + 1);
        vm.prank(eve);
        disputes.resolveByDefault(disputeId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.RejectionFinal));
        assertEq(_wallet(employer), employerBefore + REWARD + STAKE / 2 + BOND - BOND_FEE);
        _assertNothingHeld();
    }

    function test_NobodyRules_DefaultClaimantWins() public {
        _setParameter(address(disputes), disputes.DEFAULT_OUTCOME(), 1);
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        uint256 agentBefore = _wallet(agent);
        vm.warp(disputes.dispute(disputeId).ruleBy + 1);
        vm.prank(eve);
        disputes.resolveByDefault(disputeId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
        assertEq(_wallet(agent), agentBefore + REWARD - FEE + BOND);
        _assertNothingHeld();
    }

    // ---------------------------------------------------------------- arithmetic edges

    function test_ZeroProtocolFee_AgentGetsWholeReward() public {
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 0);
        uint256 jobId = _submittedJob();
        uint256 agentBefore = _wallet(agent);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(agent), agentBefore + REWARD);
        assertEq(_wallet(treasury), 0);
    }

    function test_MaxProtocolFee_FifthToTreasury() public {
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        uint256 jobId = _submittedJob();
        uint256 agentBefore = _wallet(agent);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(agent), agentBefore + 800e18);
        assertEq(_wallet(treasury), 200e18);
    }

    function test_OneWeiReward_FeeRoundsDownToZero() public {
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        uint256 jobId = _createJob(1);
        _take(jobId);
        _submit(jobId);
        uint256 agentBefore = _wallet(agent);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobAccepted(jobId, agent, 1, 0, STAKE);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(agent), agentBefore + 1);
        assertEq(_wallet(treasury), 0);
    }

    /// A bond never exceeds the value at stake: below MIN_BOND, contesting costs the reward itself.
    function test_OneWeiReward_DisputeBondIsCappedAtTheReward() public {
        uint256 jobId = _createJob(1);
        _take(jobId);
        _submit(jobId);
        _reject(jobId);
        uint256 disputeId = _dispute(jobId);
        assertEq(disputes.dispute(disputeId).bond, 1);
        _rule(disputeId, false);
        _assertNothingHeld();
    }

    function test_OneWeiStake_SlashRoundsDownToZeroAndReleasesIt() public {
        _setParameter(address(registry), registry.JOB_STAKE(), 1);
        uint256 jobId = _rejectedJob();
        vm.warp(registry.job(jobId).windowEndsAt + 1);
        vm.expectEmit(address(registry));
        emit IJobRegistry.JobRejectionFinalised(jobId, employer, REWARD, 0, 1);
        registry.finaliseRejection(jobId);
        assertEq(_free(agent), Defaults.DEPOSIT_AMOUNT);
    }

    function test_MaximumAmounts_WholeLifecycleWithMaximumBondAndFees() public {
        uint256 reward = type(uint128).max;
        uint256 stake = registry.MAX_JOB_STAKE();
        _setParameter(address(registry), registry.JOB_STAKE(), stake);
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        _setParameter(address(registry), registry.SLASH_SHARE_BPS(), 10_000);
        _setParameter(address(disputes), disputes.BOND_SHARE_BPS(), 10_000);
        _setParameter(address(disputes), disputes.DISPUTE_FEE_BPS(), 5_000);
        token.mint(employer, reward);
        token.mint(agent, reward + stake);
        _deposit(agent, stake);

        uint256 jobId = _createJob(reward);
        _take(jobId);
        _submit(jobId);
        _reject(jobId);
        uint256 supply = token.totalSupply();
        uint256 employerBefore = _wallet(employer);
        uint256 disputeId = _dispute(jobId);
        assertEq(disputes.dispute(disputeId).bond, reward);
        _rule(disputeId, false);

        uint256 bondFee = reward / 2;
        assertEq(_wallet(employer), employerBefore + reward + stake + (reward - bondFee));
        assertEq(_wallet(treasury), bondFee);
        assertEq(token.totalSupply(), supply);
        _assertNothingHeld();
    }

    function test_MaximumReward_AcceptedFeeWithoutOverflow() public {
        uint256 reward = type(uint128).max;
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), 2_000);
        token.mint(employer, reward);
        uint256 jobId = _createJob(reward);
        _take(jobId);
        _submit(jobId);
        vm.prank(employer);
        registry.acceptResult(jobId);
        assertEq(_wallet(treasury), (reward * 2_000) / 10_000);
        _assertNothingHeld();
    }

    // ---------------------------------------------------------------- never twice, never reopened

    function test_FinishedJobsNeverReopenOrPayTwice() public {
        uint256[4] memory ids;
        ids[0] = _submittedJob();
        vm.prank(employer);
        registry.acceptResult(ids[0]); // Accepted
        (ids[1], ) = _disputedJob();
        _rule(registry.job(ids[1]).disputeId, false); // RejectionFinal
        ids[2] = _createJob();
        vm.prank(employer);
        registry.cancelJob(ids[2]); // Cancelled
        ids[3] = _createJob();
        _take(ids[3]);
        vm.warp(registry.job(ids[3]).deadline + 1);
        registry.expireJob(ids[3]); // Expired
        vm.warp(block.timestamp + 365 days);
        // Every party claims what the settlements credited it: nothing is left for a second payout.
        _wallet(agent);
        _wallet(employer);
        _wallet(treasury);

        uint256 held = token.balanceOf(address(registry));
        for (uint256 i; i < ids.length; ++i) {
            _assertEveryActionReverts(ids[i]);
        }
        assertEq(token.balanceOf(address(registry)), held);
        assertEq(held, 0);
    }

    function test_RulingAnOldDisputeAgainDoesNotPayTheJobAgain() public {
        (uint256 jobId, uint256 disputeId) = _disputedJob();
        _rule(disputeId, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                disputeId,
                IDisputeModule.Status.Resolved
            )
        );
        _rule(disputeId, false);
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                disputeId,
                IDisputeModule.Status.Resolved
            )
        );
        disputes.resolveByDefault(disputeId);
        assertEq(uint8(_status(jobId)), uint8(IJobRegistry.JobStatus.Accepted));
    }

    // ---------------------------------------------------------------- conservation

    /// @dev Every path from creation to a final state, chosen by `path`, with random reward and
    /// parameters: the sum of all balances never changes, every token the registry and the dispute
    /// module took in has left, and the agent's stake is either free again or paid to the employer.
    function testFuzz_Conservation_EveryPathEnds(
        uint8 path,
        uint96 reward,
        uint16 feeBps,
        uint16 slashBps,
        uint16 disputeFeeBps
    ) public {
        reward = uint96(bound(reward, 1, 1e27));
        _setParameter(address(registry), registry.PROTOCOL_FEE_BPS(), bound(feeBps, 0, 2_000));
        _setParameter(address(registry), registry.SLASH_SHARE_BPS(), bound(slashBps, 0, 10_000));
        _setParameter(
            address(disputes),
            disputes.DISPUTE_FEE_BPS(),
            bound(disputeFeeBps, 0, 5_000)
        );
        token.mint(employer, reward);
        token.mint(agent, reward);
        uint256 before = _sumOfBalances();

        uint256 jobId = _createJob(reward);
        IJobRegistry.JobStatus expected = _walk(jobId, path % 8);

        assertEq(uint8(_status(jobId)), uint8(expected), "final state");
        assertEq(_sumOfBalances(), before, "tokens created or lost");
        _assertNothingHeld();
        assertEq(_locked(agent), 0, "stake still locked");
        _assertEveryActionReverts(jobId);
    }

    function test_Conservation_FullLifecycleWithDispute() public {
        uint256 before = _sumOfBalances();
        uint256 stakedBefore = stakeManager.totalStaked();
        (, uint256 disputeId) = _disputedJob();
        assertEq(_sumOfBalances(), before);
        assertEq(token.balanceOf(address(registry)), REWARD);
        assertEq(token.balanceOf(address(disputes)), BOND);
        _rule(disputeId, false);
        assertEq(_sumOfBalances(), before);
        // The slash left StakeManager for the employer: stake books and balances moved together.
        assertEq(stakeManager.totalStaked(), stakedBefore - STAKE / 2);
        assertEq(token.balanceOf(address(stakeManager)), stakeManager.totalStaked());
        _assertNothingHeld();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Walks job `jobId` down path `path` to a final state, every silence ended by a stranger.
    function _walk(uint256 jobId, uint256 path) internal returns (IJobRegistry.JobStatus) {
        if (path == 0) {
            vm.prank(employer);
            registry.cancelJob(jobId);
            return IJobRegistry.JobStatus.Cancelled;
        }
        if (path == 1) {
            // Nobody takes it, the employer is silent: a stranger cancels after the deadline.
            vm.warp(registry.job(jobId).deadline + 1);
            vm.prank(eve);
            registry.cancelJob(jobId);
            return IJobRegistry.JobStatus.Cancelled;
        }
        _take(jobId);
        if (path == 2) {
            // The agent is silent.
            vm.warp(registry.job(jobId).deadline + 1);
            vm.prank(eve);
            registry.expireJob(jobId);
            return IJobRegistry.JobStatus.Expired;
        }
        _submit(jobId);
        if (path == 3) {
            vm.prank(employer);
            registry.acceptResult(jobId);
            return IJobRegistry.JobStatus.Accepted;
        }
        if (path == 4) {
            // The employer is silent.
            vm.warp(registry.job(jobId).windowEndsAt + 1);
            vm.prank(eve);
            registry.finaliseAccepted(jobId);
            return IJobRegistry.JobStatus.Accepted;
        }
        _reject(jobId);
        if (path == 5) {
            // The agent does not dispute.
            vm.warp(registry.job(jobId).windowEndsAt + 1);
            vm.prank(eve);
            registry.finaliseRejection(jobId);
            return IJobRegistry.JobStatus.RejectionFinal;
        }
        uint256 disputeId = _dispute(jobId);
        if (path == 6) {
            _rule(disputeId, true);
            return IJobRegistry.JobStatus.Accepted;
        }
        // The arbitrator is silent.
        vm.warp(disputes.dispute(disputeId).ruleBy + 1);
        vm.prank(eve);
        disputes.resolveByDefault(disputeId);
        return IJobRegistry.JobStatus.RejectionFinal;
    }

    function _assertEveryActionReverts(uint256 jobId) internal {
        vm.startPrank(employer);
        _expectRevert(abi.encodeCall(IJobRegistry.cancelJob, (jobId)));
        _expectRevert(abi.encodeCall(IJobRegistry.acceptResult, (jobId)));
        _expectRevert(abi.encodeCall(IJobRegistry.rejectResult, (jobId)));
        vm.stopPrank();
        vm.startPrank(agent);
        _expectRevert(abi.encodeCall(IJobRegistry.takeJob, (jobId)));
        _expectRevert(abi.encodeCall(IJobRegistry.submitResult, (jobId, Defaults.RESULT_HASH)));
        _expectRevert(abi.encodeCall(IJobRegistry.disputeRejection, (jobId)));
        vm.stopPrank();
        _expectRevert(abi.encodeCall(IJobRegistry.finaliseAccepted, (jobId)));
        _expectRevert(abi.encodeCall(IJobRegistry.finaliseRejection, (jobId)));
        _expectRevert(abi.encodeCall(IJobRegistry.expireJob, (jobId)));
        vm.prank(address(disputes));
        _expectRevert(abi.encodeCall(IDisputeClient.onDisputeResolved, (jobId, true)));
    }

    /// @dev Calls the registry with `data` and asserts it reverted with InvalidState (a final state).
    function _expectRevert(bytes memory data) internal {
        (bool ok, bytes memory reason) = address(registry).call(data);
        assertFalse(ok, "a finished job accepted an action");
        assertEq(bytes4(reason), IJobRegistry.JobRegistry_InvalidState.selector);
    }

    /// @dev Every account that can hold tokens here.
    function _sumOfBalances() internal view returns (uint256 sum) {
        address[9] memory holders = [
            employer,
            agent,
            treasury,
            eve,
            alice,
            bob,
            address(registry),
            address(disputes),
            address(stakeManager)
        ];
        for (uint256 i; i < holders.length; ++i) sum += token.balanceOf(holders[i]);
    }

    /// @dev No open job or dispute remains: the registry and the dispute module hold nothing, and
    /// StakeManager holds exactly its books.
    function _assertNothingHeld() internal {
        _wallet(agent);
        _wallet(employer);
        _wallet(treasury);
        assertEq(token.balanceOf(address(registry)), 0, "registry holds tokens");
        assertEq(token.balanceOf(address(disputes)), 0, "dispute module holds tokens");
        assertEq(
            token.balanceOf(address(stakeManager)),
            stakeManager.totalStaked(),
            "StakeManager balance != totalStaked"
        );
    }
}
