// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IDisputeClient} from "../interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../interfaces/IDisputeModule.sol";

/// @title MockDisputeModule
/// @notice Test-only stand-in for the DisputeModule: the `openDispute`/`bondFor` surface, a
/// bond pulled from the claimant, and `resolve`, which anyone may call to play the arbitrator and
/// calls the client back. The winner gets the bond. No authorisation list, deadlines or evidence.
/// It implements only the part of {IDisputeModule} that clients call.
contract MockDisputeModule {
    using SafeERC20 for IERC20;

    /// @notice The token bonds are paid in.
    IERC20 public immutable token;
    /// @notice The smallest bond.
    uint256 public immutable minBond;
    /// @notice The bond's share of the value at stake, in basis points.
    uint256 public immutable bondShareBps;

    /// @notice The pause clock clients read (`IMandateModule.pausedSeconds`); tests set it.
    uint256 public pausedSeconds;

    /// @notice Disputes opened so far (the last id).
    uint256 public disputeCount;
    mapping(uint256 disputeId => IDisputeModule.Dispute) private _disputes;

    /// @notice A dispute was opened.
    /// @param disputeId The new dispute's id.
    /// @param client The module that opened it.
    /// @param caseId The client's case.
    event MockDisputeOpened(uint256 indexed disputeId, address indexed client, uint256 caseId);

    /// @notice The dispute is not open.
    error MockDisputeModule_NotOpen(uint256 disputeId);

    constructor(IERC20 bondToken, uint256 minimumBond, uint256 shareBps) {
        token = bondToken;
        minBond = minimumBond;
        bondShareBps = shareBps;
    }

    /// @notice Opens a dispute and pulls the bond from `claimant`, as DisputeModule does.
    function openDispute(
        uint256 caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake
    ) external returns (uint256 disputeId) {
        uint256 bond = bondFor(valueAtStake);
        disputeId = ++disputeCount;
        _disputes[disputeId] = IDisputeModule.Dispute({
            client: msg.sender,
            ruleBy: uint64(block.timestamp + 7 days),
            status: IDisputeModule.Status.Open,
            claimantWon: false,
            caseId: caseId,
            claimant: claimant,
            pauseMark: 0,
            feeBps: 0,
            claimantWinsByDefault: false,
            respondent: respondent,
            valueAtStake: valueAtStake,
            bond: bond
        });
        emit MockDisputeOpened(disputeId, msg.sender, caseId);
        if (bond > 0) token.safeTransferFrom(claimant, address(this), bond);
    }

    /// @notice Sets the pause clock clients read, as if this module had been paused that long.
    function setPausedSeconds(uint256 seconds_) external {
        pausedSeconds = seconds_;
    }

    /// @notice The larger of the minimum bond and the share of `valueAtStake`.
    function bondFor(uint256 valueAtStake) public view returns (uint256) {
        uint256 share = (valueAtStake * bondShareBps) / 10_000;
        return share > minBond ? share : minBond;
    }

    /// @notice Rules on dispute `disputeId` and calls its client back; the winner takes the bond.
    function resolve(uint256 disputeId, bool claimantWins) external {
        IDisputeModule.Dispute storage d = _disputes[disputeId];
        if (d.status != IDisputeModule.Status.Open) revert MockDisputeModule_NotOpen(disputeId);
        d.status = IDisputeModule.Status.Resolved;
        d.claimantWon = claimantWins;
        IDisputeClient(d.client).onDisputeResolved(d.caseId, claimantWins);
        if (d.bond > 0) token.safeTransfer(claimantWins ? d.claimant : d.respondent, d.bond);
    }

    /// @notice Dispute `disputeId` as recorded.
    function disputeOf(uint256 disputeId) external view returns (IDisputeModule.Dispute memory) {
        return _disputes[disputeId];
    }
}
