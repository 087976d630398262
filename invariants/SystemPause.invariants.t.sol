// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SystemPauseProperties} from "./properties/SystemPauseProperties.sol";

/// @title SystemPauseInvariants
/// @notice The system as deployed: a guardian pauses and governance unpauses at random through the
/// real timelock, governance reshapes guardians, modules, pausers, parameters and its own delay,
/// outsiders try what only governance may do, and stakers keep acting throughout. After every call the
/// SP and AU properties, and the stake conservation properties, must hold. One invariant function (one
/// campaign) checks them all, to keep CI fast; every assertion names its property id.
contract SystemPauseInvariants is SystemPauseProperties {
    function setUp() public {
        _setUpPauseHandlers();
        targetContract(address(pauseHandler));
        targetSelector(
            FuzzSelector({addr: address(pauseHandler), selectors: _pauseHandlerSelectors()})
        );
        targetContract(address(stakeHandler));
        targetSelector(
            FuzzSelector({addr: address(stakeHandler), selectors: _stakeHandlerSelectors()})
        );
    }

    /// SP-01 to SP-07, AU-01 to AU-06, and SM-01 to SM-10 while the switch flips.
    function invariant_system() public view {
        _checkPause();
        _checkAuthority();
        _checkStakeConservation();
        _checkStakeSettlement();
        _checkStakeStateMachine();
    }

    /// The call summary of both handlers (in the run just finished).
    function afterInvariant() public view {
        pauseHandler.callSummary();
        stakeHandler.callSummary();
    }
}
