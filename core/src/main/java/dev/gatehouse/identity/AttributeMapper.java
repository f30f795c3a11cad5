package dev.gatehouse.identity;

import dev.gatehouse.config.AttributeNames;
import dev.gatehouse.config.IdpPreset;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.LogText;
import dev.gatehouse.sso.VerifiedAssertion;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link VerifiedAssertion} into a {@link GatehousePrincipal}: the user id, user name, e-mail, names and
 * groups from the first configured attribute present (by Name or FriendlyName; see {@link IdpPreset}), then
 * {@code allowGroups}, then the roles. Refusals name what the IdP actually sent and the preset that would have
 * matched it. Stateless and thread-safe.
 */
public final class AttributeMapper {

    private static final Logger LOG = LoggerFactory.getLogger(AttributeMapper.class);
    private static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    private static final String TRANSIENT_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    private static final Pattern OBJECT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RoleMapper roleMapper = new RoleMapper();

    /**
     * The principal for a verified assertion.
     *
     * @throws SamlRejection {@link ErrorCode#USERNAME_MISSING} when there is no user name to use,
     *     {@link ErrorCode#GROUP_NOT_ALLOWED} when {@code allowGroups} excludes the user
     */
    public GatehousePrincipal map(VerifiedAssertion assertion, ProviderConfig provider) {
        AttributeNames names = provider.attributes();
        boolean transientNameId = TRANSIENT_FORMAT.equals(assertion.nameIdFormat());
        String username = first(assertion, names.username());
        if (username == null) {
            if (transientNameId) {
                throw SamlRejection.of(ErrorCode.USERNAME_MISSING, "No attribute matched the username names "
                        + names.username() + " and the NameID is transient. " + received(assertion),
                        suggestion(assertion, provider, "set usernameAttributeNames to one of the attributes above, "
                                + "or make the IdP send a persistent or e-mail NameID"));
            }
            username = assertion.nameId();
        }
        // the stable id: a configured id attribute, else (only when none is configured) a non-transient NameID; a
        // configured attribute that is missing never falls back, or two kinds of id would share one namespace
        String userId = first(assertion, names.userId());
        if (userId == null && names.userId().isEmpty() && !transientNameId) {
            userId = assertion.nameId();
        }
        List<String> groups = all(assertion, names.groups());
        warnAboutEntraGroups(assertion, provider, groups);
        List<String> allowGroups = provider.allowGroups();
        boolean exact = provider.accounts().caseSensitiveGroups();
        if (allowGroups != null && groups.stream().noneMatch(g -> contains(allowGroups, g, exact))) {
            String detail = groups.isEmpty()
                    ? "User [" + assertion.nameId() + "] of provider [" + provider.id() + "] has no groups: no "
                            + "attribute matched the group names " + names.groups() + ". " + received(assertion)
                    : "User [" + assertion.nameId() + "] of provider [" + provider.id() + "] is in groups " + groups
                            + ", none of which is in allowGroups " + allowGroups + (exact ? " (compared exactly; "
                            + "caseSensitiveGroups false ignores case)" : "");
            throw SamlRejection.of(ErrorCode.GROUP_NOT_ALLOWED, detail, groups.isEmpty()
                    ? suggestion(assertion, provider, "set groupsAttributeName to the attribute that carries the groups")
                    : "add the user to one of the allowed groups at the IdP, or change allowGroups");
        }
        String email = first(assertion, names.email());
        if (email == null && EMAIL_FORMAT.equals(assertion.nameIdFormat())) {
            email = assertion.nameId();
        }
        return new GatehousePrincipal(username, assertion.nameId(),
                assertion.nameIdFormat(), assertion.nameQualifier(), assertion.spNameQualifier(),
                assertion.sessionIndex(), provider.id(), assertion.issuer(), email,
                first(assertion, names.firstName()), first(assertion, names.lastName()),
                first(assertion, names.displayName()), groups, roleMapper.roles(provider.roles(), groups, exact),
                assertion.attributes(), assertion.authnInstant(), assertion.sessionNotOnOrAfter(),
                assertion.authnContextClassRef(), null, null, userId, null);
    }

