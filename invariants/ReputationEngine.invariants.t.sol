// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReputationProperties} from "./properties/ReputationProperties.sol";

/// @title ReputationEngineInvariants
/// @notice Authorised and unauthorised modules raise and lower random accounts by bounded and unbounded
/// amounts while time passes and governance retunes the half-life, the cap and the module list through
/// the timelock; after every call the RE properties of invariants/PROPERTIES.md must hold.
contract ReputationEngineInvariants is ReputationProperties {
    function setUp() public {
        _setUpReputationHandler();
        targetContract(address(reputationHandler));
        targetSelector(
            FuzzSelector({
                addr: address(reputationHandler),
                selectors: _reputationHandlerSelectors()
            })
        );
    }

    /// RE-01 to RE-06.
    function invariant_reputationEngine() public view {
        _checkReputation();
    }

    /// The call summary: how often each action ran and succeeded (in the run just finished).
    function afterInvariant() public view {
        reputationHandler.callSummary();
    }
}
