package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathRulesTest {

    @Test
    void matchesServletStylePatterns() {
        PathRules rules = new PathRules(List.of("/admin/*", "*.jsp", "/whoami"), List.of("/admin/public/*"));
        assertThat(rules.isProtected("/admin")).isTrue();
        assertThat(rules.isProtected("/admin/users")).isTrue();
        assertThat(rules.isProtected("/administrator")).isFalse();
        assertThat(rules.isProtected("/admin/public/logo.png")).isFalse();
        assertThat(rules.isProtected("/x/page.jsp")).isTrue();
        assertThat(rules.isProtected("/whoami")).isTrue();
        assertThat(rules.isProtected("/whoami/x")).isFalse();
        assertThat(PathRules.everything().isProtected("/anything")).isTrue();
    }

    @Test
    void refusesPatternsTheServletSpecDoesNotHave() {
        assertThatThrownBy(() -> new PathRules(List.of("/a/*/b"), List.of())).hasMessageContaining("/a/*/b");
        assertThatThrownBy(() -> new PathRules(List.of("admin"), List.of())).hasMessageContaining("must start with");
    }
}
