package dev.gatehouse.identity;

import dev.gatehouse.config.AttributeNames;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.sso.VerifiedAssertion;
import java.util.List;

/**
 * Turns a {@link VerifiedAssertion} into a {@link GatehousePrincipal}: picks the user name, e-mail, names and
 * groups from the first configured attribute present (by Name or FriendlyName), applies {@code allowGroups}, and
 * maps roles. Stateless and thread-safe.
 */
public final class AttributeMapper {

    private static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    private final RoleMapper roleMapper = new RoleMapper();

    /**
     * The principal for a verified assertion.
     *
     * @throws SamlRejection {@link ErrorCode#GROUP_NOT_ALLOWED} when {@code allowGroups} excludes the user
     */
    public GatehousePrincipal map(VerifiedAssertion assertion, ProviderConfig provider) {
        AttributeNames names = provider.attributes();
        String username = first(assertion, names.username());
        List<String> groups = all(assertion, names.groups());
        List<String> allowGroups = provider.allowGroups();
        if (allowGroups != null && groups.stream().noneMatch(allowGroups::contains)) {
            throw SamlRejection.of(ErrorCode.GROUP_NOT_ALLOWED, "User [" + assertion.nameId() + "] of provider ["
                    + provider.id() + "] is in groups " + groups + ", none of which is in allowGroups " + allowGroups,
                    "add the user to one of the allowed groups at the IdP, or change allowGroups");
        }
        String email = first(assertion, names.email());
        if (email == null && EMAIL_FORMAT.equals(assertion.nameIdFormat())) {
            email = assertion.nameId();
        }
        return new GatehousePrincipal(username != null ? username : assertion.nameId(), assertion.nameId(),
                assertion.nameIdFormat(), assertion.nameQualifier(), assertion.spNameQualifier(),
                assertion.sessionIndex(), provider.id(), assertion.issuer(), email,
                first(assertion, names.firstName()), first(assertion, names.lastName()),
                first(assertion, names.displayName()), groups, roleMapper.roles(provider.roles(), groups),
                assertion.attributes(), assertion.authnInstant(), assertion.sessionNotOnOrAfter(),
                assertion.authnContextClassRef(), null, null);
    }

    private static String first(VerifiedAssertion assertion, List<String> candidates) {
        for (String candidate : candidates) {
            for (String value : assertion.attribute(candidate)) {
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    private static List<String> all(VerifiedAssertion assertion, List<String> candidates) {
        for (String candidate : candidates) {
            List<String> values = assertion.attribute(candidate);
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }
}
