// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";
import {ReputationProperties} from "../properties/ReputationProperties.sol";

/// @title ReputationEngineMutations
/// @notice Must-fail tests: each breaks one RE property on purpose (a record corrupted with vm.store,
/// the engine's answers replaced with vm.mockCall) and shows that property's check reports its id.
/// @dev Slots from `npm run forge -- inspect ReputationEngine storageLayout`: _authorised 4, _records 5 (a
/// record packs the score in the low 192 bits and updatedAt above). Each test first checks the slot
/// holds what the getter says, so a layout change fails loudly instead of corrupting the wrong word.
contract ReputationEngineMutations is ReputationProperties {
    uint256 internal constant SLOT_AUTHORISED = 4;
    uint256 internal constant SLOT_RECORDS = 5;

    address internal account1;
    address internal account2;

    function setUp() public {
        _setUpReputationHandler();
        account1 = reputationHandler.actors()[1];
        account2 = reputationHandler.actors()[2];
        // A small history: two raises by the authorised modules, a day of decay, a cut.
        reputationHandler.increase(0, 1, 100e18, false);
        reputationHandler.increase(1, 2, 50e18, false);
        reputationHandler.warp(1 days);
        reputationHandler.decrease(0, 2, 10e18, false);
        assertGt(reputation.scoreOf(account1), 90e18, "setup: account1 raised");
    }

    function test_allPropertiesHoldBeforeBreaking() public view {
        _checkReputation();
    }

    function test_RE01_caughtWhenRecordStoredAboveTheCap() public {
        _storeScore(account1, SCORE_CAP + 1);
        _assertViolated("RE-01", this.check_RE01_scoreWithinCap);
    }

    function test_RE02_caughtWhenDecreaseLeavesTheScore() public {
        // The engine answers as if it had cut, but stores nothing: the read after is not before - points.
        vm.mockCall(
            address(reputation),
            abi.encodeWithSelector(ReputationEngine.decrease.selector),
            abi.encode(uint256(0))
        );
        reputationHandler.decrease(0, 1, 5e18, false);
        _assertViolated("RE-02", this.check_RE02_saturatingChanges);
    }

    function test_RE03_caughtWhenScoreGrowsWithoutIncrease() public {
        _storeScore(account2, reputation.recordOf(account2).score + 1e18);
        _assertViolated("RE-03", this.check_RE03_noGrowthWithoutIncrease);
    }

    function test_RE04_caughtWhenDecayFactorRises() public {
        uint256 h = reputation.halfLife();
        vm.mockCall(
            address(reputation),
            abi.encodeCall(ReputationEngine.decayFactor, (h)),
            abi.encode(uint256(1e18))
        );
        _assertViolated("RE-04", this.check_RE04_decayMonotone);
    }

    function test_RE05_caughtWhenAuthorisedIncreaseReverts() public {
        vm.mockCallRevert(
            address(reputation),
            abi.encodeWithSelector(ReputationEngine.increase.selector),
            "broken"
        );
        reputationHandler.increase(0, 1, type(uint256).max, true); // moduleA, authorised
        _assertViolated("RE-05", this.check_RE05_modulesNeverRevert);
    }

    function test_RE06_caughtWhenUnauthorisedModuleChangesAScore() public {
        bytes32 slot = keccak256(abi.encode(moduleC, SLOT_AUTHORISED));
        assertEq(uint256(vm.load(address(reputation), slot)), 0, "layout: authorised");
        vm.store(address(reputation), slot, bytes32(uint256(1)));
        reputationHandler.increase(2, 1, 1e18, false); // seed 2: moduleC, never authorised
        _assertViolated("RE-06", this.check_RE06_onlyAuthorisedModules);
    }

    /// @dev Rewrites an account's stored score, keeping its updatedAt.
    function _storeScore(address account, uint256 score) internal {
        bytes32 slot = keccak256(abi.encode(account, SLOT_RECORDS));
        uint256 word = uint256(vm.load(address(reputation), slot));
        assertEq(uint192(word), reputation.recordOf(account).score, "layout: record score");
        assertEq(word >> 192, reputation.recordOf(account).updatedAt, "layout: record time");
        vm.store(address(reputation), slot, bytes32(((word >> 192) << 192) | score));
    }
}
