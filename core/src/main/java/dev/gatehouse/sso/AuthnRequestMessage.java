package dev.gatehouse.sso;

import dev.gatehouse.metadata.Endpoint;

/**
 * An AuthnRequest ready to send.
 *
 * @param id its ID (the InResponseTo the answer must carry)
 * @param xml the serialized request
 * @param destination where and how to send it
 */
public record AuthnRequestMessage(String id, String xml, Endpoint destination) {
}
