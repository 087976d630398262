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
}