    /** "The assertion carried: name (FriendlyName), ..." for error messages and logs. */
    static String received(VerifiedAssertion assertion) {
        if (assertion.attributes().isEmpty()) {
            return "The assertion carried no attributes.";
        }
        StringBuilder text = new StringBuilder("The assertion carried: ");
        String separator = "";
        for (String name : assertion.attributes().keySet()) {
            text.append(separator).append(LogText.safe(name));
            assertion.friendlyNames().forEach((friendly, full) -> {
                if (full.equals(name)) {
                    text.append(" (").append(LogText.safe(friendly)).append(')');
                }
            });
            separator = ", ";
        }
        return text.append('.').toString();
    }

    /** The fix, naming the presets whose attribute names the assertion carried. */
    static String suggestion(VerifiedAssertion assertion, ProviderConfig provider, String fix) {
        Set<String> present = new LinkedHashSet<>(assertion.attributes().keySet());
        present.addAll(assertion.friendlyNames().keySet());
        List<IdpPreset> matching = IdpPreset.matching(present).stream().filter(p -> p != provider.preset()).toList();
        return matching.isEmpty() ? fix : fix + "; the attributes look like those of preset "
                + matching.stream().map(p -> "\"" + p.configName() + "\"").toList();
    }

    /**
     * Entra ID sends a groups.link claim instead of the groups when a user is in too many, and group object IDs
     * unless told otherwise: both make allowGroups and roleMapping silently miss, so they are logged.
     */
    private static void warnAboutEntraGroups(VerifiedAssertion assertion, ProviderConfig provider,
            List<String> groups) {
        // Microsoft's own example carries the claim name with a stray leading space
        if (assertion.attributes().keySet().stream().anyMatch(n -> n.strip().equals(IdpPreset.ENTRA_GROUPS_LINK))) {
            LOG.warn("Gatehouse provider [{}]: Entra ID sent [{}] instead of the groups of [{}] (a user in more groups "
                    + "than fit in a SAML token, 150): allowGroups and roleMapping see no groups. In the enterprise "
                    + "application, edit the group claim to send only 'Groups assigned to the application'.",
                    provider.id(), IdpPreset.ENTRA_GROUPS_LINK, LogText.safe(assertion.nameId()));
        }
        boolean objectIds = !groups.isEmpty() && groups.stream().allMatch(g -> OBJECT_ID.matcher(g).matches());
        Set<String> configured = new LinkedHashSet<>(provider.roles().groupRoles().keySet());
        if (provider.allowGroups() != null) {
            configured.addAll(provider.allowGroups());
        }
        if (objectIds && !configured.isEmpty()
                && configured.stream().noneMatch(g -> OBJECT_ID.matcher(g).matches())) {
            LOG.warn("Gatehouse provider [{}]: the IdP sent group object IDs ({}, ...) but allowGroups/roleMapping "
                    + "name groups {}: nothing matches. Use the object IDs in the configuration, or have Entra ID "
                    + "send group names (group claim: 'sAMAccountName' or 'Cloud-only group display names').",
                    provider.id(), LogText.safe(groups.get(0)), configured);
        }
    }

    static boolean contains(List<String> values, String candidate, boolean exact) {
        return exact ? values.contains(candidate) : values.stream().anyMatch(v -> v.equalsIgnoreCase(candidate));
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

    /** Every value of every candidate present, in candidate order, without repeats (groups and role claims). */
    private static List<String> all(VerifiedAssertion assertion, List<String> candidates) {
        Set<String> values = new LinkedHashSet<>();
        for (String candidate : candidates) {
            values.addAll(assertion.attribute(candidate));
        }
        return List.copyOf(values);
    }
}
