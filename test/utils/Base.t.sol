// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";
import {MockModule} from "../../contracts/mocks/MockModule.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {FeeOnTransferToken} from "../../contracts/mocks/FeeOnTransferToken.sol";

import {Defaults} from "./Defaults.sol";
import {SystemDeployer} from "./SystemDeployer.sol";

/// @title Base_Test
/// @notice Deploys Mandate as it is deployed for real, through SystemDeployer: a MandateTimelock whose
/// proposer and executor is the owners' Safe, every module owned by the timelock with SystemPause as
/// pauser, a guardian Safe, and stakers holding approved test tokens. Unit tests inherit it and add
/// their own cases.
abstract contract Base_Test is Test {
    // ---------------------------------------------------------------- actors

    /// @dev Stands for the owners' Safe: the timelock's only proposer, canceller and executor.
    address internal ownersSafe;
    /// @dev Stands for the guardian Safe: may call `pauseAll`.
    address internal guardian;
    /// @dev Stakers.
    address internal alice;
    address internal bob;
    /// @dev Someone with no role anywhere.
    address internal eve;
    /// @dev Receives slashed and recovered tokens.
    address internal recipient;
    /// @dev A module authorised on StakeManager from the first block (e.g. the job registry).
    address internal jobModule;
    /// @dev A second authorised module, to show a module touches only its own locks.
    address internal disputeModule;

    // ---------------------------------------------------------------- system

    MandateTestToken internal token;
    MandateTimelock internal timelock;
    StakeManager internal stakeManager;
    MockModule internal moduleA;
    MockModule internal moduleB;
    SystemPause internal systemPause;

    uint256 private _saltNonce;

    function setUp() public virtual {
        ownersSafe = makeAddr("OwnersSafe");
        guardian = makeAddr("GuardianSafe");
        alice = makeAddr("Alice");
        bob = makeAddr("Bob");
        eve = makeAddr("Eve");
        recipient = makeAddr("Recipient");
        jobModule = makeAddr("JobModule");
        disputeModule = makeAddr("DisputeModule");

        token = new MandateTestToken();
        _deploySystem();

        _fund(alice);
        _fund(bob);

        vm.label(address(token), "MandateTestToken");
        vm.label(address(timelock), "MandateTimelock");
        vm.label(address(stakeManager), "StakeManager");
        vm.label(address(systemPause), "SystemPause");
    }

    // ---------------------------------------------------------------- deployment

    /// @dev The unit tests' system, deployed by SystemDeployer as the plan deploys one: the timelock,
    /// StakeManager (authorising the stand-ins `jobModule` and `disputeModule`), MockModules A and B,
    /// then SystemPause registering the three. Market_Test deploys the real modules instead.
    function _deploySystem() internal virtual {
        SystemDeployer.Module[] memory list = new SystemDeployer.Module[](Defaults.MODULE_COUNT);
        list[0] = SystemDeployer.Module(
            "StakeManager",
            type(StakeManager).creationCode,
            _stakeManagerArgs
        );
        list[1] = SystemDeployer.Module("ModuleA", type(MockModule).creationCode, _mockModuleArgs);
        list[2] = SystemDeployer.Module("ModuleB", type(MockModule).creationCode, _mockModuleArgs);
        SystemDeployer.Deployment memory deployment = SystemDeployer.deploy(
            _deploymentConfig(address(0), address(0)),
            list
        );
        timelock = deployment.timelock;
        stakeManager = StakeManager(deployment.modules[0]);
        moduleA = MockModule(deployment.modules[1]);
        moduleB = MockModule(deployment.modules[2]);
        systemPause = deployment.systemPause;
        vm.label(address(moduleA), "ModuleA");
        vm.label(address(moduleB), "ModuleB");
    }

    /// @dev The owners' Safe, one guardian, the test token and the defaults of Defaults.sol.
    function _deploymentConfig(
        address treasury_,
        address arbitrator_
    ) internal view returns (SystemDeployer.Config memory) {
        return
            SystemDeployer.testConfig(
                IERC20(address(token)),
                ownersSafe,
                guardian,
                treasury_,
                arbitrator_
            );
    }

    function _stakeManagerArgs(
        SystemDeployer.Context memory c
    ) internal view returns (bytes memory) {
        address[] memory lockers = new address[](2);
        lockers[0] = jobModule;
        lockers[1] = disputeModule;
        return SystemDeployer.stakeManagerArgs(c, lockers);
    }

    function _mockModuleArgs(SystemDeployer.Context memory c) internal pure returns (bytes memory) {
        return abi.encode(c.timelock, c.systemPause, Defaults.FEE, Defaults.WINDOW);
    }

    // ---------------------------------------------------------------- timelock helpers

    /// @dev Runs `target.call(data)` as governance does: the owners' Safe schedules it, time passes the
    /// minimum delay, the Safe executes it.
    function _executeViaTimelock(address target, bytes memory data) internal {
        _executeScheduled(target, data, _scheduleViaTimelock(target, data));
    }

    /// @dev Executes an operation scheduled by `_scheduleViaTimelock` (lets a test set up `vm.expectEmit`
    /// or `vm.expectRevert` between the two steps).
    function _executeScheduled(address target, bytes memory data, bytes32 salt) internal {
        vm.prank(ownersSafe);
        timelock.execute(target, 0, data, bytes32(0), salt);
    }

    /// @dev As `_executeViaTimelock`, expecting the call (hence the execution) to revert with `revertData`.
    function _executeViaTimelockExpectRevert(
        address target,
        bytes memory data,
        bytes memory revertData
    ) internal {
        bytes32 salt = _scheduleViaTimelock(target, data);
        vm.expectRevert(revertData);
        vm.prank(ownersSafe);
        timelock.execute(target, 0, data, bytes32(0), salt);
    }

    /// @dev Schedules `target.call(data)` with a fresh salt and warps until it is ready; returns the salt.
    function _scheduleViaTimelock(
        address target,
        bytes memory data
    ) internal returns (bytes32 salt) {
        salt = bytes32(++_saltNonce);
        uint256 delay = timelock.getMinDelay();
        vm.prank(ownersSafe);
        timelock.schedule(target, 0, data, bytes32(0), salt, delay);
        vm.warp(block.timestamp + delay);
    }

    // ---------------------------------------------------------------- parameters

    /// @dev `module` reports exactly [min, max] for `key`, and governance can set both edges.
    function _assertParameterEdges(
        IMandateModule module,
        bytes32 key,
        uint256 min,
        uint256 max
    ) internal {
        (uint256 lo, uint256 hi) = module.parameterBounds(key);
        assertEq(lo, min, "min");
        assertEq(hi, max, "max");
        vm.startPrank(address(timelock));
        module.setParameter(key, min);
        assertEq(module.parameter(key), min);
        module.setParameter(key, max);
        assertEq(module.parameter(key), max);
        vm.stopPrank();
    }

    /// @dev Governance's `setParameter(key, value)` on `module` is refused with the key, the value
    /// and both bounds.
    function _expectParameterOutOfBounds(
        IMandateModule module,
        bytes32 key,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                key,
                value,
                min,
                max
            )
        );
        vm.prank(address(timelock));
        module.setParameter(key, value);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Mints `Defaults.MINT_AMOUNT` to `account` and approves StakeManager for all of it.
    function _fund(address account) internal {
        token.mint(account, Defaults.MINT_AMOUNT);
        vm.prank(account);
        token.approve(address(stakeManager), type(uint256).max);
    }

    function _deposit(address account, uint256 amount) internal {
        vm.prank(account);
        stakeManager.deposit(amount);
    }

    /// @dev Pauses everything the way an incident does: the guardian calls `pauseAll`.
    function _pauseAll() internal {
        vm.prank(guardian);
        systemPause.pauseAll();
    }

    function _modules() internal view returns (address[] memory list) {
        list = new address[](Defaults.MODULE_COUNT);
        list[0] = address(stakeManager);
        list[1] = address(moduleA);
        list[2] = address(moduleB);
    }

    function _one(address account) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }
}
