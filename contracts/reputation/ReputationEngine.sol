// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

import {MandateModule} from "../base/MandateModule.sol";
import {ModuleAuthorisation} from "../base/ModuleAuthorisation.sol";
import {IReputationEngine} from "../interfaces/IReputationEngine.sol";

/// @title ReputationEngine
/// @notice Decaying, capped reputation scores. See {IReputationEngine} and docs/reputation.md.
contract ReputationEngine is IReputationEngine, ModuleAuthorisation {
    /// @inheritdoc IReputationEngine
    bytes32 public constant override HALF_LIFE = keccak256("HALF_LIFE");
    /// @inheritdoc IReputationEngine
    bytes32 public constant override SCORE_CAP = keccak256("SCORE_CAP");

    /// @notice Shortest half-life: one hour.
    uint256 public constant MIN_HALF_LIFE = 1 hours;
    /// @notice Longest half-life: about ten years.
    uint256 public constant MAX_HALF_LIFE = 3650 days;
    /// @notice Lowest cap: one point.
    uint256 public constant MIN_SCORE_CAP = 1e18;
    /// @notice Highest cap: a trillion points. Keeps every stored score inside `uint192`.
    uint256 public constant MAX_SCORE_CAP = 1e30;

    /// @dev ln(2) in 18-decimal fixed point.
    uint256 private constant LN2_WAD = 693_147_180_559_945_309;
    /// @dev Past this exponent (about 41.4) solady's `expWad` returns 0: the score has fully decayed.
    uint256 private constant EXP_ZERO_THRESHOLD = 41_446_531_673_892_822_313;

    mapping(address account => Record) private _records;

    /// @param initialOwner Governance (the timelock).
    /// @param initialPauser SystemPause.
    /// @param initialHalfLife Seconds, within `[MIN_HALF_LIFE, MAX_HALF_LIFE]`.
    /// @param initialScoreCap 18-decimal points, within `[MIN_SCORE_CAP, MAX_SCORE_CAP]`.
    /// @param initialModules Modules authorised to change scores from the first block.
    constructor(
        address initialOwner,
        address initialPauser,
        uint256 initialHalfLife,
        uint256 initialScoreCap,
        address[] memory initialModules
    ) MandateModule(initialOwner, initialPauser) ModuleAuthorisation(initialModules) {
        _setParameter(HALF_LIFE, initialHalfLife);
        _setParameter(SCORE_CAP, initialScoreCap);
    }

    // ---------------------------------------------------------------- modules

    /// @inheritdoc IReputationEngine
    function increase(
        address account,
        uint256 points
    ) external override whenNotPaused onlyAuthorisedModule returns (uint256 newScore) {
        uint256 current = scoreOf(account);
        uint256 cap = _parameter(SCORE_CAP);
        // Saturating: `cap - current` cannot underflow because scoreOf is capped.
        newScore = points >= cap - current ? cap : current + points;
        _store(account, newScore);
        emit ReputationIncreased(msg.sender, account, points, newScore);
    }

    /// @inheritdoc IReputationEngine
    function decrease(
        address account,
        uint256 points
    ) external override whenNotPaused onlyAuthorisedModule returns (uint256 newScore) {
        uint256 current = scoreOf(account);
        newScore = points >= current ? 0 : current - points;
        _store(account, newScore);
        emit ReputationDecreased(msg.sender, account, points, newScore);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IReputationEngine
    function scoreOf(address account) public view override returns (uint256) {
        Record memory record = _records[account];
        uint256 decayed = FixedPointMathLib.mulWad(
            record.score,
            decayFactor(block.timestamp - record.updatedAt)
        );
        return FixedPointMathLib.min(decayed, _parameter(SCORE_CAP));
    }

    /// @inheritdoc IReputationEngine
    function decayFactor(uint256 elapsed) public view override returns (uint256) {
        if (elapsed == 0) return FixedPointMathLib.WAD;
        // exponent = elapsed * ln2 / halfLife; saturate before the multiplication can overflow.
        uint256 halfLifeSeconds = _parameter(HALF_LIFE);
        if (elapsed >= type(uint256).max / LN2_WAD) return 0;
        uint256 exponent = (elapsed * LN2_WAD) / halfLifeSeconds;
        if (exponent >= EXP_ZERO_THRESHOLD) return 0;
        // exponent < 41.5e18, so the cast is safe and expWad returns a value in [0, 1e18].
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint256(FixedPointMathLib.expWad(-int256(exponent)));
    }

    /// @inheritdoc IReputationEngine
    function recordOf(address account) external view override returns (Record memory) {
        return _records[account];
    }

    /// @inheritdoc IReputationEngine
    function halfLife() external view override returns (uint256) {
        return _parameter(HALF_LIFE);
    }

    /// @inheritdoc IReputationEngine
    function scoreCap() external view override returns (uint256) {
        return _parameter(SCORE_CAP);
    }

    /// @inheritdoc MandateModule
    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](2);
        keys[0] = HALF_LIFE;
        keys[1] = SCORE_CAP;
    }

    /// @inheritdoc MandateModule
    function parameterBounds(bytes32 key) public pure override returns (uint256 min, uint256 max) {
        if (key == HALF_LIFE) return (MIN_HALF_LIFE, MAX_HALF_LIFE);
        if (key == SCORE_CAP) return (MIN_SCORE_CAP, MAX_SCORE_CAP);
        revert MandateModule_UnknownParameter(key);
    }

    // ---------------------------------------------------------------- internals

    function _store(address account, uint256 score) private {
        // score <= cap <= MAX_SCORE_CAP < 2^192, and timestamps fit in 64 bits for billions of years.
        // forge-lint: disable-next-line(unsafe-typecast)
        _records[account] = Record({score: uint192(score), updatedAt: uint64(block.timestamp)});
    }
}
