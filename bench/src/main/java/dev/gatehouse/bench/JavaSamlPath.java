package dev.gatehouse.bench;

import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import dev.gatehouse.testkit.TestCredential;
import java.util.HashMap;
import java.util.Map;

/**
 * OneLogin java-saml 2.9.0 in strict mode, as its documentation shows an ACS: {@code new SamlResponse(settings,
 * request)} then {@code isValid(requestId)} (null: unsolicited), then the NameID. Assertions must be signed; the
 * SP key decrypts the encrypted variant.
 */
public final class JavaSamlPath implements ValidationPath {

    private final Saml2Settings settings;

    public JavaSamlPath() {
        Map<String, Object> values = new HashMap<>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, Samples.SP_ENTITY_ID);
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, Samples.ACS);
        values.put(SettingsBuilder.SP_X509CERT_PROPERTY_KEY, TestCredential.spCurrent().certificateBase64());
        values.put(SettingsBuilder.SP_PRIVATEKEY_PROPERTY_KEY, java.util.Base64.getEncoder().encodeToString(
                TestCredential.spCurrent().privateKey().getEncoded()));
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, Samples.IDP_ENTITY_ID);
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, Samples.idp().ssoUrl().toString());
        values.put(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY, TestCredential.idpSigning().certificateBase64());
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        this.settings = new SettingsBuilder().fromValues(values).build();
    }

    @Override
    public String validate(String base64) throws Exception {
        SamlResponse response = new SamlResponse(settings, new HttpRequest(Samples.ACS).addParameter("SAMLResponse",
                base64));
        if (!response.isValid(null)) {
            throw new IllegalArgumentException("java-saml refuses: " + response.getError());
        }
        return response.getNameId();
    }
}
