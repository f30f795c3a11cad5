/**
 * Gatehouse as a Jakarta Authentication ServerAuthModule and a Jakarta Security HttpAuthenticationMechanism, so that
 * the container itself knows the SAML user ({@code security-constraint}, {@code @RolesAllowed}). Filled by issue 6;
 * like the filter it will only translate container calls into {@code dev.gatehouse.web.GatehouseEngine} calls.
 */
package dev.gatehouse.jaspic;
