package dev.gatehouse.config;

/**
 * How a signed-in IdP user is matched to groups and to an account of the application's user store.
 *
 * @param caseSensitiveGroups compare group values (in {@code allowGroups} and {@code roleMapping}) exactly, the
 *     default, or ignoring case ({@code false}: for IdPs whose group names change case, such as AD-backed ones)
 * @param linkByEmail link an IdP user seen for the first time to an existing store account with the same e-mail
 *     (default false: an IdP does not always verify e-mail addresses, and linking on an unverified one hands over
 *     the account)
 * @param updateProfile update the store account's e-mail and names from the assertion at each sign-in (default true)
 */
public record AccountPolicy(boolean caseSensitiveGroups, boolean linkByEmail, boolean updateProfile) {

    /** Exact group matching, no linking by e-mail, profile updated at each sign-in. */
    public static AccountPolicy defaults() {
        return new AccountPolicy(true, false, true);
    }
}
