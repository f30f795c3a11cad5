package dev.gatehouse.filter;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.web.GatehouseEngine;
import dev.gatehouse.web.Outcome;
import dev.gatehouse.web.ProviderLink;
import dev.gatehouse.web.ServletConfigSource;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAML 2.0 single sign-on for any Servlet 6 webapp. Register it in {@code web.xml} (or let
 * {@link GatehouseInitializer} do it when a configuration is present, or add it programmatically with
 * {@link #GatehouseFilter(GatehouseConfig)}), mapped to {@code /*} before the application's own filters.
 *
 * <p>A thin door: every decision is the {@link GatehouseEngine}'s; this class only turns its {@link Outcome} into
 * "continue the chain", "continue as this user" or "stop". A configuration problem makes {@link #init} fail, so the
 * webapp does not start half-protected.
 */
public final class GatehouseFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseFilter.class);

    private final GatehouseConfig presetConfig;
    private final GatehouseEngine presetEngine;
    private volatile GatehouseEngine engine;

    /** For web.xml and the initializer: the configuration is found in {@link #init}. */
    public GatehouseFilter() {
        this.presetConfig = null;
        this.presetEngine = null;
    }

    /** For programmatic registration with a configuration built in code. */
    public GatehouseFilter(GatehouseConfig config) {
        this.presetConfig = config;
        this.presetEngine = null;
    }

    /** For programmatic registration with an engine built in code (own stores, clock). */
    public GatehouseFilter(GatehouseEngine engine) {
        this.presetConfig = null;
        this.presetEngine = engine;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        try {
            if (presetEngine != null) {
                engine = presetEngine;
            } else {
                GatehouseConfig config = presetConfig != null ? presetConfig
                        : new ServletConfigSource(new ConfigLoader()).load(initParameters(filterConfig),
                                "filter [" + filterConfig.getFilterName() + "] init-params",
                                filterConfig.getServletContext());
                engine = GatehouseEngine.builder(config).build();
            }
            filterConfig.getServletContext().setAttribute(ProviderLink.CONTEXT_ATTRIBUTE, engine.providerLinks());
        } catch (RuntimeException e) {
            LOG.error("Gatehouse cannot start, so the webapp does not start: {}", e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
    }

    private static Map<String, String> initParameters(FilterConfig filterConfig) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        return params;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        Outcome outcome = engine.handle(httpRequest, httpResponse);
        if (outcome instanceof Outcome.Authenticated authenticated) {
            chain.doFilter(new AuthenticatedRequest(httpRequest, authenticated.principal()), response);
        } else if (outcome instanceof Outcome.Anonymous) {
            chain.doFilter(request, response);
        }
    }

    @Override
    public void destroy() {
        engine = null;
    }
}
