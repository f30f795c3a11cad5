package dev.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.ConfigException.ConfigProblem;
import dev.gatehouse.crypto.Certificates;
import dev.gatehouse.crypto.KeyLoader;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyRing;
import java.nio.file.Path;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a configuration tree (from JSON, or built from init-params) into a {@link GatehouseConfig}, collecting
 * every problem with its key instead of stopping at the first. One instance reads one tree.
 */
final class ConfigReader {

    private static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final String source;
    private final Placeholders placeholders;
    private final boolean initParams;
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Whether a top-level key failed to load (then key options are not checked against the keys that did). */
    private boolean sharedKeysBroken;

    ConfigReader(String source, Placeholders placeholders, boolean initParams) {
        this.source = source;
        this.placeholders = placeholders;
        this.initParams = initParams;
    }

    GatehouseConfig read(ObjectNode root) {
        Obj top = new Obj(root, "");
        top.get("$schema");
        GatehouseConfig.Builder builder = GatehouseConfig.builder();

        String external = top.text("externalURL");
        if (external == null) {
            problem(top.key("externalURL"), "is required",
                    "set it to the public base URL of this webapp including the context path, without trailing "
                            + "slash, e.g. https://app.example.com/myapp");
        } else {
            URI url = uri(top.key("externalURL"), external);
            if (url != null) {
                String p = GatehouseConfig.externalUrlProblem(url);
                if (p != null) {
                    problem(top.key("externalURL"), p, "e.g. https://app.example.com/myapp");
                } else {
                    builder.externalUrl(url);
                }
            }
        }
        String basePath = top.text("basePath");
        if (basePath != null) {
            String p = GatehouseConfig.basePathProblem(basePath);
            if (p != null) {
                problem(top.key("basePath"), p, "use a path such as /saml");
            } else {
                builder.basePath(basePath);
            }
        }
        Duration timeout = top.duration("requestTimeout");
        if (timeout != null) {
            builder.requestTimeout(timeout);
        }
        Duration maxLifetime = top.duration("maxSessionLifetime");
        if (maxLifetime != null) {
            builder.maxSessionLifetime(maxLifetime);
        }
        String logoutReturnTo = top.text("logoutReturnTo");
        if (logoutReturnTo != null) {
            if (!logoutReturnTo.startsWith("/") || logoutReturnTo.startsWith("//")) {
                problem(top.key("logoutReturnTo"), "[" + logoutReturnTo + "] is not a path of this application",
                        "use a path relative to the webapp, such as / or /goodbye.html");
            } else {
                builder.logoutReturnTo(logoutReturnTo);
            }
        }
        MessageLimits d = MessageLimits.DEFAULTS;
        int maxSize = limit(top, "maxMessageSize", d.maxMessageSize(), 1024, Integer.MAX_VALUE);
        int maxDepth = limit(top, "maxXmlDepth", d.maxXmlDepth(), 16, 1000);
        int maxAttributes = limit(top, "maxAttributes", d.maxAttributes(), 1, Integer.MAX_VALUE);
        int maxValues = limit(top, "maxAttributeValues", d.maxAttributeValues(), 1, Integer.MAX_VALUE);
        builder.limits(new MessageLimits(maxSize, maxDepth, maxAttributes, maxValues));
        builder.userStore(readUserStore(top));
        Obj paths = top.object("protectedPaths");
        if (paths != null) {
            List<String> include = patterns(paths, "include");
            List<String> exclude = patterns(paths, "exclude");
            builder.protectedPaths(new PathRules(include == null ? List.of("/*") : include,
                    exclude == null ? List.of() : exclude));
            paths.finish();
        }

        int beforeKeys = problems.size();
        SpKeyRing sharedKeys = keys(top);
        sharedKeysBroken = problems.size() > beforeKeys;
        JsonNode providers = top.get("providers");
        if (providers == null || !providers.isArray() || providers.isEmpty()) {
            problem(top.key("providers"), providers == null ? "is required" : "must be a non-empty list",
                    "add one entry per identity provider, e.g. {\"id\": \"okta\", \"identityProviderMetadataURL\": "
                            + "\"https://...\"}");
        } else {
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < providers.size(); i++) {
                String path = initParams ? "" : "providers[" + i + "]";
                JsonNode entry = providers.get(i);
                if (!entry.isObject()) {
                    problem(path, "must be an object", null);
                    continue;
                }
                ProviderConfig provider = readProvider(new Obj((ObjectNode) entry, path), providers.size() == 1,
                        sharedKeys);
                if (provider != null) {
                    if (!ids.add(provider.id())) {
                        problem(path + (path.isEmpty() ? "" : ".") + "id", "provider id [" + provider.id()
                                + "] is used twice", "give every provider its own id");
                    }
                    builder.provider(provider);
                }
            }
        }
        top.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return builder.build();
    }

    private int limit(Obj top, String key, int defaultValue, int min, int max) {
        Integer value = top.integer(key);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            problem(top.key(key), "is [" + value + "], outside [" + min + ", " + max + "]", "remove it to use the "
                    + "default [" + defaultValue + "]");
            return defaultValue;
        }
        return value;
    }

    private ProviderConfig readProvider(Obj p, boolean only, SpKeyRing sharedKeys) {
        int before = problems.size();
        String id = p.alias("id", "configID");
        if (id == null) {
            if (!only) {
                problem(p.key("id"), "is required when several providers are configured",
                        "give each provider a short id such as \"okta\"; it becomes part of the endpoint URLs");
            }
            id = "default";
        } else if (!ProviderConfig.ID_PATTERN.matcher(id).matches()) {
            problem(p.key("id"), "[" + id + "] is not a usable URL path segment",
                    "use letters, digits, '.', '_' or '-' (at most 64), e.g. \"okta\"");
            id = "default";
        }
        String type = p.text("type");
        if (type != null && !type.equals("saml")) {
            problem(p.key("type"), "is [" + type + "]; Gatehouse only reads SAML providers", "remove the entry or "
                    + "set type to \"saml\"");
        }
        ProviderConfig.Builder b = ProviderConfig.builder(id);
        b.displayName(p.text("displayName"));
        b.spEntityId(p.alias("spEntityId", "serviceProviderIssuer"));
        b.idp(readIdpSource(p));

        ValidationPolicy defaults = ValidationPolicy.defaults();
        Boolean wantSigned = p.bool("wantAssertionsSigned");
        Boolean idpInitiated = p.bool("allowIdpInitiated");
        Duration skew = p.duration("clockSkew");
        Duration maxAge = p.duration("maxAuthenticationAge");
        Boolean sha1 = p.bool("allowSha1");
        Boolean unsignedLogout = p.bool("allowUnsignedLogoutRequests");
        if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
            problem(p.key("maxAuthenticationAge"), "must be positive", "e.g. \"8h\", or remove the key");
            maxAge = null;
        }
        b.validation(new ValidationPolicy(wantSigned == null ? defaults.wantAssertionsSigned() : wantSigned,
                idpInitiated == null ? defaults.allowIdpInitiated() : idpInitiated,
                skew == null ? defaults.clockSkew() : skew, maxAge, sha1 != null && sha1,
                unsignedLogout != null && unsignedLogout));

        b.authnRequest(readAuthnRequest(p));
        IdpPreset preset = readPreset(p);
        b.preset(preset);
        b.attributes(readAttributes(p, preset));
        b.roles(readRoles(p));
        JsonNode allowGroups = p.get("allowGroups");
        if (allowGroups != null) {
            b.allowGroups(p.stringList("allowGroups"));
        }
        b.allowSignup(p.bool("allowSignup"));
        AccountPolicy accountDefaults = AccountPolicy.defaults();
        Boolean caseSensitiveGroups = p.bool("caseSensitiveGroups");
        Boolean linkByEmail = p.bool("linkAccountsByEmail");
        Boolean updateProfile = p.bool("updateProfileOnLogin");
        b.accounts(new AccountPolicy(
                caseSensitiveGroups == null ? accountDefaults.caseSensitiveGroups() : caseSensitiveGroups,
                linkByEmail == null ? accountDefaults.linkByEmail() : linkByEmail,
                updateProfile == null ? accountDefaults.updateProfile() : updateProfile));
        int beforeKeys = problems.size();
        SpKeyRing own = keys(p);
        SpKeyRing inline = sourcegraphKey(p);
        boolean keysBroken = problems.size() > beforeKeys || (own == null && inline == null && sharedKeysBroken);
        if (own != null && inline != null) {
            problem(p.key("serviceProviderPrivateKey"), "is set as well as keys", "keep only one of the two");
        }
        SpKeyRing ring = own != null ? own : inline != null ? inline : sharedKeys != null ? sharedKeys : SpKeyRing.NONE;
        b.keys(ring);
        Boolean signAuthn = p.alias("signAuthnRequests", "signRequests") == null ? null
                : Boolean.valueOf(p.bool("signAuthnRequests") != null ? p.bool("signAuthnRequests")
                        : p.bool("signRequests"));
        Integer minRsa = p.integer("minRsaKeySize");
        if (minRsa != null && minRsa < 1024) {
            problem(p.key("minRsaKeySize"), "is [" + minRsa + "]; at least 1024", "remove it to require 2048 bits");
            minRsa = null;
        }
        Boolean signMetadata = p.bool("signMetadata");
        Boolean wantEncrypted = p.bool("wantAssertionsEncrypted");
        Boolean rsa15 = p.bool("allowRsa15KeyTransport");
        KeyOptions keyOptions = new KeyOptions(signAuthn, signMetadata != null && signMetadata,
                wantEncrypted != null && wantEncrypted, rsa15 != null && rsa15,
                minRsa == null ? KeyOptions.DEFAULT_MIN_RSA_KEY_SIZE : minRsa);
        b.keyOptions(keyOptions);
        // a key that failed to load was reported; the options that need it would only repeat that
        boolean canSign = keysBroken || ring.activeSigningKey().isPresent();
        if (Boolean.TRUE.equals(signAuthn) && !canSign) {
            problem(p.key(p.get("signAuthnRequests") != null ? "signAuthnRequests" : "signRequests"),
                    "is true but no active signing key is configured",
                    "add a key with use \"signing\" or \"both\" under keys");
        }
        if (keyOptions.signMetadata() && !canSign) {
            problem(p.key("signMetadata"), "is true but no active signing key is configured",
                    "add a key with use \"signing\" or \"both\" under keys");
        }
        if (keyOptions.allowRsa15KeyTransport() && ring.encryptionKeys().stream().anyMatch(SpKey::signing)) {
            problem(p.key("allowRsa15KeyTransport"), "needs encryption keys that do not also sign: a "
                    + "Bleichenbacher oracle on RSA 1.5 decryption could forge the SP's signatures with the same key",
                    "give the IdP a separate key with \"use\": \"encryption\" (and mark the signing key "
                    + "\"use\": \"signing\"), or switch the IdP to RSA-OAEP and remove allowRsa15KeyTransport");
        }
        if (keyOptions.wantAssertionsEncrypted() && !keysBroken && ring.encryptionKeys().isEmpty()) {
            problem(p.key("wantAssertionsEncrypted"), "is true but no encryption key is configured",
                    "add a key with use \"encryption\" or \"both\" under keys, and give its certificate to the IdP");
        }

        refuseUnsupported(p);
        p.finish();
        if (problems.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(p.path, String.valueOf(e.getMessage()), null);
            return null;
        }
    }

    /** The {@code userStore}: absent or {@code "type": "none"} for none, {@code "jdbc"} for a user table. */
    private JdbcStoreConfig readUserStore(Obj top) {
        Obj store = top.object("userStore");
        if (store == null) {
            return null;
        }
        String type = store.text("type");
        if (type == null || type.equals("none")) {
            store.finish();
            return null;
        }
        if (!type.equals("jdbc")) {
            problem(store.key("type"), "is [" + type + "]", "use \"jdbc\" (or \"none\"); other stores plug in "
                    + "through GatehouseEngine.builder(config).userStore(...)");
            return null;
        }
        String dataSource = store.text("dataSource");
        String jdbcUrl = store.text("jdbcUrl");
        String username = store.text("username");
        String password = store.secret("password");
        String table = store.text("table");
        Map<String, String> columns = nullableStrings(store, "columns", JdbcStoreConfig.COLUMN_NAMES);
        Map<String, String> sql = nullableStrings(store, "sql", JdbcStoreConfig.STATEMENT_NAMES);
        store.finish();
        if ((dataSource == null) == (jdbcUrl == null)) {
            problem(store.path, "needs exactly one of dataSource and jdbcUrl",
                    "e.g. \"dataSource\": \"java:comp/env/jdbc/app\" (the container's pool)");
            return null;
        }
        if (table == null) {
            problem(store.key("table"), "is required", "the name of the application's user table");
            return null;
        }
        try {
            return new JdbcStoreConfig(dataSource, jdbcUrl, username, password, table, columns, sql);
        } catch (IllegalArgumentException e) {
            problem(store.path, e.getMessage(), null);
            return null;
        }
    }

    /** An object of strings whose keys must be among {@code allowed}; a JSON null value stays null. */
    private Map<String, String> nullableStrings(Obj parent, String name, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode node = parent.get(name);
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            problem(parent.key(name), "must be an object", null);
            return values;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = parent.key(name) + "." + field.getKey();
            if (!allowed.contains(field.getKey())) {
                String suggestion = closest(field.getKey(), allowed);
                problem(path, "is not a Gatehouse configuration key", suggestion == null ? "use one of "
                        + new java.util.TreeSet<>(allowed) : "did you mean " + suggestion + "?");
            } else if (field.getValue().isNull()) {
                values.put(field.getKey(), null);
            } else if (field.getValue().isTextual()) {
                values.put(field.getKey(), placeholders(path, field.getValue().asText()).trim());
            } else {
                problem(path, "must be a string or null", null);
            }
        }
        return values;
    }

    /** Sourcegraph keys Gatehouse will never honour: say so instead of silently ignoring them. */
    private void refuseUnsupported(Obj p) {
        Boolean skip = p.bool("insecureSkipAssertionSignatureCheck");
        if (Boolean.TRUE.equals(skip)) {
            problem(p.key("insecureSkipAssertionSignatureCheck"), "Gatehouse never skips signature checks",
                    "remove the key and configure the IdP's signing certificate or metadata");
        }
    }

    /** The {@code keys} list of an object, or null when absent. */
    private SpKeyRing keys(Obj parent) {
        JsonNode list = parent.get("keys");
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            problem(parent.key("keys"), "must be a list of keys", null);
            return null;
        }
        List<SpKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = parent.key("keys") + "[" + i + "]";
            if (!list.get(i).isObject()) {
                problem(path, "must be an object", null);
                continue;
            }
            SpKey key = key(new Obj((ObjectNode) list.get(i), path), i);
            if (key != null) {
                keys.add(key);
            }
        }
        return activate(parent.key("keys"), keys);
    }

    private SpKey key(Obj k, int index) {
        String name = k.text("name");
        String keystore = k.text("keystore");
        String keyFile = k.text("privateKeyFile");
        String keyPem = k.text("privateKey");
        String certificateFile = k.text("certificateFile");
        String certificatePem = k.text("certificate");
        String type = k.text("keystoreType");
        String alias = k.text("alias");
        String password = k.secret("password");
        String keyPassword = k.secret("keyPassword");
        String use = k.text("use");
        Boolean active = k.bool("active");
        k.finish();
        int sources = (keystore != null ? 1 : 0) + (keyFile != null ? 1 : 0) + (keyPem != null ? 1 : 0);
        if (sources != 1) {
            problem(k.path, "needs exactly one of keystore, privateKeyFile and privateKey",
                    "e.g. {\"keystore\": \"/etc/app/sp.p12\", \"password\": \"${env:SP_KEYSTORE_PASSWORD}\"}");
            return null;
        }
        for (String pathKey : new String[] {"keystore", "privateKeyFile", "certificateFile"}) {
            String value = pathKey.equals("keystore") ? keystore : pathKey.equals("privateKeyFile") ? keyFile
                    : certificateFile;
            if (value != null && (value.contains("-----BEGIN") || value.contains("\n"))) {
                // never echo it: it may be the private key itself
                problem(k.key(pathKey), "holds PEM text, not a file path", "put PEM text in "
                        + (pathKey.equals("certificateFile") ? "certificate" : "privateKey") + " instead");
                return null;
            }
        }
        boolean signing = true;
        boolean encryption = true;
        if (use != null) {
            switch (use.toLowerCase(Locale.ROOT)) {
                case "signing" -> encryption = false;
                case "encryption" -> signing = false;
                case "both" -> { }
                default -> {
                    problem(k.key("use"), "is [" + use + "]", "use \"signing\", \"encryption\" or \"both\"");
                    return null;
                }
            }
        }
        String label = name != null ? name : keystore != null ? keystore : keyFile != null ? keyFile : "keys[" + index
                + "]";
        try {
            KeyLoader.Loaded loaded;
            if (keystore != null) {
                loaded = KeyLoader.fromKeystore(Path.of(keystore), type, alias, chars(password), chars(keyPassword));
            } else {
                String certificate = certificatePem;
                if (certificateFile != null) {
                    certificate = read(certificateFile);
                }
                if (certificate == null) {
                    problem(k.path, "a PEM private key needs its certificate", "set certificateFile (or certificate)");
                    return null;
                }
                String pem = keyFile != null ? read(keyFile) : keyPem;
                loaded = KeyLoader.fromPem(pem, certificate, chars(password), label);
            }
            boolean rsa = loaded.certificate().getPublicKey() instanceof java.security.interfaces.RSAPublicKey;
            if (!rsa && use == null) {
                encryption = false; // an EC key signs only: IdPs encrypt to RSA keys
            }
            return new SpKey(label, loaded.privateKey(), loaded.certificate(), signing, encryption,
                    active != null && active);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            problem(k.path, e.getMessage(), "check the path, alias and password (passwords belong in ${env:...})");
            return null;
        }
    }

    /** Sourcegraph's inline serviceProviderCertificate + serviceProviderPrivateKey, as one key for both uses. */
    private SpKeyRing sourcegraphKey(Obj p) {
        String certificate = p.text("serviceProviderCertificate");
        String privateKey = p.text("serviceProviderPrivateKey");
        if (certificate == null && privateKey == null) {
            return null;
        }
        if (certificate == null || privateKey == null) {
            problem(p.key(certificate == null ? "serviceProviderCertificate" : "serviceProviderPrivateKey"),
                    "is required together with " + (certificate == null ? "serviceProviderPrivateKey"
                            : "serviceProviderCertificate"), null);
            return null;
        }
        try {
            KeyLoader.Loaded loaded = KeyLoader.fromPem(privateKey, certificate, null, "serviceProviderPrivateKey");
            return new SpKeyRing(List.of(new SpKey("serviceProviderPrivateKey", loaded.privateKey(),
                    loaded.certificate(), true, true, true)));
        } catch (IllegalArgumentException e) {
            problem(p.key("serviceProviderPrivateKey"), e.getMessage(), null);
            return null;
        }
    }

    /** Marks the active signing key: the one marked, or the only signing key. */
    private SpKeyRing activate(String key, List<SpKey> keys) {
        List<SpKey> marked = keys.stream().filter(SpKey::active).toList();
        for (SpKey k : marked) {
            if (!k.signing()) {
                problem(key, "key [" + k.name() + "] is marked active but is not a signing key",
                        "remove active, or use \"signing\" or \"both\"");
                return null;
            }
        }
        if (marked.size() > 1) {
            problem(key, "marks " + marked.size() + " keys active", "mark only the signing key in use as active");
            return null;
        }
        List<SpKey> signing = keys.stream().filter(SpKey::signing).toList();
        if (marked.isEmpty() && signing.size() > 1) {
            problem(key, "holds " + signing.size() + " signing keys and none is marked active",
                    "during a rollover, mark the key that signs now with \"active\": true");
            return null;
        }
        if (marked.isEmpty() && signing.size() == 1) {
            SpKey only = signing.get(0);
            List<SpKey> result = new ArrayList<>();
            for (SpKey k : keys) {
                result.add(k == only ? k.withActive(true) : k);
            }
            return new SpKeyRing(result);
        }
        return new SpKeyRing(keys);
    }

    private static char[] chars(String value) {
        return value == null ? null : value.toCharArray();
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("the file [" + Path.of(file).toAbsolutePath() + "] does not exist");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the file [" + file + "] cannot be read: " + e.getMessage());
        }
    }

    private IdpSource readIdpSource(Obj p) {
        String url = p.text("identityProviderMetadataURL");
        String xml = p.text("identityProviderMetadata");
        Obj fields = p.object("identityProvider");
        String entityId = p.text("identityProviderEntityId");
        Duration timeout = p.duration("metadataTimeout");
        Boolean insecure = p.bool("allowInsecureMetadataURL");
        int count = (url != null ? 1 : 0) + (xml != null ? 1 : 0) + (fields != null ? 1 : 0);
        if (count != 1) {
            problem(p.key(count == 0 ? "identityProviderMetadataURL" : "identityProvider"),
                    count == 0 ? "no identity provider is described"
                            : "only one of identityProviderMetadataURL, identityProviderMetadata and identityProvider "
                                    + "may be set, found " + count,
                    "set exactly one of identityProviderMetadataURL (URL of the IdP's metadata), "
                            + "identityProviderMetadata (the metadata XML) or identityProvider {entityId, ssoUrl, "
                            + "certificates}");
            if (fields != null) {
                fields.finish();
            }
            return null;
        }
        if (url != null) {
            URI uri = uri(p.key("identityProviderMetadataURL"), url);
            if (uri == null) {
                return null;
            }
            boolean allowInsecure = insecure != null && insecure;
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problem(p.key("identityProviderMetadataURL"), "[" + url + "] is not an http(s) URL", null);
                return null;
            }
            if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
                problem(p.key("identityProviderMetadataURL"), "[" + url + "] uses plain http, so anyone on the "
                        + "network path could replace the IdP's certificates",
                        "use the https URL of the metadata, or set allowInsecureMetadataURL to true if the "
                                + "network is trusted");
                return null;
            }
            return new IdpSource.MetadataUrl(uri, entityId, timeout == null ? DEFAULT_METADATA_TIMEOUT : timeout,
                    allowInsecure);
        }
        if (xml != null) {
            return new IdpSource.InlineMetadata(xml, entityId);
        }
        String idpEntityId = fields.text("entityId");
        String ssoUrl = fields.text("ssoUrl");
        String ssoBinding = fields.text("ssoBinding");
        String sloUrl = fields.text("sloUrl");
        String sloBinding = fields.text("sloBinding");
        List<X509Certificate> certificates = certificates(fields);
        fields.finish();
        if (idpEntityId == null) {
            problem(fields.key("entityId"), "is required", "copy the IdP's entity ID (Issuer), e.g. from its "
                    + "metadata or the IdP's SAML setup page");
        }
        URI sso = null;
        if (ssoUrl == null) {
            problem(fields.key("ssoUrl"), "is required", "copy the IdP's SAML single sign-on URL");
        } else {
            sso = uri(fields.key("ssoUrl"), ssoUrl);
        }
        URI slo = sloUrl == null ? null : uri(fields.key("sloUrl"), sloUrl);
        Binding binding = ssoBinding == null ? Binding.HTTP_REDIRECT : binding(fields.key("ssoBinding"), ssoBinding);
        Binding logoutBinding = sloBinding == null ? Binding.HTTP_REDIRECT
                : binding(fields.key("sloBinding"), sloBinding);
        if (idpEntityId == null || sso == null || binding == null || logoutBinding == null || certificates == null
                || (sloUrl != null && slo == null)) {
            return null;
        }
        return new IdpSource.Fields(idpEntityId, sso, binding, slo, logoutBinding, certificates);
    }

    private List<X509Certificate> certificates(Obj fields) {
        List<String> texts = new ArrayList<>();
        String single = fields.text("certificate");
        if (single != null) {
            texts.add(single);
        }
        JsonNode many = fields.get("certificates");
        if (many != null) {
            if (many.isArray()) {
                for (JsonNode n : many) {
                    texts.add(placeholders(fields.key("certificates"), n.asText()));
                }
            } else {
                String all = placeholders(fields.key("certificates"), many.asText());
                if (all.contains("-----BEGIN")) {
                    texts.add(all);
                } else {
                    for (String part : all.split(",")) {
                        if (!part.isBlank()) {
                            texts.add(part);
                        }
                    }
                }
            }
        }
        String key = fields.key(many != null ? "certificates" : "certificate");
        if (texts.isEmpty()) {
            problem(fields.key("certificates"), "at least one IdP signing certificate is required",
                    "paste the IdP's X.509 signing certificate (PEM, or the base64 from its metadata)");
            return null;
        }
        List<X509Certificate> result = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                result.addAll(Certificates.parseAll(texts.get(i)));
            } catch (IllegalArgumentException e) {
                problem(key + (texts.size() > 1 ? "[" + i + "]" : ""), e.getMessage(),
                        "paste the certificate as PEM (-----BEGIN CERTIFICATE-----...) or as the base64 text of "
                                + "the IdP metadata's X509Certificate element");
            }
        }
        return result.isEmpty() ? null : result;
    }

    private AuthnRequestOptions readAuthnRequest(Obj p) {
        AuthnRequestOptions d = AuthnRequestOptions.defaults();
        String nameIdFormat = p.alias("nameIDFormat", "nameIdFormat");
        Obj a = p.object("authnRequest");
        if (a == null) {
            return new AuthnRequestOptions(d.forceAuthn(), d.passive(), nameIdFormat, d.allowCreate(),
                    d.authnContextClassRefs(), d.authnContextComparison(), d.binding());
        }
        Boolean force = a.bool("forceAuthn");
        Boolean passive = a.bool("isPassive");
        String format = a.text("nameIdFormat");
        Boolean allowCreate = a.bool("allowCreate");
        List<String> refs = a.stringList("authnContextClassRefs");
        String comparison = a.text("authnContextComparison");
        String bindingText = a.text("binding");
        a.finish();
        if (comparison != null && !AuthnRequestOptions.COMPARISONS.contains(comparison)) {
            problem(a.key("authnContextComparison"), "is [" + comparison + "]", "use one of exact, minimum, "
                    + "maximum, better");
            comparison = null;
        }
        Binding binding = bindingText == null ? null : binding(a.key("binding"), bindingText);
        return new AuthnRequestOptions(force != null && force, passive != null && passive,
                format != null ? format : nameIdFormat, allowCreate == null || allowCreate,
                refs == null ? List.of() : refs, comparison == null ? "exact" : comparison, binding);
    }

    /**
     * The attribute names: the preset's ({@code preset}, default {@code generic}), with each property that
     * {@code attributes} (or a Sourcegraph alias) names replaced.
     */
    private AttributeNames readAttributes(Obj p, IdpPreset preset) {
        List<String> username = p.stringList("usernameAttributeNames");
        String groupsName = p.text("groupsAttributeName");
        List<String> groups = groupsName == null ? null : List.of(groupsName);
        List<String> email = null;
        List<String> first = null;
        List<String> last = null;
        List<String> display = null;
        List<String> userId = null;
        Obj a = p.object("attributes");
        if (a != null) {
            username = either(a, "username", username, "usernameAttributeNames");
            groups = either(a, "groups", groups, "groupsAttributeName");
            email = a.stringList("email");
            first = a.stringList("firstName");
            last = a.stringList("lastName");
            display = a.stringList("displayName");
            userId = a.stringList("userId");
            a.finish();
        }
        return preset.names().with(username, email, first, last, display, groups, userId);
    }

    private IdpPreset readPreset(Obj p) {
        String name = p.text("preset");
        if (name == null) {
            return IdpPreset.GENERIC;
        }
        return IdpPreset.fromConfigName(name).orElseGet(() -> {
            problem(p.key("preset"), "is [" + name + "], not a known IdP preset", "use one of "
                    + java.util.Arrays.stream(IdpPreset.values()).map(IdpPreset::configName).toList());
            return IdpPreset.GENERIC;
        });
    }

    private List<String> either(Obj a, String key, List<String> alias, String aliasName) {
        List<String> value = a.stringList(key);
        if (value != null && alias != null) {
            problem(a.key(key), "is also set by " + aliasName, "keep only one of the two");
        }
        return value != null ? value : alias;
    }

    private RoleMapping readRoles(Obj p) {
        List<String> defaults = p.stringList("defaultRoles");
        Boolean groupsAsRoles = p.bool("groupsAsRoles");
        Map<String, List<String>> groupRoles = new LinkedHashMap<>();
        Obj mapping = p.object("roleMapping");
        if (mapping != null) {
            Iterator<String> names = mapping.node.fieldNames();
            while (names.hasNext()) {
                String group = names.next();
                List<String> roles = mapping.stringList(group);
                if (roles != null) {
                    groupRoles.put(group, roles);
                }
            }
            mapping.finish();
        }
        return new RoleMapping(defaults == null ? List.of() : defaults, groupRoles,
                groupsAsRoles != null && groupsAsRoles);
    }

    private List<String> patterns(Obj paths, String key) {
        List<String> list = paths.stringList(key);
        if (list == null) {
            return null;
        }
        List<String> valid = new ArrayList<>();
        for (String pattern : list) {
            String problem = PathRules.problemWith(pattern);
            if (problem != null) {
                problem(paths.key(key), problem, "use /*, /prefix/*, *.ext or an exact path such as /admin");
            } else {
                valid.add(pattern);
            }
        }
        return valid;
    }

    private Binding binding(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("redirect") || t.equals("http-redirect") || t.equals(Binding.HTTP_REDIRECT.uri().toLowerCase(
                Locale.ROOT))) {
            return Binding.HTTP_REDIRECT;
        }
        if (t.equals("post") || t.equals("http-post") || t.equals(Binding.HTTP_POST.uri().toLowerCase(Locale.ROOT))) {
            return Binding.HTTP_POST;
        }
        problem(key, "[" + text + "] is not a binding Gatehouse supports", "use \"redirect\" or \"post\"");
        return null;
    }

    private URI uri(String key, String text) {
        try {
            URI uri = new URI(text.trim());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                problem(key, "[" + text + "] is not an absolute URL", "use a full URL such as https://host/path");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problem(key, "[" + text + "] is not a valid URL: " + e.getReason(), null);
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"));
    }

    private String placeholders(String key, String value) {
        try {
            return placeholders.resolve(value);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage(), "set it, or replace the placeholder with the value");
            return value;
        }
    }

    private void problem(String key, String problem, String fix) {
        String shown = key.isEmpty() ? "(provider)" : key;
        problems.add(new ConfigProblem(initParams ? "init-param " + shown : shown, problem, fix));
    }

    /** One JSON object being read: remembers which keys were asked for, so unknown ones can be reported. */
    private final class Obj {
        final ObjectNode node;
        final String path;
        final Set<String> known = new LinkedHashSet<>();

        Obj(ObjectNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        JsonNode get(String name) {
            known.add(name);
            JsonNode n = node.get(name);
            return n == null || n.isNull() ? null : n;
        }

        /** A password: placeholders resolved, never trimmed; empty means none. */
        String secret(String name) {
            String value = raw(name);
            return value == null || value.isEmpty() ? null : value;
        }

        String text(String name) {
            String value = raw(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        /** A scalar value with placeholders resolved, or null when absent or not a scalar (reported). */
        private String raw(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (!n.isValueNode()) {
                problem(key(name), "must be a string", null);
                return null;
            }
            return placeholders(key(name), n.asText());
        }

        String alias(String name, String alias) {
            String a = text(name);
            String b = text(alias);
            if (a != null && b != null && !a.equals(b)) {
                problem(key(alias), "is an alias of " + name + " and both are set to different values",
                        "keep only one");
            }
            return a != null ? a : b;
        }

        Boolean bool(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            String t = n.isTextual() ? placeholders(key(name), n.asText()).trim() : n.toString();
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(t);
            }
            problem(key(name), "is [" + t + "], not true or false", null);
            return null;
        }

        Integer integer(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (n.canConvertToInt() && n.isIntegralNumber()) {
                return n.intValue();
            }
            String t = placeholders(key(name), n.asText()).trim();
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                problem(key(name), "is [" + t + "], not a whole number", null);
                return null;
            }
        }

        Duration duration(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (n.isIntegralNumber()) {
                return Duration.ofSeconds(n.longValue());
            }
            String t = placeholders(key(name), n.asText());
            try {
                Duration d = Durations.parse(t);
                if (d.isNegative()) {
                    problem(key(name), "must not be negative", null);
                    return null;
                }
                return d;
            } catch (IllegalArgumentException e) {
                problem(key(name), e.getMessage(), "write a duration such as \"90s\", \"3m\", \"8h\" or \"PT3M\"");
                return null;
            }
        }

        List<String> stringList(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                for (JsonNode e : n) {
                    if (!e.isValueNode()) {
                        problem(key(name), "must be a list of strings", null);
                        return null;
                    }
                    out.add(placeholders(key(name), e.asText()));
                }
                return out;
            }
            if (n.isValueNode()) {
                // web.xml init-params carry lists as comma-separated text
                for (String part : placeholders(key(name), n.asText()).split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
                return out;
            }
            problem(key(name), "must be a list of strings", null);
            return null;
        }

        Obj object(String name) {
            JsonNode n = get(name);
            if (n == null) {
                return null;
            }
            if (!n.isObject()) {
                problem(key(name), "must be an object", null);
                return null;
            }
            return new Obj((ObjectNode) n, key(name));
        }

        void finish() {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    String suggestion = closest(name, known);
                    problem(key(name), "is not a Gatehouse configuration key",
                            suggestion == null ? "remove it (see the configuration reference in the README)"
                                    : "did you mean " + suggestion + "?");
                }
            }
        }
    }

    private static String closest(String name, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
