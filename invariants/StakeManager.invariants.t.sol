// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakeManagerProperties} from "./properties/StakeManagerProperties.sol";

/// @title StakeManagerInvariants
/// @notice Stakers deposit, unbond, cancel and withdraw while modules lock, release and slash and
/// governance authorises, revokes, recovers and retunes through the timelock; after every call the
/// SM properties of invariants/PROPERTIES.md must hold. One invariant function checks them all: each
/// invariant function is a campaign of its own (runs x depth calls), so one keeps CI fast, and every
/// assertion names its property id.
contract StakeManagerInvariants is StakeManagerProperties {
    function setUp() public {
        _setUpStakeManagerHandler();
        targetContract(address(stakeHandler));
        targetSelector(
            FuzzSelector({addr: address(stakeHandler), selectors: _stakeHandlerSelectors()})
        );
    }

    /// SM-01 to SM-10 (conservation, settlement, state machine, lock authority, retired modules).
    function invariant_stakeManager() public view {
        _checkStakeConservation();
        _checkStakeSettlement();
        _checkStakeStateMachine();
    }

    /// The call summary: how often each action ran and succeeded (in the run just finished).
    function afterInvariant() public view {
        stakeHandler.callSummary();
    }
}
