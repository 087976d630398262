// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDisputeModule
/// @notice Bonded disputes over cases owned by other modules (jobs, leases). An authorised client module
/// opens a dispute for a claimant, who posts a bond: the larger of `MIN_BOND` and `BOND_SHARE_BPS` of
/// the value at stake. Both parties may submit evidence hashes. The arbitrator (a committee Safe) rules
/// once; past the ruling deadline anyone may apply the default outcome set by governance. Either way
/// the client module is called back (`IDisputeClient.onDisputeResolved`) and settles the case. A
/// claimant who wins gets the bond back; a claimant who loses forfeits it to the respondent, minus
/// `DISPUTE_FEE_BPS` to the treasury.
interface IDisputeModule {
    /// @notice Where a dispute stands. Moves only None → Open → Resolved.
    enum Status {
        None,
        Open,
        Resolved
    }

    /// @notice One dispute. The first slot packs the client with the deadline and the state.
    /// @param client The module that owns the case and is called back.
    /// @param ruleBy Deadline of the arbitrator's ruling; afterwards anyone may apply the default.
    /// @param status Where the dispute stands.
    /// @param claimantWon The outcome, meaningful once resolved.
    /// @param caseId The client's id of the case.
    /// @param claimant Who opened the dispute and posted the bond.
    /// @param respondent The other party.
    /// @param valueAtStake The case's value, which sized the bond.
    /// @param bond Tokens posted by the claimant.
    struct Dispute {
        address client;
        uint64 ruleBy;
        Status status;
        bool claimantWon;
        uint256 caseId;
        address claimant;
        address respondent;
        uint256 valueAtStake;
        uint256 bond;
    }

    /// @notice Opens a dispute over the calling module's case `caseId` and pulls the bond from
    /// `claimant` (who approved this contract for it). Only authorised client modules.
    /// @param caseId The client's id of the case.
    /// @param claimant Who disputes; pays the bond.
    /// @param respondent The other party of the case.
    /// @param valueAtStake The case's value in tokens, which sizes the bond.
    /// @return disputeId The new dispute's id.
    function openDispute(
        uint256 caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake
    ) external returns (uint256 disputeId);

    /// @notice The bond a claimant posts for a case worth `valueAtStake`: the larger of `MIN_BOND`
    /// and `BOND_SHARE_BPS` of the value.
    function bondFor(uint256 valueAtStake) external view returns (uint256);

    // The market issue completes this interface: events, errors, evidence, rule, resolveByDefault,
    // parameters and views.
}
