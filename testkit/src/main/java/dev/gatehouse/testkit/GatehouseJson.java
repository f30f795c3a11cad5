package dev.gatehouse.testkit;

import java.util.List;

/**
 * A Gatehouse configuration file for webapps that sign in with testkit IdPs, as the sample and the container tests
 * write it: provider ids {@code dev}, {@code dev2}, ...; role {@code user} for everybody and {@code admin} for the
 * IdP group {@code admins}; {@code /whoami} and {@code /admin/*} protected (the filter's rule; in Jakarta
 * Authentication mode the webapp's security constraints decide instead). DEVELOPMENT ONLY: the testkit IdP's key is
 * public.
 */
public final class GatehouseJson {

    private GatehouseJson() {
    }

    /** The provider id of the {@code index}-th IdP: dev, dev2, dev3, ... */
    public static String providerId(int index) {
        return index == 0 ? "dev" : "dev" + (index + 1);
    }

    /**
     * The configuration JSON.
     *
     * @param externalUrl the webapp's external URL
     * @param idps the IdPs, one provider each
     * @param extra more provider keys (JSON members, without braces), or empty
     */
    public static String forIdps(String externalUrl, List<TestIdpServer> idps, String extra) {
        StringBuilder providers = new StringBuilder();
        for (int i = 0; i < idps.size(); i++) {
            TestIdpServer idp = idps.get(i);
            providers.append(i == 0 ? "" : ",\n").append("""
                        {
                          // DEVELOPMENT ONLY: the testkit IdP, whose private key is public.
                          "id": "%s",
                          "displayName": "Development IdP%s (NOT FOR PRODUCTION)",
                          "identityProvider": {
                            "entityId": "%s",
                            "ssoUrl": "%s",
                            "sloUrl": "%s",
                            "certificates": ["%s"]
                          },
                          "defaultRoles": ["user"],
                          "roleMapping": {"admins": ["admin"]}%s
                        }""".formatted(providerId(i), i == 0 ? "" : " " + (i + 1), idp.idp().entityId(),
                    idp.idp().ssoUrl(), idp.idp().sloUrl(), idp.idp().credential().certificateBase64(),
                    extra.isEmpty() ? "" : ",\n      " + extra));
        }
        return """
                {
                  "externalURL": "%s",
                  "protectedPaths": {"include": ["/whoami", "/admin/*"]},
                  "providers": [
                %s
                  ]
                }
                """.formatted(externalUrl, providers);
    }
}
