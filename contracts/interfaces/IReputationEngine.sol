// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IReputationEngine
/// @notice Reputation scores that authorised modules raise and lower and that decay exponentially
/// with a governance-set half-life. Scores are 18-decimal fixed point (1e18 is one point).
/// @dev The decay is lazy: an account's stored score and the time it was stored give its score at
/// any later moment as `stored * 2^(-elapsed / halfLife)`, capped at `SCORE_CAP`. See docs/reputation.md.
/// Raising and lowering saturate at the cap and at zero: no input makes them revert.
interface IReputationEngine {
    /// @notice An account's stored score and when it was stored.
    /// @param score The score at `updatedAt`, 18-decimal fixed point.
    /// @param updatedAt When the score was stored.
    struct Record {
        uint192 score;
        uint64 updatedAt;
    }

    /// @notice `module` raised `account`'s score by `points`, after decay, up to the cap.
    /// @param module The authorised module.
    /// @param account The account raised.
    /// @param points The points asked for, 18-decimal fixed point.
    /// @param newScore The score after decay, the raise and the cap.
    event ReputationIncreased(
        address indexed module,
        address indexed account,
        uint256 points,
        uint256 newScore
    );

    /// @notice `module` lowered `account`'s score by `points`, after decay, down to zero at most.
    /// @param module The authorised module.
    /// @param account The account lowered.
    /// @param points The points asked for, 18-decimal fixed point.
    /// @param newScore The score after decay and the cut.
    event ReputationDecreased(
        address indexed module,
        address indexed account,
        uint256 points,
        uint256 newScore
    );

    /// @notice The key of the half-life parameter, in seconds.
    function HALF_LIFE() external view returns (bytes32);

    /// @notice The key of the score cap parameter, 18-decimal fixed point.
    function SCORE_CAP() external view returns (bytes32);

    /// @notice The half-life in seconds (parameter `HALF_LIFE`).
    function halfLife() external view returns (uint256);

    /// @notice The highest score (parameter `SCORE_CAP`).
    function scoreCap() external view returns (uint256);

    /// @notice `account`'s score now: decayed from its stored value and capped.
    function scoreOf(address account) external view returns (uint256);

    /// @notice `account`'s stored score and when it was stored.
    function recordOf(address account) external view returns (Record memory);

    /// @notice The multiplier, 18-decimal fixed point, that `elapsed` seconds of decay apply to a score.
    function decayFactor(uint256 elapsed) external view returns (uint256);

    /// @notice Raises `account`'s score by `points`, saturating at the cap. Only authorised modules
    /// (see {IModuleAuthorisation}).
    /// @return newScore The score after the raise.
    function increase(address account, uint256 points) external returns (uint256 newScore);

    /// @notice Lowers `account`'s score by `points`, saturating at zero. Only authorised modules.
    /// @return newScore The score after the cut.
    function decrease(address account, uint256 points) external returns (uint256 newScore);
}
