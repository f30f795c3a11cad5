package dev.gatehouse.jaspic;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes {@link GatehouseAuthenticationMechanism} the application's Jakarta Security authentication mechanism on a
 * Jakarta EE server. Put it on any class of the application that CDI sees (typically the JAX-RS
 * {@code Application} subclass or an {@code @ApplicationScoped} bean), as with Jakarta Security's own
 * {@code @OpenIdAuthenticationMechanismDefinition}:
 *
 * <pre>{@code @EnableGatehouseSaml
 * @ApplicationScoped
 * public class Security { }}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnableGatehouseSaml {
}
