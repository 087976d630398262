// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IModuleAuthorisation} from "../../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {StakeManager} from "../../../contracts/staking/StakeManager.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Constructor_Unit_Test
/// @notice Construction: what is set, what is emitted, and every argument refused.
contract StakeManager_Constructor_Unit_Test is StakeManager_Unit_Shared {
    bytes32 internal constant UNBONDING_PERIOD = keccak256("UNBONDING_PERIOD");
    uint256 internal constant MIN = 1 hours;
    uint256 internal constant MAX = 60 days;

    function test_Constructor_SetsState() public view {
        assertEq(address(stakeManager.token()), address(token));
        assertEq(stakeManager.owner(), address(timelock));
        assertEq(stakeManager.pauser(), address(systemPause));
        assertEq(stakeManager.UNBONDING_PERIOD(), UNBONDING_PERIOD);
        assertEq(stakeManager.MIN_UNBONDING_PERIOD(), MIN);
        assertEq(stakeManager.MAX_UNBONDING_PERIOD(), MAX);
        assertEq(stakeManager.unbondingPeriod(), Defaults.UNBONDING_PERIOD);
        assertEq(stakeManager.parameter(UNBONDING_PERIOD), Defaults.UNBONDING_PERIOD);
        assertEq(stakeManager.totalStaked(), 0);
        assertTrue(stakeManager.isAuthorisedModule(jobModule));
        assertTrue(stakeManager.isAuthorisedModule(disputeModule));
        assertFalse(stakeManager.isAuthorisedModule(eve));
        assertFalse(stakeManager.paused());
    }

    function test_Constructor_Emits() public {
        vm.expectEmit();
        emit IMandateModule.PauserUpdated(address(0), address(systemPause));
        // Base constructors run first: the pauser, then the authorised modules, then the parameters.
        vm.expectEmit();
        emit IModuleAuthorisation.ModuleAuthorisationUpdated(jobModule, true);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(UNBONDING_PERIOD, 0, Defaults.UNBONDING_PERIOD);
        _deploy(
            address(timelock),
            address(systemPause),
            address(token),
            Defaults.UNBONDING_PERIOD,
            _one(jobModule)
        );
    }

    function test_ParameterKeys_ListsUnbondingPeriod() public view {
        bytes32[] memory keys = stakeManager.parameterKeys();
        assertEq(keys.length, 1);
        assertEq(keys[0], UNBONDING_PERIOD);
        (uint256 min, uint256 max) = stakeManager.parameterBounds(UNBONDING_PERIOD);
        assertEq(min, MIN);
        assertEq(max, MAX);
    }

    function test_RevertWhen_ParameterBoundsKeyUnknown() public {
        bytes32 unknown = keccak256("FEE");
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, unknown)
        );
        stakeManager.parameterBounds(unknown);
    }

    function test_RevertWhen_ConstructorTokenZero() public {
        vm.expectRevert(IStakeManager.StakeManager_ZeroAddress.selector);
        _deploy(
            address(timelock),
            address(systemPause),
            address(0),
            Defaults.UNBONDING_PERIOD,
            new address[](0)
        );
    }

    function test_RevertWhen_ConstructorOwnerZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        _deploy(
            address(0),
            address(systemPause),
            address(token),
            Defaults.UNBONDING_PERIOD,
            new address[](0)
        );
    }

    function test_RevertWhen_ConstructorPauserZero() public {
        vm.expectRevert(IMandateModule.MandateModule_ZeroAddress.selector);
        _deploy(
            address(timelock),
            address(0),
            address(token),
            Defaults.UNBONDING_PERIOD,
            new address[](0)
        );
    }

    function test_RevertWhen_ConstructorModuleZero() public {
        vm.expectRevert(IModuleAuthorisation.ModuleAuthorisation_ZeroAddress.selector);
        _deploy(
            address(timelock),
            address(systemPause),
            address(token),
            Defaults.UNBONDING_PERIOD,
            _one(address(0))
        );
    }

    function test_RevertWhen_ConstructorUnbondingPeriodBelowMin() public {
        _expectPeriodOutOfBounds(MIN - 1);
        _deploy(address(timelock), address(systemPause), address(token), MIN - 1, new address[](0));
    }

    function test_Constructor_UnbondingPeriodAtMin() public {
        StakeManager sm = _deploy(
            address(timelock),
            address(systemPause),
            address(token),
            MIN,
            new address[](0)
        );
        assertEq(sm.unbondingPeriod(), MIN);
    }

    function test_Constructor_UnbondingPeriodAtMax() public {
        StakeManager sm = _deploy(
            address(timelock),
            address(systemPause),
            address(token),
            MAX,
            new address[](0)
        );
        assertEq(sm.unbondingPeriod(), MAX);
    }

    function test_RevertWhen_ConstructorUnbondingPeriodAboveMax() public {
        _expectPeriodOutOfBounds(MAX + 1);
        _deploy(address(timelock), address(systemPause), address(token), MAX + 1, new address[](0));
    }

    function _expectPeriodOutOfBounds(uint256 value) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                UNBONDING_PERIOD,
                value,
                MIN,
                MAX
            )
        );
    }

    function _deploy(
        address owner_,
        address pauser_,
        address token_,
        uint256 period,
        address[] memory lockers
    ) private returns (StakeManager) {
        return new StakeManager(owner_, pauser_, IERC20(token_), period, lockers);
    }
}
