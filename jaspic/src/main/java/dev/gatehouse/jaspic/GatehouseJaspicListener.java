package dev.gatehouse.jaspic;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.web.GatehouseEngine;
import dev.gatehouse.web.ProviderLink;
import dev.gatehouse.web.ServletConfigSource;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container-managed SAML with no server configuration: declared in {@code web.xml}
 * ({@code <listener><listener-class>dev.gatehouse.jaspic.GatehouseJaspicListener</listener-class></listener>}), it
 * builds the engine from the webapp's Gatehouse configuration (context-param {@code gatehouse.configFile},
 * {@code -Dgatehouse.config} or {@code GATEHOUSE_CONFIG}) and registers a {@link GatehouseAuthConfigProvider} with
 * the container's {@link AuthConfigFactory} for this webapp only (layer {@code HttpServlet}, application context
 * {@code "<virtual server name> <context path>"}), withdrawn when the webapp stops. A configuration problem stops the
 * webapp, so it never starts unprotected.
 */
public final class GatehouseJaspicListener implements ServletContextListener {

    /** The Servlet Container Profile's message layer. */
    public static final String LAYER = "HttpServlet";
    /** The context attribute holding this webapp's provider (for {@link #contextDestroyed}). */
    static final String PROVIDER_ATTRIBUTE = "dev.gatehouse.jaspic.provider";

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseJaspicListener.class);

    private final GatehouseConfig presetConfig;

    /** For web.xml: the configuration is found when the webapp starts. */
    public GatehouseJaspicListener() {
        this.presetConfig = null;
    }

    /** For programmatic registration ({@code ServletContext.addListener}) with a configuration built in code. */
    public GatehouseJaspicListener(GatehouseConfig config) {
        this.presetConfig = config;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        GatehouseConfig config;
        try {
            config = presetConfig != null ? presetConfig : new ServletConfigSource(new ConfigLoader()).load(Map.of(),
                    "webapp [" + context.getContextPath() + "]", context);
        } catch (RuntimeException e) {
            LOG.error("Gatehouse cannot start, so the webapp does not start: {}", e.getMessage());
            throw e;
        }
        GatehouseEngine engine = GatehouseEngine.builder(config).build();
        AuthConfigFactory factory = factory(context);
        String appContext = appContext(context);
        GatehouseAuthConfigProvider provider = new GatehouseAuthConfigProvider(engine);
        factory.registerConfigProvider(provider, LAYER, appContext, "Gatehouse SAML 2.0 for "
                + context.getContextPath());
        context.setAttribute(PROVIDER_ATTRIBUTE, provider);
        context.setAttribute(ProviderLink.CONTEXT_ATTRIBUTE, engine.providerLinks());
        LOG.info("Gatehouse registered as the Jakarta Authentication module of [{}]", appContext);
    }

    /**
     * Withdraws the module, unless another deployment of the same context path (a parallel deployment's new version)
     * has registered its own meanwhile. The registration is replaced by a null provider rather than removed: the
     * specification lets a null provider stand for "none", and Tomcat's authenticator, which is kept across an
     * in-place reload of the webapp, only hears of the next registration if it was listening to a registration
     * that the next one replaces; after a removal it would never look again and the reloaded webapp would have no
     * module. The null registration holds no class of this webapp.
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Object provider = context.getAttribute(PROVIDER_ATTRIBUTE);
        if (provider == null) {
            return;
        }
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        String appContext = appContext(context);
        if (factory != null && factory.getConfigProvider(LAYER, appContext, null) == provider) {
            factory.registerConfigProvider((AuthConfigProvider) null, LAYER, appContext, "Gatehouse stopped for "
                    + context.getContextPath());
        }
        context.removeAttribute(PROVIDER_ATTRIBUTE);
    }

    /** The container's factory, refusing one that the webapp itself brought (the container would never see it). */
    private static AuthConfigFactory factory(ServletContext context) {
        if (AuthConfigFactory.class.getClassLoader() == context.getClassLoader()) {
            throw new IllegalStateException("jakarta.authentication-api is inside WEB-INF/lib, so the container "
                    + "cannot see Gatehouse's registration: give the dependency the scope provided");
        }
        AuthConfigFactory factory;
        try {
            factory = AuthConfigFactory.getFactory();
        } catch (RuntimeException e) {
            throw new IllegalStateException("This container's Jakarta Authentication factory cannot be created ("
                    + e.getMessage() + "); use the Gatehouse servlet filter instead", e);
        }
        if (factory == null) {
            throw new IllegalStateException("This container has no Jakarta Authentication factory; use the Gatehouse "
                    + "servlet filter instead");
        }
        return factory;
    }

    /** The application context identifier of the Servlet Container Profile. */
    static String appContext(ServletContext context) {
        return context.getVirtualServerName() + " " + context.getContextPath();
    }
}
