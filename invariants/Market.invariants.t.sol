// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketProperties} from "./properties/MarketProperties.sol";

/// @title MarketInvariants
/// @notice The job market as deployed (JobRegistry, DisputeModule, StakeManager and ReputationEngine
/// under the timelock and SystemPause): employers and agents run jobs through every path, the
/// arbitrator rules or stays silent, anyone applies defaults, the token's issuer freezes parties,
/// governance moves every JobRegistry parameter through the timelock, a guardian pauses and
/// governance unpauses; after every call the JR and DM properties (and SY-07) of
/// invariants/PROPERTIES.md must hold.
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
        targetContract(address(governanceHandler));
        targetSelector(
            FuzzSelector({
                addr: address(governanceHandler),
                selectors: _governanceHandlerSelectors()
            })
        );
    }

    /// JR-01 to JR-13, DM-01 to DM-03, SY-07 on JobRegistry's parameters.
    function invariant_market() public view {
        _checkMarket();
    }

    /// The call summary: how often each action ran and succeeded (in the run just finished).
    function afterInvariant() public view {
        marketHandler.callSummary();
        switchHandler.callSummary();
        governanceHandler.callSummary();
    }
}
