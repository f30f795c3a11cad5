package dev.gatehouse.identity;

import dev.gatehouse.config.RoleMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Computes application roles: the default roles, the roles mapped from each group, and optionally the groups. */
public final class RoleMapper {

    /** The roles for a user with these groups. */
    public Set<String> roles(RoleMapping mapping, List<String> groups) {
        Set<String> roles = new LinkedHashSet<>(mapping.defaultRoles());
        for (String group : groups) {
            List<String> mapped = mapping.groupRoles().get(group);
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
