// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketProperties} from "./properties/MarketProperties.sol";

/// @title MarketInvariants
/// @notice The job market as deployed (JobRegistry, DisputeModule, StakeManager and ReputationEngine
/// under the timelock and SystemPause): employers and agents run jobs through every path, the
/// arbitrator rules or stays silent, anyone applies defaults, a guardian pauses and governance
/// unpauses; after every call the JR and DM properties of invariants/PROPERTIES.md must hold.
contract MarketInvariants is MarketProperties {
    function setUp() public {
        _setUpMarketHandler();
        targetContract(address(marketHandler));
        targetSelector(
            FuzzSelector({addr: address(marketHandler), selectors: _marketHandlerSelectors()})
        );
        targetContract(address(switchHandler));
        targetSelector(
            FuzzSelector({addr: address(switchHandler), selectors: _switchHandlerSelectors()})
        );
    }

    /// JR-01 to JR-08, DM-01 to DM-03.
    function invariant_market() public view {
        _checkMarket();
    }

    /// The call summary: how often each action ran and succeeded (in the run just finished).
    function afterInvariant() public view {
        marketHandler.callSummary();
        switchHandler.callSummary();
    }
}
