package dev.gatehouse.jaspic;

import jakarta.enterprise.inject.Stereotype;
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
 *
 * It is a CDI stereotype, so it is bean-defining: the class it marks is discovered even in an archive with
 * annotated discovery (the default without a {@code beans.xml}). An application must have one
 * {@code HttpAuthenticationMechanism}; with a second one (or a built-in mechanism definition) resolution is
 * ambiguous and the server refuses to start the application.
 */
@Stereotype
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnableGatehouseSaml {
}
