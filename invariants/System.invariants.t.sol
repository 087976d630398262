// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SystemProperties} from "./properties/SystemProperties.sol";

/// @title SystemInvariants
/// @notice Every module as `deploy:system` wires it, in one campaign: employers and agents run jobs
/// and move stake, earners list data and revoke consent, lessees lease and dispute, the arbitrator
/// rules or stays silent, governance moves every parameter of StakeManager, ReputationEngine,
/// DisputeModule, LeaseAgreement and JobRegistry through the timelock, the token's issuer freezes
/// market and lease parties and the treasury,
/// governance withdraws and restores JobRegistry's reputation rights, a
/// guardian pauses everything for a random stretch (every handler's warp runs while paused, so pauses
/// fall across every window) and governance unpauses through the timelock. After every call the
/// JR, DM, LA and SY properties of invariants/PROPERTIES.md must hold; after every run, SY-05 ends
/// every open case through its silent-party path and finds every module empty.
contract SystemInvariants is SystemProperties {
    function setUp() public {
        _setUpSystem();
        // A market that already has data on offer: each earner lists one product before the campaign,
        // so that leases open from the first calls of a run (one listing in 41 draws came too late).
        leaseHandler.listProduct(0, 1e12, 1 hours, 3 days);
        leaseHandler.listProduct(1, 5e14, 1 days, 10 days);
        targetContract(address(marketHandler));
        targetSelector(
            FuzzSelector({addr: address(marketHandler), selectors: _marketHandlerSelectors()})
        );
        targetContract(address(leaseHandler));
        targetSelector(
            FuzzSelector({addr: address(leaseHandler), selectors: _leaseHandlerSelectors()})
        );
        targetContract(address(governanceHandler));
        bytes4[] memory governance = new bytes4[](1);
        governance[0] = governanceHandler.setParameter.selector;
        targetSelector(FuzzSelector({addr: address(governanceHandler), selectors: governance}));
        targetContract(address(switchHandler));
        targetSelector(
            FuzzSelector({addr: address(switchHandler), selectors: _switchHandlerSelectors()})
        );
    }

    /// JR-01 to JR-08, DM-01 to DM-04, LA-01 to LA-05, SY-01 to SY-04, SY-06, SY-07.
    function invariant_mandate() public view {
        _checkSystem();
    }

    /// SY-05 on the state the run reached, then the call summary of the run.
    function afterInvariant() public {
        marketHandler.callSummary();
        leaseHandler.callSummary();
        switchHandler.callSummary();
        governanceHandler.callSummary();
        check_SY05_everyCaseCanEnd();
    }
}
