package dev.gatehouse.identity;

import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.identity.UserStore.NewAccount;
import dev.gatehouse.identity.UserStore.StoredAccount;
import dev.gatehouse.identity.UserStore.UserProfile;
import dev.gatehouse.identity.UserStore.UserStoreException;
import dev.gatehouse.internal.LogText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the signed-in IdP user is in the application, when it has a {@link UserStore}, in two steps so that a refusal
 * changes nothing:
 * <ol>
 *   <li>{@link #decide} only reads: the account linked to (provider, IdP user id); else, with
 *       {@code linkAccountsByEmail}, the one unlinked account with the same e-mail; else, with
 *       {@code allowSignup: true}, a new account unless one with that user name exists; else
 *       {@link ErrorCode#USER_NOT_REGISTERED};</li>
 *   <li>{@link Decision#apply()}, after the response is committed, writes (creates, links, and updates the profile
 *       when {@code updateProfileOnLogin}, a failed update being only logged) and returns the principal named as the
 *       account ({@link GatehousePrincipal#withAccount}). A failure here comes after the assertion was used, so the
 *       user starts a new sign-in.</li>
 * </ol>
 * Without a store every user the IdP signs in passes unchanged. A store failure is
 * {@link ErrorCode#USER_STORE_UNAVAILABLE}. Thread-safe when the store is.
 */
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    /** What happens to the account when the sign-in goes ahead. */
    @FunctionalInterface
    public interface Decision {
        /**
         * Performs the writes and returns the principal to sign in.
         *
         * @throws SamlRejection {@link ErrorCode#USER_STORE_UNAVAILABLE} when the store fails
         */
        GatehousePrincipal apply();
    }

    private final UserStore store;

    /** Accounts in {@code store}, or none when it is null. */
    public Accounts(UserStore store) {
        this.store = store;
    }

    /**
     * Decides, reading the store only.
     *
     * @throws SamlRejection {@link ErrorCode#USER_NOT_REGISTERED}, {@link ErrorCode#USERNAME_MISSING} (no stable IdP
     *     user id to link) or {@link ErrorCode#USER_STORE_UNAVAILABLE}
     */
    public Decision decide(GatehousePrincipal user, ProviderConfig provider) {
        if (store == null) {
            return () -> user;
        }
        if (user.userId() == null) {
            throw SamlRejection.of(ErrorCode.USERNAME_MISSING, "User [" + LogText.safe(user.getName()) + "] of "
                    + "provider [" + provider.id() + "] has no stable IdP user id to link an account to: "
                    + (provider.attributes().userId().isEmpty() ? "the NameID is transient"
                            : "no attribute matched " + provider.attributes().userId()),
                    provider.attributes().userId().isEmpty() ? "make the IdP send a persistent NameID, or set "
                            + "attributes.userId" : "make the IdP send one of these attributes, or change "
                            + "attributes.userId");
        }
        UserProfile profile = new UserProfile(user.getName(), user.email(), user.firstName(), user.lastName(),
                user.displayName());
        boolean update = provider.accounts().updateProfile();
        Optional<StoredAccount> linked = guarded(() -> store.find(provider.id(), user.userId()));
        if (linked.isPresent()) {
            StoredAccount account = linked.get();
            return () -> {
                if (update) {
                    updateQuietly(account, profile);
                }
                return signedIn(user, account);
            };
        }
        if (provider.accounts().linkByEmail() && user.email() != null) {
            Optional<StoredAccount> byEmail = guarded(() -> store.findByEmail(user.email()));
            if (byEmail.isPresent()) {
                StoredAccount account = byEmail.get();
                return () -> {
                    guarded(() -> {
                        store.link(account, provider.id(), user.userId());
                        return null;
                    });
                    if (update) {
                        updateQuietly(account, profile);
                    }
                    return signedIn(user, account);
                };
            }
        }
        if (Boolean.TRUE.equals(provider.allowSignup())) {
            Optional<StoredAccount> namesake = guarded(() -> store.findByUsername(profile.username()));
            if (namesake.isPresent()) {
                throw SamlRejection.of(ErrorCode.USER_NOT_REGISTERED, "IdP user [" + LogText.safe(user.userId())
                        + "] of provider [" + provider.id() + "] would be signed up as [" + LogText.safe(
                        profile.username()) + "], but an account of that name exists and is not linked to this IdP "
                        + "user", "link the account to the IdP user in the application (its link is ["
                        + provider.id() + ":" + LogText.safe(user.userId()) + "]), or rename one of them");
            }
            List<String> defaults = provider.roles().defaultRoles();
            NewAccount account = new NewAccount(provider.id(), user.userId(), profile,
                    defaults.isEmpty() ? null : defaults.get(0));
            return () -> signedIn(user, guarded(() -> store.create(account)));
        }
        throw SamlRejection.of(ErrorCode.USER_NOT_REGISTERED, "No account is linked to IdP user ["
                + LogText.safe(user.userId()) + "] (" + LogText.safe(user.getName()) + ") of provider [" + provider.id()
                + "]" + (provider.accounts().linkByEmail() ? (user.email() == null ? " and the assertion has no e-mail"
                        : " nor is an unlinked account's e-mail [" + LogText.safe(user.email()) + "]") : "")
                + ", and allowSignup is not true", "create the account (or link it) in the application, or set "
                + "allowSignup to true to create accounts at first sign-in");
    }

    /** A profile update that fails is logged, not fatal: the user is who the link says. */
    private void updateQuietly(StoredAccount account, UserProfile profile) {
        try {
            store.update(account, profile);
        } catch (UserStoreException e) {
            LOG.warn("Gatehouse could not update the profile of account [{}]: {}", LogText.safe(account.username()),
                    e.getMessage());
        }
    }

    private static GatehousePrincipal signedIn(GatehousePrincipal user, StoredAccount account) {
        return user.withAccount(account.username() != null ? account.username() : user.getName(), account.id(),
                account.role() == null || account.role().isBlank() ? Set.of() : Set.of(account.role()));
    }

    private interface StoreCall<T> {
        T call();
    }

    private static <T> T guarded(StoreCall<T> call) {
        try {
            return call.call();
        } catch (UserStoreException e) {
            throw new SamlRejection(List.of(new Problem(ErrorCode.USER_STORE_UNAVAILABLE, e.getMessage(),
                    "check the userStore configuration and the database")), e);
        }
    }
}
