package dev.gatehouse.filter;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigException.ConfigProblem;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatehouseConfig;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the filter's configuration, first match wins:
 * <ol>
 *   <li>filter init-param {@code configFile} (a file path or {@code classpath:...});</li>
 *   <li>filter init-params describing the IdP directly ({@code identityProviderMetadataURL},
 *       {@code identityProviderMetadata} or {@code identityProvider.*}, with {@code externalURL} and friends);</li>
 *   <li>context-param {@code gatehouse.configFile};</li>
 *   <li>system property {@code gatehouse.config};</li>
 *   <li>environment variable {@code GATEHOUSE_CONFIG}.</li>
 * </ol>
 */
final class InitParamConfigSource {

    /** The context-param naming the config file. */
    static final String CONTEXT_PARAMETER = "gatehouse.configFile";

    private final ConfigLoader loader;

    InitParamConfigSource(ConfigLoader loader) {
        this.loader = loader;
    }

    GatehouseConfig load(FilterConfig filterConfig) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        ServletContext context = filterConfig.getServletContext();
        ClassLoader classLoader = context.getClassLoader();
        String file = params.get(ConfigLoader.CONFIG_FILE_PARAMETER);
        if (file != null && !file.isBlank()) {
            return loader.fromLocation(file.trim(), classLoader);
        }
        if (ConfigLoader.describesProvider(params)) {
            return loader.fromParameters(params, "filter [" + filterConfig.getFilterName() + "] init-params");
        }
        return location(context).map(l -> loader.fromLocation(l, classLoader)).orElseThrow(() ->
                new ConfigException("filter [" + filterConfig.getFilterName() + "]", List.of(new ConfigProblem(
                        "configFile", "no Gatehouse configuration was found",
                        "set the filter init-param configFile, or the context-param " + CONTEXT_PARAMETER
                                + ", or -D" + ConfigLoader.CONFIG_PROPERTY + "=/path/gatehouse.json, or the "
                                + "environment variable " + ConfigLoader.CONFIG_ENVIRONMENT_VARIABLE + "; or describe "
                                + "the IdP with init-params (externalURL, identityProviderMetadataURL)"))));
    }

    /** The config file location from the context-param, system property or environment, if any. */
    Optional<String> location(ServletContext context) {
        String param = context.getInitParameter(CONTEXT_PARAMETER);
        if (param != null && !param.isBlank()) {
            return Optional.of(param.trim());
        }
        return loader.locationFromEnvironment();
    }
}
