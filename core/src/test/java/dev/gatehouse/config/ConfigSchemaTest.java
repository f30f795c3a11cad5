package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gatehouse.testkit.TestCredential;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The published JSON Schema, the loader and the README examples agree. */
class ConfigSchemaTest {

    private static final ObjectMapper JSONC = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final ConfigLoader LOADER = new ConfigLoader(ConfigEnvironment.of(Map.of(
            "ENTRA_METADATA_XML", "<md:EntityDescriptor/>", "CORP_IDP_CERT", TestCredential.idpSigning().certificatePem(),
            "IDP_CERT", TestCredential.idpSigning().certificatePem(),
            "SP_KEY_2026", keyResource("sp-current.key"), "SP_CERT_2026", keyResource("sp-current.crt"),
            "SP_KEY_2027", keyResource("sp-next.key"), "SP_CERT_2027", keyResource("sp-next.crt")), Map.of()));

    private static String keyResource(String file) {
        try (InputStream in = TestCredential.class.getResourceAsStream("keys/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("gatehouse-config.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static List<String> readmeExamples() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- config-example -->\\s*```jsonc?\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(m.group(1));
        }
        return examples;
    }

    @Test
    void theReadmeExamplesAreValidAndLoad() throws Exception {
        List<String> examples = readmeExamples();
        assertThat(examples).isNotEmpty();
        for (String example : examples) {
            assertThat(schema().validate(JSONC.readTree(example))).isEmpty();
            assertThat(LOADER.fromJson(example, "README").providers()).isNotEmpty();
        }
    }

    @Test
    void everyKeyTheLoaderReadsIsInTheSchema() throws Exception {
        String everything = """
                {"$schema": "x", "externalURL": "https://app.example.com", "basePath": "/sso", "requestTimeout": "5m",
                 "maxMessageSize": 100000, "maxXmlDepth": 32, "maxAttributes": 10, "maxAttributeValues": 20,
                 "maxSessionLifetime": "8h", "logoutReturnTo": "/bye.html",
                 "protectedPaths": {"include": ["/*"], "exclude": ["*.css"]},
                 "keys": [{"name": "k", "privateKey": "${env:SP_KEY_2026}", "certificate": "${env:SP_CERT_2026}",
                           "use": "both", "active": true}],
                 "userStore": {"type": "jdbc", "jdbcUrl": "jdbc:h2:mem:x", "username": "sa", "password": "p",
                               "table": "app_user", "columns": {"id": "id", "username": "login", "email": "mail",
                               "firstName": null, "lastName": null, "displayName": "full_name", "link": "saml",
                               "role": "role"},
                               "sql": {"find": "SELECT id, login FROM app_user WHERE saml = :link",
                                       "findByEmail": "SELECT id, login FROM app_user WHERE mail = :email",
                                       "insert": "INSERT INTO app_user (login, saml) VALUES (:username, :link)",
                                       "update": "UPDATE app_user SET mail = :email WHERE id = :id",
                                       "link": "UPDATE app_user SET saml = :link WHERE id = :id"}},
                 "providers": [
                  {"id": "a", "type": "saml", "displayName": "A", "identityProviderMetadataURL": "https://idp/md",
                   "identityProviderEntityId": "urn:idp", "metadataTimeout": 5, "allowInsecureMetadataURL": false,
                   "spEntityId": "urn:sp", "allowIdpInitiated": true, "wantAssertionsSigned": true, "clockSkew": "PT2M",
                   "maxAuthenticationAge": "8h", "allowSha1": false, "allowUnsignedLogoutRequests": false,
                   "authnRequest": {"forceAuthn": true, "isPassive": false, "nameIdFormat": "f", "allowCreate": true,
                     "authnContextClassRefs": ["c"], "authnContextComparison": "better", "binding": "post"},
                   "attributes": {"username": ["u"], "email": ["e"], "firstName": ["f"], "lastName": ["l"],
                     "displayName": ["d"], "groups": ["g"], "userId": ["i"]},
                   "allowGroups": ["g"], "allowSignup": true, "defaultRoles": ["r"], "roleMapping": {"g": ["r"]},
                   "groupsAsRoles": true, "signRequests": false, "insecureSkipAssertionSignatureCheck": false,
                   "signMetadata": true, "wantAssertionsEncrypted": true, "allowRsa15KeyTransport": false,
                   "minRsaKeySize": 3072, "preset": "okta", "caseSensitiveGroups": false,
                   "linkAccountsByEmail": true, "updateProfileOnLogin": false},
                  {"configID": "b", "identityProviderMetadata": "<x/>", "serviceProviderIssuer": "urn:sp2",
                   "nameIDFormat": "f", "usernameAttributeNames": ["u"], "groupsAttributeName": "g",
                   "serviceProviderCertificate": "${env:SP_CERT_2027}", "serviceProviderPrivateKey": "${env:SP_KEY_2027}",
                   "signRequests": true},
                  {"id": "c", "nameIdFormat": "f", "identityProvider": {"entityId": "urn:c", "ssoUrl": "https://c/sso",
                   "ssoBinding": "redirect", "sloUrl": "https://c/slo", "sloBinding": "post",
                   "certificates": ["${env:IDP_CERT}"]}, "signAuthnRequests": true,
                   "keys": [{"keystore": "does-not-exist.p12", "keystoreType": "PKCS12", "alias": "sp-current",
                             "password": "changeit", "keyPassword": "changeit", "use": "signing"},
                            {"privateKeyFile": "x.key", "certificateFile": "x.crt", "use": "encryption"}]},
                  {"id": "d", "identityProvider": {"entityId": "urn:d", "ssoUrl": "https://d/sso",
                   "certificate": "${env:IDP_CERT}"}}
                 ]}""";
        Set<ValidationMessage> errors = schema().validate(JSONC.readTree(everything));
        assertThat(errors).isEmpty();
        // provider c's key files do not exist: the loader reads every key of the entry and names the files
        assertThat(catchConfig(everything)).contains("does-not-exist.p12").contains("x.crt")
                .doesNotContain("is not a Gatehouse configuration key").doesNotContain("no active signing key");
        String keys = "../testkit/src/main/resources/dev/gatehouse/testkit/keys/";
        String loadable = everything.replace("does-not-exist.p12", keys + "sp-current.p12")
                .replace("\"x.key\"", "\"" + keys + "sp-next.key\"").replace("\"x.crt\"", "\"" + keys + "sp-next.crt\"");
        assertThat(loadable).doesNotContain("does-not-exist");
        assertThat(LOADER.fromJson(loadable, "everything").providers()).hasSize(4);
    }

    @Test
    void bothRefuseAnUnknownKey() throws Exception {
        String typo = """
                {"externalURL": "https://app.example.com", "providers": [{"identityProviderMetadataUrl": "https://x"}]}""";
        JsonNode tree = JSONC.readTree(typo);
        assertThat(schema().validate(tree)).isNotEmpty();
        assertThat(catchConfig(typo)).contains("identityProviderMetadataUrl: is not a Gatehouse configuration key");
    }

    private static String catchConfig(String json) {
        try {
            LOADER.fromJson(json, "typo");
            return "";
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }
}
