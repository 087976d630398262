// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";
import {InvariantBase} from "../base/InvariantBase.sol";
import {ReputationHandler} from "../handlers/ReputationHandler.sol";

/// @title ReputationProperties
/// @notice The ReputationEngine properties (RE-xx in invariants/PROPERTIES.md) as read-only checks on
/// the engine and the handler's ghost state. Every assertion message starts with the property id.
abstract contract ReputationProperties is InvariantBase {
    uint256 internal constant HALF_LIFE = 30 days;
    uint256 internal constant SCORE_CAP = 1_000e18;

    ReputationEngine internal reputation;
    ReputationHandler internal reputationHandler;

    /// @dev Deploys the smaller system, then the engine alone with stand-in modules (moduleA and moduleB
    /// authorised, moduleC not), owned by the timelock and paused by SystemPause. Unlike the whole
    /// system (SystemDeployer), where SystemPause registers every module from its constructor, this
    /// engine comes after SystemPause, so governance registers it.
    function _setUpReputationHandler() internal {
        _deploySystem();
        address[] memory authorised = new address[](2);
        authorised[0] = moduleA;
        authorised[1] = moduleB;
        reputation = new ReputationEngine(
            address(timelock),
            address(systemPause),
            HALF_LIFE,
            SCORE_CAP,
            authorised
        );
        vm.prank(address(timelock));
        systemPause.addModule(address(reputation));
        reputationHandler = new ReputationHandler(
            reputation,
            timelock,
            governanceSafe,
            authorised,
            moduleC
        );
    }

    /// @dev Weighted so that most calls change scores and time passes between them.
    function _reputationHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        ReputationHandler h;
        bytes4[10] memory weighted = [
            h.increase.selector,
            h.increase.selector,
            h.increase.selector,
            h.decrease.selector,
            h.decrease.selector,
            h.warp.selector,
            h.warp.selector,
            h.governance_setHalfLife.selector,
            h.governance_setScoreCap.selector,
            h.governance_setModuleAuthorisation.selector
        ];
        selectors = new bytes4[](weighted.length);
        for (uint256 i; i < weighted.length; ++i) {
            selectors[i] = weighted[i];
        }
    }

    function _checkReputation() internal view {
        check_RE01_scoreWithinCap();
        check_RE02_saturatingChanges();
        check_RE03_noGrowthWithoutIncrease();
        check_RE04_decayMonotone();
        check_RE05_modulesNeverRevert();
        check_RE06_onlyAuthorisedModules();
    }

    /// RE-01: every read score is at most the cap in force, every stored score at most the cap in force
    /// when it was stored, and the parameters are what governance set, within their bounds.
    function check_RE01_scoreWithinCap() public view {
        _eq(
            reputation.scoreCap(),
            reputationHandler.ghost_scoreCap(),
            "RE-01 cap is not governance's"
        );
        _eq(
            reputation.halfLife(),
            reputationHandler.ghost_halfLife(),
            "RE-01 half-life is not governance's"
        );
        _eq(
            reputationHandler.ghost_boundsMismatches(),
            0,
            "RE-01 a parameter change ignored its bounds"
        );
        uint256 cap = reputation.scoreCap();
        address[] memory accounts = reputationHandler.actors();
        for (uint256 i; i < accounts.length; ++i) {
            _le(reputation.scoreOf(accounts[i]), cap, "RE-01 score read above the cap");
            _le(
                reputation.recordOf(accounts[i]).score,
                reputationHandler.ghost_capWhenStored(accounts[i]),
                "RE-01 stored score above the cap it was stored under"
            );
        }
    }

    /// RE-02: increase stores min(score + points, cap), decrease max(score - points, 0); a decrease
    /// never leaves more than before.
    function check_RE02_saturatingChanges() public view {
        _eq(reputationHandler.ghost_decreasesThatRaised(), 0, "RE-02 a decrease raised a score");
        _eq(
            reputationHandler.ghost_inexactChanges(),
            0,
            "RE-02 a change was not saturating arithmetic"
        );
    }

    /// RE-03: no score grows without an authorised increase (or a governance change of HALF_LIFE or
    /// SCORE_CAP, documented as retroactive): reads between them never rise as time passes.
    function check_RE03_noGrowthWithoutIncrease() public view {
        _eq(
            reputationHandler.ghost_unexplainedGrowths(),
            0,
            "RE-03 a score rose without an increase"
        );
        address[] memory accounts = reputationHandler.actors();
        for (uint256 i; i < accounts.length; ++i) {
            _le(
                reputation.scoreOf(accounts[i]),
                reputationHandler.ghost_lastScore(accounts[i]),
                "RE-03 score above its last read with no increase since"
            );
        }
    }

    /// RE-04: the decay factor is 1 at no elapsed time, never above 1, non-increasing in the time
    /// elapsed (sampled from a second to past uint64), and halves a score in one half-life.
    function check_RE04_decayMonotone() public view {
        uint256 h = reputation.halfLife();
        uint256[9] memory elapsed = [
            uint256(0),
            1,
            h / 2,
            h,
            2 * h,
            10 * h,
            100 * h,
            uint256(type(uint64).max),
            type(uint256).max
        ];
        _eq(reputation.decayFactor(0), 1e18, "RE-04 no elapsed time must leave a score whole");
        uint256 previous = 1e18;
        for (uint256 i; i < elapsed.length; ++i) {
            uint256 factor = reputation.decayFactor(elapsed[i]);
            _le(factor, previous, "RE-04 decay factor rose with more elapsed time");
            previous = factor;
        }
        uint256 half = reputation.decayFactor(h);
        _true(half >= 0.5e18 - 1e9 && half <= 0.5e18 + 1e9, "RE-04 one half-life does not halve");
    }

    /// RE-05: increase and decrease by an authorised module never revert, whatever the account and
    /// the points (bounded, zero, and unbounded up to type(uint256).max are tried).
    function check_RE05_modulesNeverRevert() public view {
        _eq(reputationHandler.ghost_authorisedReverts(), 0, "RE-05 an authorised change reverted");
    }

    /// RE-06: only modules governance authorised change scores (the outsider and revoked modules are
    /// tried), and the module list is what governance set.
    function check_RE06_onlyAuthorisedModules() public view {
        _eq(
            reputationHandler.ghost_unauthorisedChanges(),
            0,
            "RE-06 an unauthorised module changed a score"
        );
        _eq(
            reputationHandler.ghost_wrongRefusals(),
            0,
            "RE-06 an unauthorised module was refused for another reason than NotAuthorised"
        );
        address[] memory modules = reputationHandler.modules();
        for (uint256 i; i < modules.length; ++i) {
            _eq(
                reputation.isAuthorisedModule(modules[i]),
                reputationHandler.ghost_authorised(modules[i]),
                "RE-06 module authorisation differs from governance's"
            );
        }
    }
}
