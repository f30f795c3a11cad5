package dev.gatehouse.jaspic;

import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import java.util.Map;
import javax.security.auth.Subject;

/**
 * The Servlet Container Profile configuration for one application context: a single authentication context, the
 * Gatehouse module, for every request.
 */
final class GatehouseServerAuthConfig implements ServerAuthConfig {

    /** The one authentication context id. */
    static final String AUTH_CONTEXT_ID = "gatehouse";

    private final String layer;
    private final String appContext;
    private final ServerAuthContext context;

    GatehouseServerAuthConfig(String layer, String appContext, GatehouseServerAuthModule module) {
        this.layer = layer;
        this.appContext = appContext;
        this.context = new GatehouseServerAuthContext(module);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ServerAuthContext getAuthContext(String authContextID, Subject serviceSubject, Map properties) {
        return context;
    }

    @Override
    public String getMessageLayer() {
        return layer;
    }

    @Override
    public String getAppContext() {
        return appContext;
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
        return AUTH_CONTEXT_ID;
    }

    @Override
    public void refresh() {
        // the configuration is immutable; a changed one is a redeploy
    }

    @Override
    public boolean isProtected() {
        return false;
    }
}
