package dev.gatehouse.filter;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.web.ServletConfigSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-code registration: when the gatehouse-filter jar is in {@code WEB-INF/lib} and a configuration file is named
 * (context-param {@code gatehouse.configFile}, {@code -Dgatehouse.config} or {@code GATEHOUSE_CONFIG}), adds the
 * {@link GatehouseFilter} on {@code /*} ahead of the webapp's own filters. Does nothing when no configuration is
 * named, when web.xml already registers the filter, or when the context-param {@code gatehouse.autoRegister} is
 * {@code false}.
 */
public final class GatehouseInitializer implements ServletContainerInitializer {

    /** The name of the automatically registered filter. */
    public static final String FILTER_NAME = "gatehouse";
    /** The context-param that turns automatic registration off. */
    public static final String AUTO_REGISTER_PARAMETER = "gatehouse.autoRegister";

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseInitializer.class);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if ("false".equalsIgnoreCase(context.getInitParameter(AUTO_REGISTER_PARAMETER))) {
            LOG.debug("Gatehouse automatic registration is off for [{}]", context.getContextPath());
            return;
        }
        boolean declared = context.getFilterRegistrations().values().stream()
                .anyMatch(r -> GatehouseFilter.class.getName().equals(r.getClassName()));
        if (declared) {
            LOG.debug("Gatehouse filter is declared in web.xml of [{}]; not registering it again",
                    context.getContextPath());
            return;
        }
        Optional<String> location = new ServletConfigSource(new ConfigLoader()).location(context);
        if (location.isEmpty()) {
            LOG.debug("No Gatehouse configuration named for [{}]; not registering the filter",
                    context.getContextPath());
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, GatehouseFilter.class);
        if (registration == null) {
            LOG.warn("A filter named [{}] already exists in [{}]; Gatehouse is not registered automatically",
                    FILTER_NAME, context.getContextPath());
            return;
        }
        registration.setInitParameter(ConfigLoader.CONFIG_FILE_PARAMETER, location.get());
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        registration.setAsyncSupported(true);
        LOG.info("Gatehouse filter registered automatically for [{}] with configuration [{}]",
                context.getContextPath(), location.get());
    }
}
