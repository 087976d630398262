// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeClient} from "../../../contracts/interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../../../contracts/interfaces/IDisputeModule.sol";

/// @title MockDisputeClient
/// @notice Test-only client module: opens disputes as a job or lease module would, records each
/// callback, and can be told to revert or to call back into the DisputeModule during its callback.
contract MockDisputeClient is IDisputeClient {
    error MockDisputeClient_Refused(uint256 caseId);

    IDisputeModule public immutable disputes;
    uint256 public calls;
    uint256 public lastCaseId;
    bool public lastClaimantWins;
    bool public refuse;
    bytes public reenterWith;
    /// @notice The settlement pause clock this client reports; tests set it.
    uint256 public settlementPausedSeconds;

    constructor(IDisputeModule disputes_) {
        disputes = disputes_;
    }

    function open(
        uint256 caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake
    ) external returns (uint256) {
        return disputes.openDispute(caseId, claimant, respondent, valueAtStake);
    }

    function setSettlementPausedSeconds(uint256 seconds_) external {
        settlementPausedSeconds = seconds_;
    }

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    /// @notice The next callback calls the DisputeModule with `data` and bubbles up its revert.
    function setReenter(bytes calldata data) external {
        reenterWith = data;
    }

    function onDisputeResolved(uint256 caseId, bool claimantWins) external override {
        if (refuse) revert MockDisputeClient_Refused(caseId);
        ++calls;
        lastCaseId = caseId;
        lastClaimantWins = claimantWins;
        if (reenterWith.length != 0) {
            (bool ok, bytes memory reason) = address(disputes).call(reenterWith);
            if (!ok) {
                assembly {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}
