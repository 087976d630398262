// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPaymentCredits
/// @notice Pull payments for a module that owes tokens to parties of its cases (LeaseAgreement,
/// DisputeModule). A settlement never transfers to a counterparty: it credits what each party is owed,
/// and the tokens leave later through `claim`. So a party the token refuses to pay (a frozen address,
/// a contract that rejects tokens) cannot stop the others' settlement; it only waits for its own money.
/// @dev Anyone may call `claim` for any account, so a party that cannot send transactions (a passive
/// treasury contract) is paid too; the tokens only ever go to the credited account itself, so an
/// issuer's freeze of that account is respected, never bypassed.
interface IPaymentCredits {
    /// @notice `account` is owed `amount` more tokens, claimable now.
    /// @param account Who is owed.
    /// @param amount Tokens added to its credit.
    /// @param credit Its whole credit after this one.
    event PaymentCredited(address indexed account, uint256 amount, uint256 credit);

    /// @notice `account`'s whole credit was paid to it.
    /// @param account Who was paid (always the credited account).
    /// @param caller Who triggered the payment (the account itself or anyone on its behalf).
    /// @param amount Tokens transferred.
    event PaymentClaimed(address indexed account, address indexed caller, uint256 amount);

    /// @notice `account` has no credit to claim.
    error PaymentCredits_NothingToClaim(address account);

    /// @notice Transfers `account`'s whole credit to `account`. Anyone may call it; reverts with
    /// `PaymentCredits_NothingToClaim` when nothing is owed. Stopped by a pause like every action.
    /// @return amount Tokens transferred.
    function claim(address account) external returns (uint256 amount);

    /// @notice Tokens owed to `account`, claimable now.
    function creditOf(address account) external view returns (uint256);
}
