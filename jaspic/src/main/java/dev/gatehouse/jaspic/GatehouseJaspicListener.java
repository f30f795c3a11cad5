package dev.gatehouse.jaspic;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.web.GatehouseEngine;
import dev.gatehouse.web.ProviderLink;
import dev.gatehouse.web.ServletConfigSource;
import jakarta.security.auth.message.config.AuthConfigFactory;
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
 * {@code "<virtual server name> <context path>"}). The registration is removed when the webapp stops. A
 * configuration problem stops the webapp, so it never starts unprotected.
 */
public final class GatehouseJaspicListener implements ServletContextListener {

    /** The Servlet Container Profile's message layer. */
    public static final String LAYER = "HttpServlet";
    /** The context attribute holding the registration id (for {@link #contextDestroyed}). */
    static final String REGISTRATION_ATTRIBUTE = "dev.gatehouse.jaspic.registration";

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
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory == null) {
            throw new IllegalStateException("This container has no Jakarta Authentication factory; use the Gatehouse "
                    + "servlet filter instead");
        }
        String appContext = appContext(context);
        String registration = factory.registerConfigProvider(new GatehouseAuthConfigProvider(engine), LAYER,
                appContext, "Gatehouse SAML 2.0 for " + context.getContextPath());
        context.setAttribute(REGISTRATION_ATTRIBUTE, registration);
        context.setAttribute(ProviderLink.CONTEXT_ATTRIBUTE, engine.providerLinks());
        LOG.info("Gatehouse registered as the Jakarta Authentication module of [{}]", appContext);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object registration = event.getServletContext().getAttribute(REGISTRATION_ATTRIBUTE);
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (registration instanceof String id && factory != null) {
            factory.removeRegistration(id);
        }
    }

    /** The application context identifier of the Servlet Container Profile. */
    static String appContext(ServletContext context) {
        return context.getVirtualServerName() + " " + context.getContextPath();
    }
}
