package dev.gatehouse.config;

import dev.gatehouse.crypto.SpKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration choices that loosen a default or will soon break something, as the sentences the engine logs
 * at WARN when it starts: every loosened check of the SAML profile is an explicit, logged choice. Stateless.
 */
public final class ConfigWarnings {

    /** How long before a certificate's expiry the warning starts. */
    public static final Duration EXPIRY_NOTICE = Duration.ofDays(30);

    private ConfigWarnings() {
    }

    /** The warnings for {@code config} at {@code now}, in configuration order. */
    public static List<String> of(GatehouseConfig config, Instant now) {
        List<String> warnings = new ArrayList<>();
        if (!config.isSecure()) {
            warnings.add("Gatehouse externalURL [" + config.externalUrl() + "] is plain http: use https in production "
                    + "(login-state and session cookies then get the Secure attribute)");
        }
        for (ProviderConfig p : config.providers()) {
            String provider = "Gatehouse provider [" + p.id() + "]: ";
            ValidationPolicy v = p.validation();
            if (!v.wantAssertionsSigned()) {
                warnings.add(provider + "wantAssertionsSigned=false, a signed Response without a signed Assertion is "
                        + "accepted");
            }
            if (v.allowUnsignedLogoutRequests()) {
                warnings.add(provider + "allowUnsignedLogoutRequests=true, anyone who can reach the "
                        + "SingleLogoutService can end any user's sessions");
            }
            if (v.allowSha1()) {
                warnings.add(provider + "allowSha1=true, SHA-1 signatures and digests are accepted");
            }
            if (v.clockSkew().compareTo(Duration.ofMinutes(5)) > 0) {
                warnings.add(provider + "clockSkew [" + v.clockSkew() + "] is more than 5 minutes");
            }
            if (p.idp() instanceof IdpSource.MetadataUrl m && m.allowInsecure()) {
                warnings.add(provider + "allowInsecureMetadataURL=true, metadata is fetched over plain http from ["
                        + m.url() + "]");
            }
            if (config.userStore() != null && p.attributes().userId().isEmpty()) {
                warnings.add(provider + "accounts in the user store are linked by the NameID: make sure the IdP sends a "
                        + "persistent NameID it never reassigns, or set attributes.userId (or a preset that has one)");
            }
            if (p.accounts().linkByEmail()) {
                warnings.add(provider + "linkAccountsByEmail=true, a first sign-in takes over the account with the same "
                        + "e-mail: the IdP must verify every e-mail address it sends");
            }
            if (!p.accounts().caseSensitiveGroups()) {
                warnings.add(provider + "caseSensitiveGroups=false, allowGroups and roleMapping ignore the case of "
                        + "group names");
            }
            KeyOptions keyOptions = p.keyOptions();
            if (keyOptions.minRsaKeySize() < KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE) {
                warnings.add(provider + "minRsaKeySize=" + keyOptions.minRsaKeySize() + ", IdP signatures with RSA "
                        + "keys shorter than " + KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE + " bits are accepted");
            }
            if (keyOptions.allowRsa15KeyTransport()) {
                warnings.add(provider + "allowRsa15KeyTransport=true, RSA PKCS#1 v1.5 key transport is accepted "
                        + "(Bleichenbacher-type padding oracles); switch the IdP to RSA-OAEP");
            }
            for (SpKey key : p.keys().keys()) {
                Instant notAfter = key.certificate().getNotAfter().toInstant();
                if (notAfter.isBefore(now)) {
                    warnings.add(provider + "SP key [" + key.name() + "] has a certificate that expired on ["
                            + notAfter + "]; most IdPs ignore the dates of a metadata certificate, but some refuse "
                            + "it: roll it over (README: SP key rollover)");
                } else if (notAfter.isBefore(now.plus(EXPIRY_NOTICE))) {
                    warnings.add(provider + "SP key [" + key.name() + "] has a certificate that expires on ["
                            + notAfter + "]; roll it over (README: SP key rollover)");
                }
            }
        }
        return warnings;
    }
}
