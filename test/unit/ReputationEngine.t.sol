// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IModuleAuthorisation} from "../../contracts/interfaces/IModuleAuthorisation.sol";
import {IReputationEngine} from "../../contracts/interfaces/IReputationEngine.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";

/// Unit tests of ReputationEngine: raising, lowering, lazy decay, the cap, access and pause rules,
/// and the worked example of docs/reputation.md (its figures are asserted here).
contract ReputationEngineTest is Test {
    uint256 internal constant HALF_LIFE = 30 days;
    uint256 internal constant CAP = 1_000e18;
    uint256 internal constant T0 = 1_700_000_000;

    ReputationEngine internal engine;
    address internal governance = makeAddr("timelock");
    address internal pauser = makeAddr("systemPause");
    address internal module = makeAddr("jobRegistry");
    address internal agent = makeAddr("agent");
    address internal stranger = makeAddr("stranger");

    function setUp() public {
        vm.warp(T0);
        address[] memory modules = new address[](1);
        modules[0] = module;
        engine = new ReputationEngine(governance, pauser, HALF_LIFE, CAP, modules);
    }

    // ------------------------------------------------------------ construction

    function test_Constructor_SetsParametersAndModules() public view {
        assertEq(engine.halfLife(), HALF_LIFE);
        assertEq(engine.scoreCap(), CAP);
        assertTrue(engine.isAuthorisedModule(module));
        assertEq(engine.owner(), governance);
        assertEq(engine.pauser(), pauser);
        bytes32[] memory keys = engine.parameterKeys();
        assertEq(keys.length, 2);
        assertEq(keys[0], engine.HALF_LIFE());
        assertEq(keys[1], engine.SCORE_CAP());
    }

    function test_RevertWhen_ConstructedWithHalfLifeOutOfBounds() public {
        bytes32 key = keccak256("HALF_LIFE");
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                key,
                1 hours - 1,
                1 hours,
                3650 days
            )
        );
        new ReputationEngine(governance, pauser, 1 hours - 1, CAP, new address[](0));
    }

    function test_RevertWhen_ConstructedWithZeroModule() public {
        vm.expectRevert(IModuleAuthorisation.ModuleAuthorisation_ZeroAddress.selector);
        new ReputationEngine(governance, pauser, HALF_LIFE, CAP, new address[](1));
    }

    // ------------------------------------------------------------ raising and lowering

    function test_Increase_AddsPointsAndEmits() public {
        vm.expectEmit(address(engine));
        emit IReputationEngine.ReputationIncreased(module, agent, 100e18, 100e18);
        vm.prank(module);
        uint256 score = engine.increase(agent, 100e18);
        assertEq(score, 100e18);
        assertEq(engine.scoreOf(agent), 100e18);
        IReputationEngine.Record memory record = engine.recordOf(agent);
        assertEq(record.score, 100e18);
        assertEq(record.updatedAt, T0);
    }

    function test_Increase_SaturatesAtCap() public {
        vm.startPrank(module);
        engine.increase(agent, 900e18);
        assertEq(engine.increase(agent, 200e18), CAP);
        assertEq(engine.increase(agent, type(uint256).max), CAP);
        vm.stopPrank();
        assertEq(engine.scoreOf(agent), CAP);
    }

    function test_Decrease_SubtractsAndEmits() public {
        vm.startPrank(module);
        engine.increase(agent, 100e18);
        vm.expectEmit(address(engine));
        emit IReputationEngine.ReputationDecreased(module, agent, 30e18, 70e18);
        assertEq(engine.decrease(agent, 30e18), 70e18);
        vm.stopPrank();
    }

    function test_Decrease_SaturatesAtZero() public {
        vm.startPrank(module);
        engine.increase(agent, 10e18);
        assertEq(engine.decrease(agent, 11e18), 0);
        assertEq(engine.decrease(agent, type(uint256).max), 0);
        assertEq(engine.decrease(stranger, 1), 0); // never scored: still no revert
        vm.stopPrank();
    }

    function testFuzz_IncreaseAndDecrease_NeverRevertAndStayInRange(
        uint256 up,
        uint256 down,
        uint32 elapsed
    ) public {
        vm.startPrank(module);
        uint256 afterUp = engine.increase(agent, up);
        assertLe(afterUp, CAP);
        vm.warp(block.timestamp + elapsed);
        uint256 before = engine.scoreOf(agent);
        uint256 afterDown = engine.decrease(agent, down);
        vm.stopPrank();
        assertLe(afterDown, before);
        assertEq(afterDown, down >= before ? 0 : before - down);
    }

    // ------------------------------------------------------------ decay

    function test_Decay_HalvesEachHalfLife() public {
        vm.prank(module);
        engine.increase(agent, 100e18);
        vm.warp(T0 + HALF_LIFE);
        assertApproxEqRel(engine.scoreOf(agent), 50e18, 1e3); // within 1e-15 relative
        vm.warp(T0 + 2 * HALF_LIFE);
        assertApproxEqRel(engine.scoreOf(agent), 25e18, 1e3);
    }

    function test_Decay_ReachesZeroAfterManyHalfLives() public {
        vm.prank(module);
        engine.increase(agent, CAP);
        vm.warp(T0 + 100 * HALF_LIFE);
        assertEq(engine.scoreOf(agent), 0);
        assertEq(engine.decayFactor(type(uint256).max), 0);
        assertEq(engine.decayFactor(type(uint256).max / 693_147_180_559_945_309 - 1), 0);
    }

    function test_DecayFactor_IsOneForNoTime() public view {
        assertEq(engine.decayFactor(0), 1e18);
    }

    function testFuzz_DecayFactor_NeverIncreases(uint256 elapsed, uint256 step) public view {
        elapsed = bound(elapsed, 0, 200 * HALF_LIFE);
        step = bound(step, 1, 10 * HALF_LIFE);
        uint256 earlier = engine.decayFactor(elapsed);
        assertLe(earlier, 1e18);
        assertLe(engine.decayFactor(elapsed + step), earlier);
    }

    function testFuzz_Score_NeverGrowsWithoutAnIncrease(
        uint256 points,
        uint32 first,
        uint32 second
    ) public {
        vm.prank(module);
        engine.increase(agent, bound(points, 0, CAP));
        vm.warp(block.timestamp + first);
        uint256 earlier = engine.scoreOf(agent);
        vm.warp(block.timestamp + second);
        assertLe(engine.scoreOf(agent), earlier);
    }

    function test_Decay_AtExtremeHalfLives() public {
        vm.startPrank(governance);
        engine.setParameter(engine.HALF_LIFE(), 1 hours);
        vm.stopPrank();
        vm.prank(module);
        engine.increase(agent, CAP);
        vm.warp(T0 + 60 hours); // 60 half-lives: 1000 * 2^-60 points is below 1e-15 points
        assertLt(engine.scoreOf(agent), 1e3);

        vm.startPrank(governance);
        engine.setParameter(engine.HALF_LIFE(), 3650 days);
        vm.stopPrank();
        vm.prank(module);
        engine.increase(stranger, CAP);
        vm.warp(block.timestamp + 365 days); // a tenth of a half-life: about 93.3% remains
        assertApproxEqRel(engine.scoreOf(stranger), 933_032_991_536_807_415_000, 1e6);
    }

    function test_ScoreOf_IsCappedWhenGovernanceLowersTheCap() public {
        vm.prank(module);
        engine.increase(agent, 800e18);
        bytes32 cap = engine.SCORE_CAP();
        vm.prank(governance);
        engine.setParameter(cap, 500e18);
        assertEq(engine.scoreOf(agent), 500e18);
        vm.prank(module);
        assertEq(engine.increase(agent, 1e18), 500e18);
    }

    /// The worked example of docs/reputation.md, step by step, with the exact on-chain figures the
    /// document quotes (and how close each is to the real-number result).
    function test_WorkedExample() public {
        // Day 0: an agent finishes a job and gains 100 points.
        vm.prank(module);
        engine.increase(agent, 100e18);
        // Day 45: one and a half half-lives later, 100 * 2^-1.5 = 35.35533905932737622... points remain.
        vm.warp(T0 + 45 days);
        assertEq(engine.decayFactor(45 days), 353_553_390_593_273_762);
        assertEq(engine.scoreOf(agent), 35_355_339_059_327_376_200);
        assertApproxEqAbs(engine.scoreOf(agent), 35_355_339_059_327_376_220, 100);
        // A rejected job costs 20 points, taken from the decayed score, which is stored with the time.
        vm.prank(module);
        assertEq(engine.decrease(agent, 20e18), 15_355_339_059_327_376_200);
        // Day 75: one more half-life halves what was stored on day 45.
        vm.warp(T0 + 75 days);
        assertEq(engine.decayFactor(30 days), 0.5e18);
        assertEq(engine.scoreOf(agent), 7_677_669_529_663_688_100);
    }

    // ------------------------------------------------------------ access and pause

    function test_RevertWhen_IncreaseByUnauthorisedModule() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                stranger
            )
        );
        vm.prank(stranger);
        engine.increase(agent, 1);
    }

    function test_RevertWhen_DecreaseByUnauthorisedModule() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                stranger
            )
        );
        vm.prank(stranger);
        engine.decrease(agent, 1);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(pauser);
        engine.pause();
        vm.startPrank(module);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        engine.increase(agent, 1);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        engine.decrease(agent, 1);
        vm.stopPrank();
    }

    function test_SetModuleAuthorisation_ByOwner() public {
        vm.expectEmit(address(engine));
        emit IModuleAuthorisation.ModuleAuthorisationUpdated(module, false);
        vm.prank(governance);
        engine.setModuleAuthorisation(module, false);
        assertFalse(engine.isAuthorisedModule(module));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                module
            )
        );
        vm.prank(module);
        engine.increase(agent, 1);
    }

    function test_RevertWhen_SetModuleAuthorisationByStranger() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger)
        );
        vm.prank(stranger);
        engine.setModuleAuthorisation(stranger, true);
    }

    function test_RevertWhen_SetModuleAuthorisationForZero() public {
        vm.expectRevert(IModuleAuthorisation.ModuleAuthorisation_ZeroAddress.selector);
        vm.prank(governance);
        engine.setModuleAuthorisation(address(0), true);
    }

    function test_ParameterBounds_AtTheEdges() public {
        bytes32 cap = engine.SCORE_CAP();
        vm.startPrank(governance);
        engine.setParameter(cap, 1e18);
        engine.setParameter(cap, 1e30);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                cap,
                1e18 - 1,
                1e18,
                1e30
            )
        );
        engine.setParameter(cap, 1e18 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                cap,
                1e30 + 1,
                1e18,
                1e30
            )
        );
        engine.setParameter(cap, 1e30 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_UnknownParameter.selector,
                bytes32("nope")
            )
        );
        engine.setParameter(bytes32("nope"), 1);
        vm.stopPrank();
    }
}
