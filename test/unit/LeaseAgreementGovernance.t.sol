// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ITreasuryFee} from "../../contracts/interfaces/ITreasuryFee.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {MockDisputeModule} from "../../contracts/mocks/MockDisputeModule.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Governance_Unit_Test
/// @notice Construction, the parameter table and its bounds at the edges, the treasury, and that a
/// parameter change never alters a running lease.
contract LeaseAgreement_Governance_Unit_Test is LeaseAgreement_Unit_Shared {
    // ---------------------------------------------------------------- constructor

    function test_Constructor_SetsWiringAndParameters() public view {
        assertEq(leases.owner(), address(timelock));
        assertEq(leases.pauser(), address(systemPause));
        assertEq(address(leases.token()), address(token));
        assertEq(address(leases.disputeModule()), address(disputes));
        assertEq(leases.treasury(), treasury);
        assertEq(leases.protocolFeeBps(), FEE_BPS);
        assertEq(leases.disputeWindow(), WINDOW);
        assertEq(leases.parameter(leases.PROTOCOL_FEE_BPS()), FEE_BPS);
        assertEq(leases.parameter(leases.DISPUTE_WINDOW()), WINDOW);
        assertEq(leases.parameter(leases.MIN_LEASE_DURATION()), MIN_LEASE);
        assertEq(leases.parameter(leases.MAX_LEASE_DURATION()), MAX_LEASE);
        assertEq(leases.productCount(), 1);
        assertEq(leases.leaseCount(), 0);
    }

    function test_Constructor_EmitsEveryInitialValue() public {
        vm.expectEmit();
        emit IMandateModule.PauserUpdated(address(0), address(systemPause));
        vm.expectEmit();
        emit ITreasuryFee.TreasuryUpdated(address(0), treasury);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(keccak256("PROTOCOL_FEE_BPS"), 0, FEE_BPS);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(keccak256("DISPUTE_WINDOW"), 0, WINDOW);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(keccak256("MIN_LEASE_DURATION"), 0, MIN_LEASE);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(keccak256("MAX_LEASE_DURATION"), 0, MAX_LEASE);
        _deploy(IERC20(address(token)), FEE_BPS);
    }

    function test_RevertWhen_ConstructedWithZeroToken() public {
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroAddress.selector);
        _deploy(IERC20(address(0)), FEE_BPS);
    }

    function test_RevertWhen_ConstructedWithADisputeModuleBondingInAnotherToken() public {
        MandateTestToken other = new MandateTestToken();
        MockDisputeModule otherBonds = new MockDisputeModule(IERC20(address(other)), 1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DisputeTokenMismatch.selector,
                address(other),
                address(token)
            )
        );
        new LeaseAgreement(
            address(timelock),
            address(systemPause),
            IERC20(address(token)),
            IDisputeModule(address(otherBonds)),
            treasury,
            FEE_BPS,
            WINDOW,
            MIN_LEASE,
            MAX_LEASE
        );
    }

    function test_RevertWhen_ConstructedWithZeroDisputeModule() public {
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroAddress.selector);
        new LeaseAgreement(
            address(timelock),
            address(systemPause),
            IERC20(address(token)),
            IDisputeModule(address(0)),
            treasury,
            FEE_BPS,
            WINDOW,
            MIN_LEASE,
            MAX_LEASE
        );
    }

    function test_RevertWhen_ConstructedWithZeroTreasury() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        new LeaseAgreement(
            address(timelock),
            address(systemPause),
            IERC20(address(token)),
            IDisputeModule(address(disputes)),
            address(0),
            FEE_BPS,
            WINDOW,
            MIN_LEASE,
            MAX_LEASE
        );
    }

    function test_RevertWhen_ConstructedWithFeeAboveBound() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                keccak256("PROTOCOL_FEE_BPS"),
                1_001,
                0,
                1_000
            )
        );
        _deploy(IERC20(address(token)), 1_001);
    }

    // ---------------------------------------------------------------- parameter table

    function test_ParameterKeys_ListsAllFour() public view {
        bytes32[] memory keys = leases.parameterKeys();
        assertEq(keys.length, 4);
        assertEq(keys[0], keccak256("PROTOCOL_FEE_BPS"));
        assertEq(keys[1], keccak256("DISPUTE_WINDOW"));
        assertEq(keys[2], keccak256("MIN_LEASE_DURATION"));
        assertEq(keys[3], keccak256("MAX_LEASE_DURATION"));
    }

    function test_ParameterBounds_AreTheDocumentedOnes() public view {
        _assertBounds(leases.PROTOCOL_FEE_BPS(), 0, 1_000);
        _assertBounds(leases.DISPUTE_WINDOW(), 1 hours, 30 days);
        _assertBounds(leases.MIN_LEASE_DURATION(), 1, 1 days);
        _assertBounds(leases.MAX_LEASE_DURATION(), 1 days, 3_650 days);
        assertEq(leases.MAX_PROTOCOL_FEE_BPS(), 1_000);
        assertEq(leases.MIN_DISPUTE_WINDOW(), 1 hours);
        assertEq(leases.MAX_DISPUTE_WINDOW(), 30 days);
        assertEq(leases.MIN_LEASE_DURATION_FLOOR(), 1);
        assertEq(leases.MIN_LEASE_DURATION_CEILING(), 1 days);
        assertEq(leases.MAX_LEASE_DURATION_FLOOR(), 1 days);
        assertEq(leases.MAX_LEASE_DURATION_CEILING(), 3_650 days);
    }

    function test_RevertWhen_UnknownParameter() public {
        bytes32 key = keccak256("UNBONDING_PERIOD");
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, key)
        );
        leases.parameterBounds(key);
    }

    function test_SetParameter_AcceptsEveryBoundAndRefusesOneBeyond() public {
        bytes32[4] memory keys = [
            leases.PROTOCOL_FEE_BPS(),
            leases.DISPUTE_WINDOW(),
            leases.MIN_LEASE_DURATION(),
            leases.MAX_LEASE_DURATION()
        ];
        for (uint256 i; i < keys.length; ++i) {
            (uint256 min, uint256 max) = leases.parameterBounds(keys[i]);
            _setParameter(keys[i], min);
            assertEq(leases.parameter(keys[i]), min);
            _setParameter(keys[i], max);
            assertEq(leases.parameter(keys[i]), max);
            _expectOutOfBounds(keys[i], max + 1, min, max);
            if (min > 0) _expectOutOfBounds(keys[i], min - 1, min, max);
        }
    }

    function test_SetParameter_ThroughTheTimelock() public {
        bytes32 key = leases.DISPUTE_WINDOW();
        bytes memory call = abi.encodeCall(IMandateModule.setParameter, (key, 7 days));
        bytes32 salt = _scheduleViaTimelock(address(leases), call);
        vm.expectEmit(address(leases));
        emit IMandateModule.ParameterUpdated(key, WINDOW, 7 days);
        _executeScheduled(address(leases), call, salt);
        assertEq(leases.disputeWindow(), 7 days);
    }

    function test_RevertWhen_SetParameterNotOwner() public {
        bytes32 key = leases.PROTOCOL_FEE_BPS();
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, earner)
        );
        vm.prank(earner);
        leases.setParameter(key, 0);
    }

    function test_ParameterChange_LeavesRunningLeasesAlone() public {
        uint256 leaseId = _open(DURATION);
        _setParameter(leases.PROTOCOL_FEE_BPS(), 1_000);
        _setParameter(leases.DISPUTE_WINDOW(), 30 days);

        ILeaseAgreement.Lease memory l = leases.lease(leaseId);
        assertEq(l.feeBps, FEE_BPS);
        assertEq(l.disputeWindow, WINDOW);
        vm.warp(block.timestamp + DURATION + WINDOW);
        leases.settle(leaseId);
        assertEq(_wallet(treasury), _fee(COST, FEE_BPS));

        uint256 second = _open(DURATION);
        assertEq(leases.lease(second).feeBps, 1_000);
        assertEq(leases.lease(second).disputeWindow, 30 days);
    }

    // ---------------------------------------------------------------- treasury

    function test_SetTreasury_ReplacesAndEmits() public {
        address next = makeAddr("NextTreasury");
        vm.expectEmit(address(leases));
        emit ITreasuryFee.TreasuryUpdated(treasury, next);
        vm.prank(address(timelock));
        leases.setTreasury(next);
        assertEq(leases.treasury(), next);
    }

    function test_RevertWhen_SetTreasuryZero() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        vm.prank(address(timelock));
        leases.setTreasury(address(0));
    }

    function test_RevertWhen_SetTreasuryNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        leases.setTreasury(eve);
    }

    // ---------------------------------------------------------------- helpers

    function _assertBounds(bytes32 key, uint256 min, uint256 max) private view {
        (uint256 actualMin, uint256 actualMax) = leases.parameterBounds(key);
        assertEq(actualMin, min, "min");
        assertEq(actualMax, max, "max");
    }

    function _expectOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max) private {
        _expectParameterOutOfBounds(leases, key, value, min, max);
    }
}
