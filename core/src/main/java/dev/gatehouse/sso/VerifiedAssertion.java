package dev.gatehouse.sso;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an accepted Response says about the user, read from the very DOM nodes whose signature was verified. Values
 * are the whole text content of their elements (comments and processing instructions do not split them). Immutable.
 *
 * @param providerId the provider that accepted it
 * @param issuer the IdP entity ID
 * @param assertionId the assertion's ID
 * @param nameId the Subject NameID value
 * @param nameIdFormat its Format, or null
 * @param nameQualifier its NameQualifier, or null
 * @param spNameQualifier its SPNameQualifier, or null
 * @param sessionIndex the AuthnStatement SessionIndex, or null
 * @param authnInstant when the user authenticated at the IdP
 * @param sessionNotOnOrAfter when the IdP wants the session to end, or null
 * @param authnContextClassRef how the user authenticated, or null
 * @param attributes attribute values by attribute Name, multi-valued, in document order; attributes with the same
 *     Name are merged (Keycloak sends one element per role)
 * @param friendlyNames attribute Name by FriendlyName
 * @param inResponseTo the AuthnRequest ID, or null for IdP-initiated login
 * @param returnTo the local path to continue to, or null
 */
public record VerifiedAssertion(String providerId, String issuer, String assertionId, String nameId,
        String nameIdFormat, String nameQualifier, String spNameQualifier, String sessionIndex, Instant authnInstant, Instant sessionNotOnOrAfter,
        String authnContextClassRef, Map<String, List<String>> attributes, Map<String, String> friendlyNames,
        String inResponseTo, String returnTo) {

    public VerifiedAssertion {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(nameId, "nameId");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = Collections.unmodifiableMap(copy);
        friendlyNames = Collections.unmodifiableMap(new LinkedHashMap<>(friendlyNames));
    }

    /** The values of the attribute with this Name or FriendlyName; empty if absent. */
    public List<String> attribute(String nameOrFriendlyName) {
        List<String> values = attributes.get(nameOrFriendlyName);
        if (values == null) {
            String name = friendlyNames.get(nameOrFriendlyName);
            values = name == null ? null : attributes.get(name);
        }
        return values == null ? List.of() : values;
    }
}
