package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** In a real CDI container (Weld): the mechanism exists exactly when an application class asks for it. */
class GatehouseSecurityExtensionTest {

    /** An application class that turns SAML on. */
    @EnableGatehouseSaml
    @ApplicationScoped
    public static class SamlApplication {
    }

    /** An application class that does not. */
    @ApplicationScoped
    public static class PlainApplication {
    }

    private static WeldContainer boot(Class<?> applicationClass) {
        return new Weld("gatehouse-test-" + applicationClass.getSimpleName()).disableDiscovery()
                .addExtension(new GatehouseSecurityExtension()).addBeanClasses(applicationClass).initialize();
    }

    @Test
    void theAnnotationAddsTheMechanismAsTheApplicationsHttpAuthenticationMechanism() {
        try (WeldContainer container = boot(SamlApplication.class)) {
            HttpAuthenticationMechanism mechanism = container.select(HttpAuthenticationMechanism.class).get();
            assertThat(mechanism).isInstanceOf(GatehouseAuthenticationMechanism.class);
            assertThat(container.select(HttpAuthenticationMechanism.class).get())
                    .as("application-scoped: one per application").isSameAs(mechanism);
        }
    }

    @Test
    void withoutTheAnnotationTheJarChangesNothing() {
        try (WeldContainer container = boot(PlainApplication.class)) {
            assertThat(container.select(HttpAuthenticationMechanism.class).isUnsatisfied()).isTrue();
        }
    }
}
