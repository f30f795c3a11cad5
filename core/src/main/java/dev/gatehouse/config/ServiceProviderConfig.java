package dev.gatehouse.config;

import java.net.URI;

/**
 * This application's side of one provider: the URLs the IdP must know, all derived from {@code externalURL} (never
 * from the request's Host header).
 *
 * @param providerId the provider id
 * @param entityId this SP's entity ID (the Audience the IdP must use)
 * @param assertionConsumerServiceUrl where the IdP posts responses; also the expected Destination and Recipient
 * @param metadataUrl where this SP's metadata is served
 * @param loginUrl where SP-initiated login starts
 * @param singleLogoutServiceUrl where the IdP sends LogoutRequests and LogoutResponses
 */
public record ServiceProviderConfig(String providerId, String entityId, URI assertionConsumerServiceUrl,
        URI metadataUrl, URI loginUrl, URI singleLogoutServiceUrl) {
}
