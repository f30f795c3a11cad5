package dev.gatehouse.identity;

import dev.gatehouse.config.RoleMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Computes application roles: the default roles, the roles mapped from each group, and optionally the groups. */
public final class RoleMapper {

    /** The roles for a user with these groups, group names compared exactly. */
    public Set<String> roles(RoleMapping mapping, List<String> groups) {
        return roles(mapping, groups, true);
    }

    /** The roles for a user with these groups; {@code exact} false compares group names ignoring case. */
    public Set<String> roles(RoleMapping mapping, List<String> groups, boolean exact) {
        Set<String> roles = new LinkedHashSet<>(mapping.defaultRoles());
        for (String group : groups) {
            List<String> mapped = mapping.groupRoles().get(group);
            if (mapped == null && !exact) {
                mapped = mapping.groupRoles().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(group))
                        .findFirst().map(java.util.Map.Entry::getValue).orElse(null);
            }
            if (mapped != null) {
                roles.addAll(mapped);
            }
            if (mapping.groupsAsRoles()) {
                roles.add(group);
            }
        }
        return roles;
    }
}
