// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDisputeClient
/// @notice A module whose cases can be disputed (JobRegistry, LeaseAgreement). DisputeModule calls it
/// back exactly once per dispute, when the dispute is ruled or resolved by default, and the client
/// settles the case's funds accordingly.
interface IDisputeClient {
    /// @notice Settles case `caseId` after its dispute ended. Only the DisputeModule.
    /// @param caseId The client's own id of the case (a job id, a lease id).
    /// @param claimantWins True when the claimant (who opened the dispute) won.
    function onDisputeResolved(uint256 caseId, bool claimantWins) external;

    /// @notice The pause clock of this client's settlement: the paused seconds, summed, of every module
    /// `onDisputeResolved` needs (0 when nothing stops it). DisputeModule extends a ruling period by
    /// its advance, so that a paused client costs the arbitrator no time.
    function settlementPausedSeconds() external view returns (uint256);
}
