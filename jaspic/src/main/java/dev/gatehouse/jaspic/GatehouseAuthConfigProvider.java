package dev.gatehouse.jaspic;

import dev.gatehouse.web.GatehouseEngine;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jakarta Authentication provider that hands the container a {@link GatehouseServerAuthModule}. Two ways in:
 * <ul>
 *   <li>{@link GatehouseJaspicListener} registers one, with an engine built from the webapp's configuration, for
 *       the webapp it runs in (no server configuration);</li>
 *   <li>a container's persistent registration (Tomcat's {@code conf/jaspic-providers.xml}) instantiates it by class
 *       name with its properties ({@code configFile}, or flat configuration keys) through the
 *       {@code (Map, AuthConfigFactory)} constructor the specification requires.</li>
 * </ul>
 * One module (and engine) per provider; each {@link #getServerAuthConfig} call gets it with the container's callback
 * handler. Server side only: {@link #getClientAuthConfig} returns null.
 */
public final class GatehouseAuthConfigProvider implements AuthConfigProvider {

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseAuthConfigProvider.class);

    private final Map<String, String> properties;
    private volatile GatehouseEngine engine;
    private volatile AuthException failure;
    private volatile String servedAppContext;

    /** A provider for an engine built in code (what {@link GatehouseJaspicListener} does). */
    public GatehouseAuthConfigProvider(GatehouseEngine engine) {
        this.engine = engine;
        this.properties = Map.of();
    }

    /**
     * The constructor of the persistent registration: {@code properties} are the registration's properties; the
     * factory, when given, is where the container wants self-registration, which Gatehouse leaves to the container.
     */
    public GatehouseAuthConfigProvider(Map<String, String> properties, AuthConfigFactory factory) {
        this.engine = null;
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * A configuration whose module answers from this provider's one engine (built from the properties on first use,
     * so every request of the webapp shares its pending logins and replay cache). Containers may call this per
     * request (Tomcat does); it allocates only two small objects. One provider serves one webapp: its configuration
     * has one {@code externalURL}, so a registration without an application context that two webapps reach is
     * refused for the second.
     */
    @Override
    public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
            throws AuthException {
        claim(appContext);
        GatehouseServerAuthModule module = new GatehouseServerAuthModule(engine());
        module.initialize(null, null, handler, Map.of());
        return new GatehouseServerAuthConfig(layer, appContext, module);
    }

    private void claim(String appContext) throws AuthException {
        String served = servedAppContext;
        if (served == null) {
            synchronized (this) {
                if (servedAppContext == null) {
                    servedAppContext = appContext;
                }
                served = servedAppContext;
            }
        }
        if (!served.equals(appContext)) {
            throw new AuthException("This Gatehouse provider serves [" + served + "] and cannot also serve ["
                    + appContext + "]: register one provider per webapp, with its appContext");
        }
    }

    /** The engine, built once; a configuration error is remembered and reported again without rebuilding. */
    private GatehouseEngine engine() throws AuthException {
        GatehouseEngine current = engine;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (engine == null && failure == null) {
                try {
                    engine = GatehouseServerAuthModule.engineFrom(properties);
                } catch (AuthException e) {
                    failure = e;
                    LOG.error("{} Every request to this webapp fails until it is fixed and the server restarted.",
                            e.getMessage());
                }
            }
            if (failure != null) {
                throw failure;
            }
            return engine;
        }
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
        return null;
    }

    @Override
    public void refresh() {
        // nothing is cached outside the engine
    }
}
