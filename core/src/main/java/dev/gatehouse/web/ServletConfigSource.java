package dev.gatehouse.web;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigException.ConfigProblem;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatehouseConfig;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a webapp's Gatehouse configuration, first match wins:
 * <ol>
 *   <li>the adapter's own parameter {@code configFile} (filter init-param, or a property of a Jakarta
 *       Authentication provider registration): a file path or {@code classpath:...};</li>
 *   <li>the adapter's own parameters describing the IdP directly ({@code identityProviderMetadataURL},
 *       {@code identityProviderMetadata} or {@code identityProvider.*}, with {@code externalURL} and friends);</li>
 *   <li>context-param {@code gatehouse.configFile};</li>
 *   <li>system property {@code gatehouse.config};</li>
 *   <li>environment variable {@code GATEHOUSE_CONFIG}.</li>
 * </ol>
 * Shared by the servlet filter and the Jakarta Authentication module, so both read the same files the same way.
 */
public final class ServletConfigSource {

    /** The context-param naming the config file. */
    public static final String CONTEXT_PARAMETER = "gatehouse.configFile";

    private final ConfigLoader loader;

    public ServletConfigSource(ConfigLoader loader) {
        this.loader = loader;
    }

    /**
     * Loads the configuration.
     *
     * @param own the adapter's own parameters (may be empty)
     * @param ownName how errors name them, e.g. {@code filter [gatehouse] init-params}
     * @param context the webapp
     * @throws ConfigException when nothing is found or the configuration is invalid
     */
    public GatehouseConfig load(Map<String, String> own, String ownName, ServletContext context) {
        ClassLoader classLoader = context.getClassLoader();
        String file = own.get(ConfigLoader.CONFIG_FILE_PARAMETER);
        if (file != null && !file.isBlank()) {
            return loader.fromLocation(file.trim(), classLoader);
        }
        if (ConfigLoader.describesProvider(own)) {
            return loader.fromParameters(own, ownName);
        }
        return location(context).map(l -> loader.fromLocation(l, classLoader)).orElseThrow(() ->
                new ConfigException(ownName, List.of(new ConfigProblem(
                        "configFile", "no Gatehouse configuration was found",
                        "set " + ConfigLoader.CONFIG_FILE_PARAMETER + " there, or the context-param "
                                + CONTEXT_PARAMETER + ", or -D" + ConfigLoader.CONFIG_PROPERTY
                                + "=/path/gatehouse.json, or the environment variable "
                                + ConfigLoader.CONFIG_ENVIRONMENT_VARIABLE + "; or describe the IdP with parameters "
                                + "(externalURL, identityProviderMetadataURL)"))));
    }

    /** The config file location from the context-param, system property or environment, if any. */
    public Optional<String> location(ServletContext context) {
        String param = context.getInitParameter(CONTEXT_PARAMETER);
        if (param != null && !param.isBlank()) {
            return Optional.of(param.trim());
        }
        return loader.locationFromEnvironment();
    }
}
