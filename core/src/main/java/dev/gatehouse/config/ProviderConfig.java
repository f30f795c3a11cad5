package dev.gatehouse.config;

import dev.gatehouse.crypto.AlgorithmPolicy;
import dev.gatehouse.crypto.SpKeyRing;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One asserting party (IdP) the application trusts, and how Gatehouse talks to it. Immutable; build with
 * {@link #builder(String)}.
 *
 * @param id the path segment of this provider's endpoints ({@code /saml/acs/{id}})
 * @param displayName the label of its login link
 * @param idp where the IdP's entity ID, endpoints and certificates come from
 * @param spEntityId this SP's entity ID towards that IdP, or null for {@code {externalURL}{basePath}/metadata/{id}}
 * @param validation the response validation policy
 * @param authnRequest what the AuthnRequest asks for
 * @param attributes which attributes hold the user's properties
 * @param roles how groups become roles
 * @param allowGroups when non-null, only members of at least one of these groups may sign in (empty: nobody)
 * @param allowSignup with a user store: whether users it does not know are created at their first sign-in (true) or
 *     refused (false or null); without a store every user the IdP signs in passes
 * @param keys the SP's keys towards this IdP
 * @param keyOptions what is signed and what must be encrypted
 * @param preset the IdP preset whose attribute names {@code attributes} started from (for messages)
 * @param accounts group matching and user store linking
 */
public record ProviderConfig(String id, String displayName, IdpSource idp, String spEntityId,
        ValidationPolicy validation, AuthnRequestOptions authnRequest, AttributeNames attributes, RoleMapping roles,
        List<String> allowGroups, Boolean allowSignup, SpKeyRing keys, KeyOptions keyOptions, IdpPreset preset,
        AccountPolicy accounts) {

    /** What a provider id may look like: it is a URL path segment. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("provider id [" + id + "] must match " + ID_PATTERN.pattern());
        }
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(authnRequest, "authnRequest");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(roles, "roles");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
        allowGroups = allowGroups == null ? null : List.copyOf(allowGroups);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(keyOptions, "keyOptions");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(accounts, "accounts");
        boolean canSign = keys.activeSigningKey().isPresent();
        if (Boolean.TRUE.equals(keyOptions.signAuthnRequests()) && !canSign) {
            throw new IllegalArgumentException("provider [" + id + "] signs AuthnRequests but has no active signing "
                    + "key");
        }
        if (keyOptions.signMetadata() && !canSign) {
            throw new IllegalArgumentException("provider [" + id + "] signs its metadata but has no active signing key");
        }
        if (keyOptions.allowRsa15KeyTransport() && keys.encryptionKeys().stream().anyMatch(k -> k.signing())) {
            throw new IllegalArgumentException("provider [" + id + "] allows RSA 1.5 key transport to a key that also "
                    + "signs; use a separate encryption-only key");
        }
        if (keyOptions.wantAssertionsEncrypted() && keys.encryptionKeys().isEmpty()) {
            throw new IllegalArgumentException("provider [" + id + "] wants encrypted assertions but has no "
                    + "encryption key");
        }
    }

    /**
     * This provider's algorithm policy: the secure defaults, with the provider's {@code minRsaKeySize}, SHA-1 if
     * {@code allowSha1} and RSA 1.5 key transport if {@code allowRsa15KeyTransport}.
     */
    public AlgorithmPolicy algorithmPolicy() {
        AlgorithmPolicy policy = AlgorithmPolicy.secureDefaults().withMinRsaKeySize(keyOptions.minRsaKeySize());
        policy = validation.allowSha1() ? policy.withSha1() : policy;
        return keyOptions.allowRsa15KeyTransport() ? policy.withRsa15KeyTransport() : policy;
    }

    /** A builder with every default in place; only the IdP source is required. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder pre-filled with this configuration. */
    public Builder mutate() {
        return new Builder(id).displayName(displayName).idp(idp).spEntityId(spEntityId).validation(validation)
                .authnRequest(authnRequest).attributes(attributes).roles(roles).allowGroups(allowGroups)
                .allowSignup(allowSignup).keys(keys).keyOptions(keyOptions).preset(preset).accounts(accounts);
    }

    /** Builds a {@link ProviderConfig}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private IdpSource idp;
        private String spEntityId;
        private ValidationPolicy validation = ValidationPolicy.defaults();
        private AuthnRequestOptions authnRequest = AuthnRequestOptions.defaults();
        private AttributeNames attributes;
        private RoleMapping roles = RoleMapping.none();
        private List<String> allowGroups;
        private Boolean allowSignup;
        private SpKeyRing keys = SpKeyRing.NONE;
        private KeyOptions keyOptions = KeyOptions.defaults();
        private IdpPreset preset = IdpPreset.GENERIC;
        private AccountPolicy accounts = AccountPolicy.defaults();

        private Builder(String id) {
            this.id = id;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder idp(IdpSource idp) {
            this.idp = idp;
            return this;
        }

        public Builder spEntityId(String spEntityId) {
            this.spEntityId = spEntityId;
            return this;
        }

        public Builder validation(ValidationPolicy validation) {
            this.validation = validation;
            return this;
        }

        public Builder authnRequest(AuthnRequestOptions authnRequest) {
            this.authnRequest = authnRequest;
            return this;
        }

        public Builder attributes(AttributeNames attributes) {
            this.attributes = attributes;
            return this;
        }

        public Builder roles(RoleMapping roles) {
            this.roles = roles;
            return this;
        }

        public Builder allowGroups(List<String> allowGroups) {
            this.allowGroups = allowGroups;
            return this;
        }

        public Builder allowSignup(Boolean allowSignup) {
            this.allowSignup = allowSignup;
            return this;
        }

        public Builder keys(SpKeyRing keys) {
            this.keys = keys;
            return this;
        }

        public Builder keyOptions(KeyOptions keyOptions) {
            this.keyOptions = keyOptions;
            return this;
        }

        /** The preset: unless {@link #attributes} are given, the attribute names are the preset's. */
        public Builder preset(IdpPreset preset) {
            this.preset = preset;
            return this;
        }

        public Builder accounts(AccountPolicy accounts) {
            this.accounts = accounts;
            return this;
        }

        public ProviderConfig build() {
            return new ProviderConfig(id, displayName, idp, spEntityId, validation, authnRequest,
                    attributes != null ? attributes : preset.names(), roles, allowGroups, allowSignup, keys,
                    keyOptions, preset, accounts);
        }
    }
}
