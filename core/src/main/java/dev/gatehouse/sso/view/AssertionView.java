package dev.gatehouse.sso.view;

import java.time.Instant;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The parts of a {@code saml:Assertion} the profile checks and the attribute mapping read, taken from the very
 * element whose signature was verified (or which was decrypted and then verified). Immutable.
 *
 * @param element the Assertion element itself
 * @param id its ID
 * @param issueInstant its IssueInstant, or null when absent (refused by the time check)
 * @param issuer its Issuer, or null when absent (refused by the issuer check)
 * @param subject its Subject, or null when absent
 * @param conditions its Conditions, or null when absent
 * @param authnStatements its AuthnStatements, in document order
 * @param attributeStatements its AttributeStatement elements, in document order (read after decryption of their
 *     EncryptedAttributes)
 */
public record AssertionView(Element element, String id, Instant issueInstant, NameIdentifier issuer, Subject subject,
        Conditions conditions, List<AuthnStatement> authnStatements, List<Element> attributeStatements) {

    /** The bearer confirmation method (saml-profiles-2.0-os 3.3). */
    public static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    public AssertionView {
        authnStatements = List.copyOf(authnStatements);
        attributeStatements = List.copyOf(attributeStatements);
    }

    /**
     * A Subject.
     *
     * @param nameId the NameID element, or null
     * @param encryptedId the EncryptedID element, or null (at most one of the two: {@code ResponseStructure})
     * @param confirmations the SubjectConfirmations, in document order
     */
    public record Subject(Element nameId, Element encryptedId, List<Confirmation> confirmations) {

        public Subject {
            confirmations = List.copyOf(confirmations);
        }

        /** The confirmations whose Method is bearer. */
        public List<Confirmation> bearers() {
            return confirmations.stream().filter(c -> BEARER.equals(c.method())).toList();
        }
    }

    /**
     * A SubjectConfirmation.
     *
     * @param method its Method, or null
     * @param data its SubjectConfirmationData, or null
     */
    public record Confirmation(String method, ConfirmationData data) {
    }

    /**
     * A SubjectConfirmationData.
     *
     * @param recipient the Recipient, or null
     * @param notBefore the NotBefore, or null
     * @param notOnOrAfter the NotOnOrAfter, or null
     * @param inResponseTo the InResponseTo, or null
     */
    public record ConfirmationData(String recipient, Instant notBefore, Instant notOnOrAfter, String inResponseTo) {
    }

    /**
     * A Conditions element.
     *
     * @param element the element (its children are checked by {@code UnderstoodConditionsCheck})
     * @param notBefore the NotBefore, or null
     * @param notOnOrAfter the NotOnOrAfter, or null
     * @param audienceRestrictions the Audience values of each AudienceRestriction, in document order
     */
    public record Conditions(Element element, Instant notBefore, Instant notOnOrAfter,
            List<List<String>> audienceRestrictions) {

        public Conditions {
            audienceRestrictions = audienceRestrictions.stream().map(List::copyOf).toList();
        }
    }

    /**
     * An AuthnStatement.
     *
     * @param authnInstant the AuthnInstant, or null (refused by the AuthnStatement check)
     * @param sessionIndex the SessionIndex, or null
     * @param sessionNotOnOrAfter the SessionNotOnOrAfter, or null
     * @param authnContextClassRef the AuthnContext's AuthnContextClassRef, or null
     */
    public record AuthnStatement(Instant authnInstant, String sessionIndex, Instant sessionNotOnOrAfter,
            String authnContextClassRef) {
    }

    /**
     * Reads an Assertion element.
     *
     * @throws dev.gatehouse.error.SamlRejection {@code saml_message_malformed} when it has no ID, a date is not an
     *     {@code xs:dateTime}, an element read occurs more than once where the schema allows one, or a text-only
     *     element holds an element
     */
    public static AssertionView read(Element assertion) {
        String id = SamlDom.attribute(assertion, "ID");
        if (id == null || id.isBlank()) {
            throw SamlDom.malformed("The Assertion has no ID");
        }
        Element subject = SamlDom.optionalChild(assertion, SamlDom.SAML, "Subject");
        Element conditions = SamlDom.optionalChild(assertion, SamlDom.SAML, "Conditions");
        return new AssertionView(assertion, id, SamlDom.instant(assertion, "IssueInstant"),
                NameIdentifier.issuerOf(assertion), subject == null ? null : subject(subject),
                conditions == null ? null : conditions(conditions),
                SamlDom.children(assertion, SamlDom.SAML, "AuthnStatement").stream()
                        .map(AssertionView::authnStatement).toList(),
                SamlDom.children(assertion, SamlDom.SAML, "AttributeStatement"));
    }

    private static Subject subject(Element subject) {
        List<Confirmation> confirmations = SamlDom.children(subject, SamlDom.SAML, "SubjectConfirmation").stream()
                .map(c -> {
                    Element data = SamlDom.optionalChild(c, SamlDom.SAML, "SubjectConfirmationData");
                    return new Confirmation(SamlDom.attribute(c, "Method"), data == null ? null
                            : new ConfirmationData(SamlDom.attribute(data, "Recipient"),
                                    SamlDom.instant(data, "NotBefore"), SamlDom.instant(data, "NotOnOrAfter"),
                                    SamlDom.attribute(data, "InResponseTo")));
                }).toList();
        return new Subject(SamlDom.optionalChild(subject, SamlDom.SAML, "NameID"),
                SamlDom.optionalChild(subject, SamlDom.SAML, "EncryptedID"), confirmations);
    }

    private static Conditions conditions(Element conditions) {
        List<List<String>> restrictions = SamlDom.children(conditions, SamlDom.SAML, "AudienceRestriction").stream()
                .map(r -> SamlDom.children(r, SamlDom.SAML, "Audience").stream().map(SamlDom::text).toList())
                .toList();
        return new Conditions(conditions, SamlDom.instant(conditions, "NotBefore"),
                SamlDom.instant(conditions, "NotOnOrAfter"), restrictions);
    }

    private static AuthnStatement authnStatement(Element statement) {
        Element context = SamlDom.optionalChild(statement, SamlDom.SAML, "AuthnContext");
        return new AuthnStatement(SamlDom.instant(statement, "AuthnInstant"),
                SamlDom.attribute(statement, "SessionIndex"), SamlDom.instant(statement, "SessionNotOnOrAfter"),
                context == null ? null : SamlDom.optionalText(context, SamlDom.SAML, "AuthnContextClassRef"));
    }
}
