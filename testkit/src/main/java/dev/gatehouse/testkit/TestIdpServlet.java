package dev.gatehouse.testkit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.Inflater;
import javax.xml.parsers.DocumentBuilderFactory;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;

/**
 * The development IdP's web front: {@code /metadata}, {@code /sso} (AuthnRequest by HTTP-Redirect or HTTP-POST; shows
 * a user picker), {@code /login} (signs and posts the Response to the SP's ACS), {@code /} and {@code /initiate}
 * (IdP-initiated login). Registered SPs only; the ACS URL of a request must be the registered one. NOT FOR PRODUCTION:
 * anyone can sign in as any listed user.
 */
public final class TestIdpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private record Pending(String requestId, String spEntityId, String acsUrl, String relayState) {
    }

    private final transient TestIdp idp;
    private final transient List<TestUser> users;
    private final transient Map<String, ServiceProviderRegistration> serviceProviders = new ConcurrentHashMap<>();
    private transient volatile RequestSignatures.Result lastRequestSignature;
    private transient volatile RequestSignatures.Result lastLogoutSignature;
    private transient volatile LogoutRequest lastLogoutRequest;
    private transient volatile String lastLogoutResponseXml;
    private final transient Map<String, Pending> pending = new ConcurrentHashMap<>();
    private transient volatile Consumer<ResponseBuilder> customizer = r -> { };
    private transient volatile AuthnRequest lastRequest;

    public TestIdpServlet(TestIdp idp, List<TestUser> users) {
        this.idp = idp;
        this.users = List.copyOf(users);
    }

    /**
     * Trusts an SP: responses for {@code entityId} go only to {@code acsUrl}; its SingleLogoutService is the ACS URL
     * with {@code /acs/} replaced by {@code /sls/} (Gatehouse's layout).
     */
    public void registerServiceProvider(String entityId, String acsUrl) {
        registerServiceProvider(ServiceProviderRegistration.of(entityId, acsUrl));
    }

    /**
     * Trusts an SP as a registration describes it (typically read from its metadata): signed requests are verified
     * against its signing certificates and, if it requires them, unsigned ones are refused with a 403 page;
     * responses are encrypted as it says. Replaces an earlier registration of the same entity ID.
     */
    public void registerServiceProvider(ServiceProviderRegistration registration) {
        serviceProviders.put(registration.entityId(), registration);
    }

    /**
     * How the last AuthnRequest was signed, as this IdP verified it: {@code "none"}, {@code "redirect-query"} or
     * {@code "post-enveloped"} (only a valid signature is reported; an invalid one was refused).
     */
    public String lastRequestSignature() {
        return describe(lastRequestSignature);
    }

    /** How the last LogoutRequest or LogoutResponse from an SP was signed, as {@link #lastRequestSignature()}. */
    public String lastLogoutSignature() {
        return describe(lastLogoutSignature);
    }

    private static String describe(RequestSignatures.Result result) {
        if (result == null || result.kind() == RequestSignatures.Kind.NONE) {
            return "none";
        }
        return result.kind() == RequestSignatures.Kind.REDIRECT_QUERY ? "redirect-query" : "post-enveloped";
    }

    /** The last LogoutRequest an SP sent to {@code /slo}. */
    public LogoutRequest lastLogoutRequest() {
        return lastLogoutRequest;
    }

    /** The XML of the last LogoutResponse an SP sent to {@code /slo}. */
    public String lastLogoutResponseXml() {
        return lastLogoutResponseXml;
    }

    /** Changes every response this IdP produces from now on (tests use it to break one rule over real HTTP). */
    public void customize(Consumer<ResponseBuilder> customizer) {
        this.customizer = customizer == null ? r -> { } : customizer;
    }

    /** The last AuthnRequest received, for assertions on what the SP sent. */
    public AuthnRequest lastRequest() {
        return lastRequest;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (path) {
            case "/metadata" -> text(resp, 200, "application/samlmetadata+xml", idp.metadataXml());
            case "/sso" -> sso(req, resp);
            case "/login" -> login(req, resp);
            case "/initiate" -> initiate(req, resp);
            case "/slo" -> slo(req, resp);
            case "/" -> start(resp);
            default -> text(resp, 404, "text/plain", "not found");
        }
    }

    private void sso(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] xml = message(req, "SAMLRequest");
        if (xml == null) {
            text(resp, 400, "text/plain", "SAMLRequest missing");
            return;
        }
        AuthnRequest request = parse(xml);
        lastRequest = request;
        String sp = request.getIssuer() == null ? null : request.getIssuer().getValue();
        ServiceProviderRegistration registration = serviceProviders.get(sp);
        if (registration == null) {
            text(resp, 400, "text/plain", "unknown service provider " + sp);
            return;
        }
        RequestSignatures.Result signature = checkSignature(req, "SAMLRequest", request, registration);
        lastRequestSignature = signature;
        if (refused(resp, signature, registration, "AuthnRequest")) {
            return;
        }
        String acs = registration.acsUrl();
        if (request.getAssertionConsumerServiceURL() != null && !acs.equals(request.getAssertionConsumerServiceURL())) {
            text(resp, 400, "text/plain", "ACS URL " + request.getAssertionConsumerServiceURL() + " is not registered");
            return;
        }
        String key = UUID.randomUUID().toString();
        pending.put(key, new Pending(request.getID(), sp, acs, req.getParameter("RelayState")));
        StringBuilder html = page("Sign in to " + sp);
        html.append("<form method=\"post\" action=\"").append(req.getContextPath()).append("/login\">")
                .append("<input type=\"hidden\" name=\"request\" value=\"").append(key).append("\">\n");
        for (TestUser user : users) {
            html.append("<p><button type=\"submit\" name=\"user\" value=\"").append(escape(user.login())).append("\">")
                    .append("Sign in as ").append(escape(user.login())).append(" ")
                    .append(escape(String.valueOf(user.attributes().getOrDefault("groups", List.of()))))
                    .append("</button></p>\n");
        }
        html.append("</form></body></html>");
        text(resp, 200, "text/html;charset=UTF-8", html.toString());
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Pending p = pending.remove(String.valueOf(req.getParameter("request")));
        TestUser user = user(req.getParameter("user"));
        if (p == null || user == null) {
            text(resp, 400, "text/plain", "unknown request or user");
            return;
        }
        postResponse(resp, user, p.spEntityId(), p.acsUrl(), p.requestId(), p.relayState());
    }

    private void start(HttpServletResponse resp) throws IOException {
        StringBuilder html = page("IdP-initiated sign-in");
        for (Map.Entry<String, ServiceProviderRegistration> sp : serviceProviders.entrySet()) {
            for (TestUser user : users) {
                html.append("<form method=\"post\" action=\"initiate\"><input type=\"hidden\" name=\"sp\" value=\"")
                        .append(escape(sp.getKey())).append("\"><input type=\"hidden\" name=\"user\" value=\"")
                        .append(escape(user.login())).append("\"><input type=\"text\" name=\"RelayState\" value=\"\" ")
                        .append("placeholder=\"RelayState\"> <button type=\"submit\">Open ").append(escape(sp.getKey()))
                        .append(" as ").append(escape(user.login())).append("</button></form>\n");
            }
        }
        text(resp, 200, "text/html;charset=UTF-8", html.append("</body></html>").toString());
    }

    private void initiate(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sp = req.getParameter("sp");
        ServiceProviderRegistration registration = serviceProviders.get(sp);
        String acs = registration == null ? null : registration.acsUrl();
        TestUser user = user(req.getParameter("user"));
        if (acs == null || user == null) {
            text(resp, 400, "text/plain", "unknown service provider or user");
            return;
        }
        String relayState = req.getParameter("RelayState");
        postResponse(resp, user, sp, acs, null, relayState == null || relayState.isEmpty() ? null : relayState);
    }

    private void postResponse(HttpServletResponse resp, TestUser user, String sp, String acs, String requestId,
            String relayState) throws IOException {
        ResponseBuilder builder = idp.response().to(acs, sp).inResponseTo(requestId).nameId(user.nameId());
        user.attributes().forEach((name, values) -> builder.attribute(name, values.toArray(String[]::new)));
        ServiceProviderRegistration registration = serviceProviders.get(sp);
        if (registration != null && registration.encryption() != null) {
            builder.encrypt(registration.encryption());
        }
        customizer.accept(builder);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Posting</title></head><body>")
                .append("<form method=\"post\" action=\"").append(escape(acs)).append("\" data-auto-submit=\"true\">")
                .append("<input type=\"hidden\" name=\"SAMLResponse\" value=\"").append(builder.base64()).append("\">");
        if (relayState != null) {
            html.append("<input type=\"hidden\" name=\"RelayState\" value=\"").append(escape(relayState)).append("\">");
        }
        html.append("<noscript><button type=\"submit\">Continue</button></noscript></form>")
                .append("<script>document.forms[0].submit();</script></body></html>");
        text(resp, 200, "text/html;charset=UTF-8", html.toString());
    }

    /**
     * The IdP's SingleLogoutService: a LogoutRequest from an SP is answered with a signed Success LogoutResponse
     * (HTTP-Redirect binding) to that SP's SingleLogoutService; a LogoutResponse from an SP is recorded.
     */
    private void slo(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] response = message(req, "SAMLResponse");
        if (response != null) {
            LogoutResponse logoutResponse = (LogoutResponse) parseObject(response);
            ServiceProviderRegistration registration = logoutResponse.getIssuer() == null ? null
                    : serviceProviders.get(logoutResponse.getIssuer().getValue());
            if (registration != null) {
                RequestSignatures.Result signature = checkSignature(req, "SAMLResponse", logoutResponse, registration);
                lastLogoutSignature = signature;
                if (refused(resp, signature, registration, "LogoutResponse")) {
                    return;
                }
            }
            lastLogoutResponseXml = new String(response, java.nio.charset.StandardCharsets.UTF_8);
            text(resp, 200, "text/plain", "IdP received the LogoutResponse");
            return;
        }
        byte[] xml = message(req, "SAMLRequest");
        if (xml == null) {
            text(resp, 400, "text/plain", "SAMLRequest missing");
            return;
        }
        LogoutRequest request = (LogoutRequest) parseObject(xml);
        lastLogoutRequest = request;
        String sp = request.getIssuer() == null ? null : request.getIssuer().getValue();
        ServiceProviderRegistration registration = serviceProviders.get(sp);
        String sls = registration == null ? null : registration.slsUrl();
        if (sls == null) {
            text(resp, 400, "text/plain", "unknown service provider " + sp);
            return;
        }
        RequestSignatures.Result signature = checkSignature(req, "SAMLRequest", request, registration);
        lastLogoutSignature = signature;
        if (refused(resp, signature, registration, "LogoutRequest")) {
            return;
        }
        LogoutResponse answer = OpenSaml.build(LogoutResponse.DEFAULT_ELEMENT_NAME);
        answer.setID("_lo" + UUID.randomUUID().toString().replace("-", ""));
        answer.setVersion(org.opensaml.saml.common.SAMLVersion.VERSION_20);
        answer.setIssueInstant(java.time.Instant.now());
        answer.setInResponseTo(request.getID());
        answer.setDestination(sls);
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(idp.entityId());
        answer.setIssuer(issuer);
        Status status = OpenSaml.build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode code = OpenSaml.build(StatusCode.DEFAULT_ELEMENT_NAME);
        code.setValue(StatusCode.SUCCESS);
        status.setStatusCode(code);
        answer.setStatus(status);
        java.net.URI target = RedirectSigning.url(java.net.URI.create(sls), "SAMLResponse",
                OpenSaml.toXml(OpenSaml.marshall(answer)), req.getParameter("RelayState"), idp.credential(),
                RedirectSigning.RSA_SHA256);
        resp.setStatus(302);
        resp.setHeader("Location", target.toString());
    }

    private static RequestSignatures.Result checkSignature(HttpServletRequest req, String parameter,
            org.opensaml.saml.common.SignableSAMLObject message, ServiceProviderRegistration registration) {
        return "GET".equals(req.getMethod())
                ? RequestSignatures.redirect(req.getQueryString(), parameter, registration.signingCertificates())
                : RequestSignatures.post(message, registration.signingCertificates());
    }

    /** Answers 403 when a signature is present but invalid, or absent but required; true if it did. */
    private static boolean refused(HttpServletResponse resp, RequestSignatures.Result signature,
            ServiceProviderRegistration registration, String what) throws IOException {
        boolean present = signature.kind() != RequestSignatures.Kind.NONE;
        if ((present && !signature.valid()) || (!present && registration.requireSignedRequests())) {
            text(resp, 403, "text/plain", "The IdP refused the " + what + ": " + signature.detail());
            return true;
        }
        return false;
    }

    /** A message parameter decoded for its binding (GET: Redirect, inflated; POST: base64 only), or null. */
    private static byte[] message(HttpServletRequest req, String parameter) {
        String encoded = req.getParameter(parameter);
        if (encoded == null) {
            return null;
        }
        byte[] bytes = Base64.getMimeDecoder().decode(encoded);
        return "GET".equals(req.getMethod()) ? inflate(bytes) : bytes;
    }

    private TestUser user(String login) {
        return users.stream().filter(u -> u.login().equals(login)).findFirst().orElse(null);
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Development IdP</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto}")
                .append(".warn{background:#fee;border:1px solid #c00;padding:.5em}</style></head><body>")
                .append("<p class=\"warn\"><strong>Gatehouse development IdP &mdash; NOT FOR PRODUCTION.</strong> ")
                .append("Anyone can sign in as any user listed here.</p><h1>").append(escape(title)).append("</h1>\n");
    }

    private static AuthnRequest parse(byte[] xml) {
        return (AuthnRequest) parseObject(xml);
    }

    private static org.opensaml.core.xml.XMLObject parseObject(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return OpenSaml.unmarshall(f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a SAML message", e);
        }
    }

    private static byte[] inflate(byte[] deflated) {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("SAMLRequest is not DEFLATE data", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static void text(HttpServletResponse resp, int status, String type, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
