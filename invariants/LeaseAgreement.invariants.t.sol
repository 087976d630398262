// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LeaseProperties} from "./properties/LeaseProperties.sol";

/// @title LeaseAgreementInvariants
/// @notice Earners list products and revoke consent, lessees open and dispute leases, anyone settles,
/// the arbitrator rules or the default applies; after every call the LA properties of
/// invariants/PROPERTIES.md must hold.
contract LeaseAgreementInvariants is LeaseProperties {
    function setUp() public {
        _setUpLeaseHandler();
        targetContract(address(leaseHandler));
        targetSelector(
            FuzzSelector({addr: address(leaseHandler), selectors: _leaseHandlerSelectors()})
        );
    }

    /// LA-01 to LA-05, DM-04.
    function invariant_leaseAgreement() public view {
        _checkLeases();
    }

    /// The call summary: how often each action ran and succeeded (in the run just finished).
    function afterInvariant() public view {
        leaseHandler.callSummary();
    }
}
