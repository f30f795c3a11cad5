package dev.gatehouse.web;

/**
 * What an application needs to render a "Sign in with ..." button for a provider. Container adapters publish the
 * list as the servlet context attribute {@value #CONTEXT_ATTRIBUTE}.
 *
 * @param id the provider id
 * @param displayName its label
 * @param loginPath the path (with context path) that starts login; append {@code ?returnTo=/path} to come back
 */
public record ProviderLink(String id, String displayName, String loginPath) {

    /** The servlet context attribute holding a {@code List<ProviderLink>}. */
    public static final String CONTEXT_ATTRIBUTE = "dev.gatehouse.providerLinks";
}
