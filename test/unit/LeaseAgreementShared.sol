// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {MockDisputeModule} from "../../contracts/mocks/MockDisputeModule.sol";

import {Base_Test} from "../utils/Base.t.sol";
import {Defaults} from "../utils/Defaults.sol";

/// @title LeaseAgreement_Unit_Shared
/// @notice What every LeaseAgreement unit test shares: the module deployed as for real (the timelock
/// owns it, SystemPause is its pauser and has it registered), a MockDisputeModule standing for the
/// DisputeModule, an earner with a listed product, a funded lessee, and the books: the module holds
/// exactly the sum of its leases' escrows.
abstract contract LeaseAgreement_Unit_Shared is Base_Test {
    // Parameters (bounds: fee [0, 1000] bps, window [1 hour, 30 days], min lease [1 s, 1 day],
    // max lease [1 day, 3650 days]).
    uint256 internal constant FEE_BPS = 250;
    uint256 internal constant WINDOW = 3 days;
    uint256 internal constant MIN_LEASE = 1;
    uint256 internal constant MAX_LEASE = 365 days;

    // The product every test starts from.
    uint256 internal constant PRICE = 1e12; // tokens (18 decimals) per second
    uint256 internal constant PRODUCT_MIN = 1 hours;
    uint256 internal constant PRODUCT_MAX = 30 days;
    uint256 internal constant DURATION = 10 days;
    uint256 internal constant COST = PRICE * DURATION;
    bytes32 internal constant CONSENT = keccak256("consent manifest v1");
    bytes32 internal constant CONSENT_V2 = keccak256("consent manifest v2");

    // MockDisputeModule bond: the larger of 1 token and 10% of the value at stake.
    uint256 internal constant MIN_BOND = 1e18;
    uint256 internal constant BOND_SHARE_BPS = 1_000;

    LeaseAgreement internal leases;
    MockDisputeModule internal disputes;

    address internal earner;
    address internal lessee;
    address internal treasury;

    /// @dev The product listed in setUp.
    uint256 internal productId;

    function setUp() public virtual override {
        super.setUp();
        earner = makeAddr("Earner");
        lessee = makeAddr("Lessee");
        treasury = makeAddr("Treasury");

        disputes = new MockDisputeModule(IERC20(address(token)), MIN_BOND, BOND_SHARE_BPS);
        leases = _deploy(IERC20(address(token)), FEE_BPS);
        vm.prank(address(timelock));
        systemPause.addModule(address(leases));

        token.mint(lessee, Defaults.MINT_AMOUNT);
        vm.startPrank(lessee);
        token.approve(address(leases), type(uint256).max);
        token.approve(address(disputes), type(uint256).max);
        vm.stopPrank();

        productId = _list(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);

        vm.label(address(leases), "LeaseAgreement");
        vm.label(address(disputes), "MockDisputeModule");
    }

    /// @dev A lease module paid in `paymentToken`; a token other than the suite's gets its own mock
    /// DisputeModule, since the constructor refuses a DisputeModule bonding in another token.
    function _deploy(IERC20 paymentToken, uint256 feeBps) internal returns (LeaseAgreement) {
        IDisputeModule bonds = IDisputeModule(address(disputes));
        if (address(paymentToken) != address(token) && address(paymentToken) != address(0))
            bonds = IDisputeModule(
                address(new MockDisputeModule(paymentToken, MIN_BOND, BOND_SHARE_BPS))
            );
        return
            new LeaseAgreement(
                address(timelock),
                address(systemPause),
                paymentToken,
                bonds,
                treasury,
                feeBps,
                WINDOW,
                MIN_LEASE,
                MAX_LEASE
            );
    }

    // ---------------------------------------------------------------- actions

    function _list(
        uint256 price,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) internal returns (uint256) {
        vm.prank(earner);
        return leases.listProduct(price, minDuration, maxDuration, consentHash);
    }

    function _open(uint256 duration) internal returns (uint256) {
        return _openOf(productId, duration, CONSENT);
    }

    function _openOf(uint256 id, uint256 duration, bytes32 consent) internal returns (uint256) {
        vm.prank(lessee);
        return leases.openLease(id, earner, duration, consent, type(uint256).max);
    }

    function _revoke(uint256 leaseId) internal {
        vm.prank(earner);
        leases.revokeConsent(leaseId);
    }

    function _dispute(uint256 leaseId) internal returns (uint256) {
        vm.prank(lessee);
        return leases.dispute(leaseId);
    }

    function _setParameter(bytes32 key, uint256 value) internal {
        vm.prank(address(timelock));
        leases.setParameter(key, value);
    }

    /// @dev Warps to the first second at which `leaseId` may be settled.
    function _warpPastWindow(uint256 leaseId) internal {
        vm.warp(leases.disputeWindowClosesAt(leaseId));
    }

    function _warpToEnd(uint256 leaseId) internal {
        vm.warp(leases.lease(leaseId).endsAt);
    }

    // ---------------------------------------------------------------- assertions

    /// @dev The module holds exactly the escrow of its leases and the credits of the parties: nothing
    /// more, nothing less.
    function _assertBooks() internal view {
        uint256 sum = leases.creditOf(lessee) + leases.creditOf(earner) + leases.creditOf(treasury);
        for (uint256 id = 1; id <= leases.leaseCount(); ++id) sum += leases.lease(id).escrow;
        assertEq(token.balanceOf(address(leases)), sum, "balance != escrows + credits");
    }

    /// @dev What `account` holds once it has claimed its credit, as a party would (pull payments):
    /// settlements credit, and only `claim` moves tokens out.
    function _wallet(address account) internal returns (uint256) {
        if (leases.creditOf(account) != 0 && !leases.paused()) leases.claim(account);
        return token.balanceOf(account);
    }

    /// @dev A stranger triggers every party's claim (no party has to act), and then the module holds
    /// nothing.
    function _assertEmptyOnceClaimed() internal {
        address[3] memory parties = [lessee, earner, treasury];
        for (uint256 i; i < parties.length; ++i) {
            if (leases.creditOf(parties[i]) == 0) continue;
            vm.prank(makeAddr("Stranger"));
            leases.claim(parties[i]);
        }
        assertEq(token.balanceOf(address(leases)), 0, "module holds tokens once every claim ran");
    }

    function _assertStatus(uint256 leaseId, ILeaseAgreement.LeaseStatus status) internal view {
        assertEq(uint8(leases.lease(leaseId).status), uint8(status), "status");
    }

    function _fee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps) / 10_000;
    }
}
