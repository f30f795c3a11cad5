package dev.gatehouse.jaspic;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.identity.GatehousePrincipal;
import dev.gatehouse.web.GatehouseEngine;
import dev.gatehouse.web.Outcome;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Gatehouse as a Jakarta Authentication {@link ServerAuthModule} (Servlet Container Profile): the container asks it
 * about every request and it answers from the {@link GatehouseEngine}, the same engine the servlet filter uses.
 * <ul>
 *   <li>The SAML endpoints ({@code {basePath}/metadata|login|acs|sls|logout}) are answered here: the engine writes
 *       the response and the module returns {@link AuthStatus#SEND_CONTINUE} (or {@code SEND_FAILURE} for a refused
 *       message), so the container invokes nothing else.</li>
 *   <li>A request whose session holds a signed-in user (not revoked by single logout, within its lifetime) gets that
 *       user through {@link CallerPrincipalCallback} (the {@link GatehousePrincipal} itself, so
 *       {@code getUserPrincipal()} is it) and the mapped roles through {@link GroupPrincipalCallback}, on every
 *       request: the module's own session state is the source, so a session ended by the IdP is refused on its next
 *       request even where the container cached the principal.</li>
 *   <li>Otherwise, when the container says authentication is mandatory (a {@code security-constraint} with an
 *       auth-constraint), the browser is sent to the IdP ({@code SEND_CONTINUE}; a script gets 401); when it is not,
 *       the request passes without a user ({@code SUCCESS} with no caller).</li>
 * </ul>
 * {@link #cleanSubject} (called by {@code HttpServletRequest.logout()}) is a local logout. Thread-safe after
 * {@link #initialize}.
 */
public final class GatehouseServerAuthModule implements ServerAuthModule {

    /** The MessageInfo map key the Servlet Container Profile uses for "authentication is mandatory". */
    static final String IS_MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    /** The MessageInfo map key naming the authentication type the container reports. */
    static final String AUTH_TYPE = "jakarta.servlet.http.authType";
    /** What {@code getAuthType()} returns for a SAML user. */
    static final String SAML = "SAML";

    private static final Class<?>[] SUPPORTED = {HttpServletRequest.class, HttpServletResponse.class};
    private static final Map<Map<String, String>, GatehouseEngine> ENGINES = new ConcurrentHashMap<>();

    private volatile GatehouseEngine engine;
    private volatile CallbackHandler handler;

    /** For containers that instantiate modules by class name; {@link #initialize} then reads the options. */
    public GatehouseServerAuthModule() {
    }

    /** A module answering from {@code engine}. */
    public GatehouseServerAuthModule(GatehouseEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Keeps the container's callback handler. Without an engine given to the constructor, builds one from the
     * options: {@code configFile} (a path or {@code classpath:...}), or flat configuration keys as in web.xml
     * init-params (Tomcat's {@code jaspic-providers.xml} properties).
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler callbackHandler,
            Map options) throws AuthException {
        this.handler = callbackHandler;
        if (engine == null) {
            engine = engineFrom(options);
        }
    }

    /**
     * The engine for module or provider options: {@code configFile}, or flat configuration keys; keys of the
     * container or of Jakarta Authentication itself are ignored. Containers that instantiate modules by class name
     * may make one per request (Elytron's {@code jaspi-configuration} does), but a webapp needs one engine, whose
     * pending logins, replay cache and logout revocations every request shares: so engines are kept per distinct
     * option set, for the life of this class. This is the one deliberate piece of class-level state in Gatehouse;
     * the listener and the provider constructor that takes an engine do not use it.
     */
    @SuppressWarnings("rawtypes")
    static GatehouseEngine engineFrom(Map options) throws AuthException {
        Map<String, String> settings = new HashMap<>();
        if (options != null) {
            options.forEach((k, v) -> {
                if (k instanceof String key && v instanceof String value && isGatehouseKey(key)) {
                    settings.put(key, value);
                }
            });
        }
        try {
            return ENGINES.computeIfAbsent(Map.copyOf(settings), GatehouseServerAuthModule::build);
        } catch (RuntimeException e) {
            throw (AuthException) new AuthException("Gatehouse cannot start: " + e.getMessage()).initCause(e);
        }
    }

    private static GatehouseEngine build(Map<String, String> settings) {
        ConfigLoader loader = new ConfigLoader();
        String file = settings.get(ConfigLoader.CONFIG_FILE_PARAMETER);
        return GatehouseEngine.builder(file != null
                ? loader.fromLocation(file, GatehouseServerAuthModule.class.getClassLoader())
                : loader.fromParameters(settings, "Jakarta Authentication provider properties")).build();
    }

    /**
     * Container-specific option keys (Tomcat's module class list and its provider {@code name}/{@code description}
     * attributes, JASPIC policy keys) are not Gatehouse's.
     */
    private static boolean isGatehouseKey(String key) {
        return !key.startsWith("org.apache.") && !key.startsWith("jakarta.") && !key.startsWith("javax.")
                && !key.equals("name") && !key.equals("description");
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return SUPPORTED.clone();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo messageInfo, Subject clientSubject, Subject serviceSubject)
            throws AuthException {
        if (!(messageInfo.getRequestMessage() instanceof HttpServletRequest request)
                || !(messageInfo.getResponseMessage() instanceof HttpServletResponse response)) {
            throw new AuthException("Gatehouse handles HTTP servlet messages only");
        }
        boolean mandatory = Boolean.parseBoolean(String.valueOf(messageInfo.getMap().get(IS_MANDATORY)));
        Outcome outcome;
        try {
            outcome = engine.handle(request, response, mandatory);
        } catch (IOException e) {
            throw (AuthException) new AuthException("Gatehouse could not write its response: " + e.getMessage())
                    .initCause(e);
        }
        if (outcome instanceof Outcome.Authenticated authenticated) {
            GatehousePrincipal user = authenticated.principal();
            callback(new CallerPrincipalCallback(clientSubject, user),
                    new GroupPrincipalCallback(clientSubject, user.roles().toArray(String[]::new)));
            putAuthType(messageInfo);
            return AuthStatus.SUCCESS;
        }
        if (outcome instanceof Outcome.Anonymous) {
            callback(new CallerPrincipalCallback(clientSubject, (Principal) null));
            return AuthStatus.SUCCESS;
        }
        Outcome.ResponseSent sent = (Outcome.ResponseSent) outcome;
        return sent.reason() == Outcome.Reason.REJECTED ? AuthStatus.SEND_FAILURE : AuthStatus.SEND_CONTINUE;
    }

    @SuppressWarnings("unchecked")
    private static void putAuthType(MessageInfo messageInfo) {
        messageInfo.getMap().put(AUTH_TYPE, SAML);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo messageInfo, Subject serviceSubject) {
        return AuthStatus.SEND_SUCCESS;
    }

    /**
     * Local logout: the Gatehouse login of this request's session ends and the whole HTTP session is invalidated (as
     * at sign-in, nothing of a signed-in session may outlive it). Code that calls {@code session.invalidate()} after
     * {@code request.logout()} must expect the session to be invalid already.
     */
    @Override
    public void cleanSubject(MessageInfo messageInfo, Subject subject) {
        if (messageInfo.getRequestMessage() instanceof HttpServletRequest request) {
            engine.signOutLocally(request);
        }
        if (subject != null && !subject.isReadOnly()) {
            // what the container added for this module's callbacks (Tomcat keeps its principal in the credentials)
            subject.getPrincipals().clear();
            subject.getPrivateCredentials().clear();
        }
    }

    /** The engine this module answers from. */
    GatehouseEngine engine() {
        return engine;
    }

    private void callback(Callback... callbacks) throws AuthException {
        try {
            handler.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("The container refused the caller: " + e.getMessage())
                    .initCause(e);
        }
    }
}
