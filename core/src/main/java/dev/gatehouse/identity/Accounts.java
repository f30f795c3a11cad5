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

/**
 * Who the signed-in IdP user is in the application, when it has a {@link UserStore}, in two steps so that a refusal
 * changes nothing:
 * <ol>
 *   <li>{@link #decide} only reads: the account linked to (provider, IdP user id); else, with
 *       {@code linkAccountsByEmail}, the account with the same e-mail; else, with {@code allowSignup: true}, a new
 *       account; else {@link ErrorCode#USER_NOT_REGISTERED};</li>
 *   <li>{@link Decision#apply()}, after the response is committed, writes (creates, links, updates the profile when
 *       {@code updateProfileOnLogin}) and returns the principal named as the account
 *       ({@link GatehousePrincipal#withAccount}).</li>
 * </ol>
 * Without a store every user the IdP signs in passes unchanged. A store failure is
 * {@link ErrorCode#USER_STORE_UNAVAILABLE}. Thread-safe when the store is.
 */
public final class Accounts {

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
                    + "provider [" + provider.id() + "] has no stable IdP user id to link an account to: no attribute "
                    + "matched " + provider.attributes().userId() + " and the NameID is transient",
                    "make the IdP send a persistent NameID, or set attributes.userId");
        }
        UserProfile profile = new UserProfile(user.getName(), user.email(), user.firstName(), user.lastName(),
                user.displayName());
        boolean update = provider.accounts().updateProfile();
        Optional<StoredAccount> linked = guarded(() -> store.find(provider.id(), user.userId()));
        if (linked.isPresent()) {
            StoredAccount account = linked.get();
            return () -> {
                guarded(() -> {
                    if (update) {
                        store.update(account, profile);
                    }
                    return null;
                });
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
                        if (update) {
                            store.update(account, profile);
                        }
                        return null;
                    });
                    return signedIn(user, account);
                };
            }
        }
        if (Boolean.TRUE.equals(provider.allowSignup())) {
            List<String> defaults = provider.roles().defaultRoles();
            NewAccount account = new NewAccount(provider.id(), user.userId(), profile,
                    defaults.isEmpty() ? null : defaults.get(0));
            return () -> signedIn(user, guarded(() -> store.create(account)));
        }
        throw SamlRejection.of(ErrorCode.USER_NOT_REGISTERED, "No account is linked to IdP user ["
                + LogText.safe(user.userId()) + "] (" + LogText.safe(user.getName()) + ") of provider [" + provider.id()
                + "]" + (provider.accounts().linkByEmail() ? (user.email() == null ? " and the assertion has no e-mail"
                        : " nor has e-mail [" + LogText.safe(user.email()) + "]") : "")
                + ", and allowSignup is not true", "create the account (or link it) in the application, or set "
                + "allowSignup to true to create accounts at first sign-in");
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
