package dev.gatehouse.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.config.ConfigException.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a {@link GatehouseConfig} from its three sources, all feeding the same reader and builder:
 * <ul>
 *   <li>a JSON file (comments and trailing commas allowed, duplicate keys refused), by path or {@code classpath:};
 *   <li>web.xml filter init-params, enough for a single IdP;
 *   <li>a properties map (the JASPIC module's options), read like init-params.
 * </ul>
 * {@code ${env:NAME}} and {@code ${sys:name}} placeholders are replaced in every value. Every problem is reported at
 * once, with its key, in a {@link ConfigException}. Thread-safe.
 */
public final class ConfigLoader {

    /** The system property naming the config file. */
    public static final String CONFIG_PROPERTY = "gatehouse.config";
    /** The environment variable naming the config file. */
    public static final String CONFIG_ENVIRONMENT_VARIABLE = "GATEHOUSE_CONFIG";
    /** The init-param naming the config file. */
    public static final String CONFIG_FILE_PARAMETER = "configFile";

    /** Keys that belong to the top level when configuration comes as flat parameters. */
    private static final Set<String> TOP_LEVEL_PARAMETERS =
            Set.of("externalURL", "basePath", "requestTimeout", "maxMessageSize", "maxXmlDepth",
                    "maxAttributes", "maxAttributeValues", "protectedPaths", "maxSessionLifetime", "logoutReturnTo");

    private final ConfigEnvironment environment;
    private final ObjectMapper json;

    /** A loader that reads the real environment and system properties. */
    public ConfigLoader() {
        this(ConfigEnvironment.system());
    }

    public ConfigLoader(ConfigEnvironment environment) {
        this.environment = environment;
        this.json = JsonMapper.builder(JsonFactory.builder()
                        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                        .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
                        .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .build();
    }

    /** The config file named by {@code -Dgatehouse.config}, else by {@code GATEHOUSE_CONFIG}, if any. */
    public Optional<String> locationFromEnvironment() {
        String property = environment.systemProperties().apply(CONFIG_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String variable = environment.environment().apply(CONFIG_ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(variable.trim());
        }
        return Optional.empty();
    }

    /**
     * Loads the JSON file at a location: a file path, or {@code classpath:path/in/jar.json}.
     *
     * @throws ConfigException when the file is missing, unreadable or invalid
     */
    public GatehouseConfig fromLocation(String location, ClassLoader classLoader) {
        String source = "[" + location + "]";
        byte[] bytes;
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw single(source, "configFile", "the class path resource [" + resource + "] does not exist",
                            "put the file into WEB-INF/classes/" + resource + " or use a file path");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw single(source, "configFile", "cannot be read: " + e.getMessage(), null);
            }
        } else {
            Path path = Path.of(location);
            try {
                bytes = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw single(source, "configFile", "the file [" + path.toAbsolutePath() + "] does not exist",
                        "check the path in configFile, -D" + CONFIG_PROPERTY + " or " + CONFIG_ENVIRONMENT_VARIABLE);
            } catch (IOException e) {
                throw single(source, "configFile", "the file [" + path.toAbsolutePath() + "] cannot be read: "
                        + e.getMessage(), "check the file's permissions");
            }
        }
        return fromJson(new String(bytes, StandardCharsets.UTF_8), source);
    }

    /**
     * Reads a JSON configuration document.
     *
     * @param source how to name the document in error messages
     */
    public GatehouseConfig fromJson(String text, String source) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw single(source, "(file)", "is not valid JSON" + where + ": " + e.getOriginalMessage(), null);
        }
        if (tree == null || !tree.isObject()) {
            throw single(source, "(file)", "must contain a JSON object", "start from the example in the README");
        }
        return new ConfigReader(source, new Placeholders(environment), false).read((ObjectNode) tree);
    }

    /**
     * Reads flat parameters (web.xml filter init-params or JASPIC module options) describing one provider. Names
     * are the JSON keys; nested keys are written with dots ({@code identityProvider.entityId},
     * {@code protectedPaths.exclude}); lists are comma-separated. {@code configFile} is ignored here.
     */
    public GatehouseConfig fromParameters(Map<String, String> parameters, String source) {
        ObjectNode root = json.createObjectNode();
        ObjectNode provider = json.createObjectNode();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String name = e.getKey();
            if (name.equals(CONFIG_FILE_PARAMETER)) {
                continue;
            }
            String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            ObjectNode target = TOP_LEVEL_PARAMETERS.contains(first) ? root : provider;
            put(target, name, e.getValue());
        }
        ArrayNode providers = root.putArray("providers");
        providers.add(provider);
        return new ConfigReader(source, new Placeholders(environment), true).read(root);
    }

    /** Whether flat parameters describe an IdP (so they, and not a file, are the configuration). */
    public static boolean describesProvider(Map<String, String> parameters) {
        return parameters.keySet().stream().anyMatch(k -> k.equals("identityProviderMetadataURL")
                || k.equals("identityProviderMetadata") || k.startsWith("identityProvider."));
    }

    /**
     * Sets a dotted parameter: {@code a.b} is {@code {"a": {"b": ...}}}, and a numeric part makes a list of objects,
     * so {@code keys.0.keystore} and {@code keys.1.keystore} are two entries of {@code keys}.
     */
    private static void put(ObjectNode target, String dottedName, String value) {
        String[] parts = dottedName.split("\\.");
        ObjectNode node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            if (i + 1 < parts.length - 1 && parts[i + 1].matches("[0-9]{1,2}")) {
                JsonNode list = node.get(parts[i]);
                ArrayNode array = list instanceof ArrayNode a ? a : node.putArray(parts[i]);
                int index = Integer.parseInt(parts[++i]);
                while (array.size() <= index) {
                    array.addObject();
                }
                node = (ObjectNode) array.get(index);
                continue;
            }
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static ConfigException single(String source, String key, String problem, String fix) {
        return new ConfigException(source, List.of(new ConfigProblem(key, problem, fix)));
    }
}
