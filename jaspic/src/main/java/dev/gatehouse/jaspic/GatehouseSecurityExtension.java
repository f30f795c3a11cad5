package dev.gatehouse.jaspic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;

/**
 * The CDI portable extension (registered in {@code META-INF/services}) that activates
 * {@link GatehouseAuthenticationMechanism}: it adds the mechanism as an {@code @ApplicationScoped}
 * {@link HttpAuthenticationMechanism} bean only when some class of the application carries
 * {@link EnableGatehouseSaml}, so the jar alone (for instance in an application that uses the ServerAuthModule)
 * changes nothing.
 */
public class GatehouseSecurityExtension implements Extension {

    private volatile boolean enabled;

    void findActivation(@Observes @WithAnnotations(EnableGatehouseSaml.class) ProcessAnnotatedType<?> type) {
        if (type.getAnnotatedType().isAnnotationPresent(EnableGatehouseSaml.class)) {
            enabled = true;
        }
    }

    void addMechanism(@Observes AfterBeanDiscovery discovery) {
        if (enabled) {
            discovery.addBean().beanClass(GatehouseAuthenticationMechanism.class)
                    .types(HttpAuthenticationMechanism.class, GatehouseAuthenticationMechanism.class, Object.class)
                    .scope(ApplicationScoped.class)
                    .createWith(context -> new GatehouseAuthenticationMechanism());
        }
    }

    /** Whether an application class asked for the mechanism. */
    boolean isEnabled() {
        return enabled;
    }
}
