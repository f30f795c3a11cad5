package dev.gatehouse.error;

/**
 * Every reason Gatehouse refuses a request, with a stable snake_case code.
 *
 * <p>The code is what the browser's error page shows, what the log line starts with, and what the README's error
 * table lists (that table is generated from this enum by {@code ErrorCodeDocumentationTest}). Codes never change
 * meaning once released; new ones are added at the end of their group.
 *
 * <p>Spec references point into the OASIS SAML 2.0 standard: {@code core} is saml-core-2.0-os, {@code profiles} is
 * saml-profiles-2.0-os, {@code bindings} is saml-bindings-2.0-os.
 */
public enum ErrorCode {

    // --- the HTTP request that carries the message ---
    /** An endpoint was called with an HTTP method it does not accept. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "This address does not accept that kind of request.",
            "The endpoint was called with the wrong HTTP method (the ACS accepts only POST).", "bindings 3.5"),
    /** The request did not carry the SAML message parameter. */
    SAML_MESSAGE_MISSING("saml_message_missing", 400, "The sign-in message is missing.",
            "The request has no SAMLResponse parameter.", "bindings 3.5.4"),
    /** The message is larger than the configured limit. */
    SAML_MESSAGE_TOO_LARGE("saml_message_too_large", 400, "The sign-in message is too large.",
            "The request or message exceeds maxMessageSize (checked before parsing), or the response holds more "
                    + "attributes than maxAttributes / maxAttributeValues.", "-"),
    /** Not base64, not well-formed XML, or too deeply nested. */
    SAML_MESSAGE_MALFORMED("saml_message_malformed", 400, "The sign-in message could not be read.",
            "The message is not valid base64 or well-formed UTF-8 XML, nests deeper than maxXmlDepth, or does not "
                    + "fit the SAML schema where Gatehouse reads it.", "bindings 3.5.4"),
    /** The XML carries a DOCTYPE, which SAML forbids and which enables entity attacks. */
    XML_DOCTYPE_FORBIDDEN("xml_doctype_forbidden", 400, "The sign-in message could not be read.",
            "The XML contains a DOCTYPE declaration; SAML messages must not (entity expansion / XXE).", "core 1.3"),
    /** XML constructs SAML messages never use: comments, processing instructions, XInclude. */
    XML_CONSTRUCT_FORBIDDEN("xml_construct_forbidden", 400, "The sign-in message could not be read.",
            "The message contains an XML comment, a processing instruction or an XInclude element. IdPs never send "
                    + "them; inserted into a signed value, comments and PIs change what naive parsers read without "
                    + "breaking the signature (CVE-2017-11427).", "-"),
    /** The root element is not the expected protocol message. */
    UNEXPECTED_MESSAGE_TYPE("unexpected_message_type", 400, "The sign-in message is of the wrong kind.",
            "The root element is not the expected SAML 2.0 protocol message (Response at the ACS; LogoutRequest or "
                    + "LogoutResponse at the SLS).", "core 3.2.2"),
    /** The message is not SAML 2.0. */
    SAML_VERSION_UNSUPPORTED("saml_version_unsupported", 400, "The sign-in message is of the wrong kind.",
            "The Response or Assertion Version is not 2.0.", "core 3.2.2, 2.3.3"),

    // --- structure and signature ---
    /** Not exactly one assertion in the message, or an assertion nested somewhere it should not be. */
    ASSERTION_COUNT_INVALID("assertion_count_invalid", 403, "The sign-in message was refused.",
            "The Response must contain exactly one Assertion, as a direct child; extra, nested or wrapped assertions, "
                    + "and Assertion/Response look-alikes in other namespaces, are refused (signature wrapping).",
            "profiles 4.1.4.2"),
    /** The response carries an EncryptedAssertion, which this version cannot decrypt. */
    ENCRYPTED_ASSERTION_UNSUPPORTED("encrypted_assertion_unsupported", 400, "The sign-in message was refused.",
            "The IdP encrypted the assertion (or NameID, or an attribute), but this provider has no SP encryption "
                    + "key. Configure one under keys, or turn off encryption at the IdP.", "core 2.3.4"),
    /** Encrypted content could not be decrypted. */
    DECRYPTION_FAILED("decryption_failed", 403, "The sign-in message could not be read.",
            "An EncryptedAssertion, EncryptedID or EncryptedAttribute could not be decrypted with any configured SP "
                    + "encryption key, or its content is damaged. Check that the IdP encrypts to a certificate from "
                    + "this SP's metadata. (One code for every cause, so failures cannot serve as a padding oracle.)",
            "core 6"),
    /** An encryption algorithm outside the allow-list. */
    ENCRYPTION_ALGORITHM_FORBIDDEN("encryption_algorithm_forbidden", 403, "The sign-in message was refused.",
            "The IdP used a key-transport, content-encryption or OAEP digest algorithm that is not allowed (RSA "
                    + "PKCS#1 v1.5 needs allowRsa15KeyTransport; 3DES is never allowed).", "core 6"),
    /** A plaintext assertion where encryption is required. */
    ASSERTION_NOT_ENCRYPTED("assertion_not_encrypted", 403, "The sign-in message was refused.",
            "wantAssertionsEncrypted is true but the assertion arrived unencrypted; turn on assertion encryption at "
                    + "the IdP with this SP's encryption certificate.", "profiles 4.1.4.2"),
    /** Two elements of the message share an ID value. */
    DUPLICATE_XML_ID("duplicate_xml_id", 403, "The sign-in message was refused.",
            "Two elements in the message carry the same ID value, which makes signature references ambiguous.",
            "core 1.3.4"),
    /** A required signature is absent. */
    SIGNATURE_MISSING("signature_missing", 403, "The sign-in message was refused.",
            "The assertion (or, with wantAssertionsSigned=false, the response or the assertion) is not signed.",
            "profiles 4.1.3.5"),
    /** The signature does not verify with any configured IdP certificate. */
    SIGNATURE_INVALID("signature_invalid", 403, "The sign-in message was refused.",
            "The signature does not verify with any of the IdP certificates configured for this provider, or the "
                    + "signed content was changed after signing.", "core 5.4"),
    /** The signature is structurally unacceptable: reference, transforms, placement. */
    SIGNATURE_REFERENCE_INVALID("signature_reference_invalid", 403, "The sign-in message was refused.",
            "The signature must be enveloped in the element it signs, hold exactly one Reference whose URI is that "
                    + "element's ID, and use only the enveloped-signature and exclusive c14n transforms.", "core 5.4.2"),
    /** The signature uses an algorithm the policy does not allow. */
    SIGNATURE_ALGORITHM_FORBIDDEN("signature_algorithm_forbidden", 403, "The sign-in message was refused.",
            "The signature or digest algorithm is not allowed (SHA-1 needs allowSha1=true; HMAC, MD5 and others "
                    + "are never allowed).", "core 5.4"),
    /** Every configured IdP signing key is below the policy (RSA too short, EC curve not allowed). */
    SIGNING_KEY_TOO_WEAK("signing_key_too_weak", 403, "The sign-in message was refused.",
            "Every signing certificate configured for this IdP holds a key the algorithm policy refuses: RSA below "
                    + "minRsaKeySize (default 2048 bits) or EC outside P-256/P-384/P-521. Have the IdP sign with a "
                    + "stronger key.", "SP 800-131A"),

    // --- the SAML web browser SSO profile ---
    /** The IdP answered with a non-success status. */
    STATUS_NOT_SUCCESS("status_not_success", 403, "The identity provider did not sign you in.",
            "The Response's top-level StatusCode is not Success; the IdP's status and message are shown.",
            "core 3.2.2.2"),
    /** The Issuer is not the configured IdP entity ID. */
    ISSUER_MISMATCH("issuer_mismatch", 403, "The sign-in message was refused.",
            "The Issuer of the Response or Assertion is not the entityID configured for this provider.",
            "profiles 4.1.4.2"),
    /** The Destination is not this ACS URL. */
    DESTINATION_MISMATCH("destination_mismatch", 403, "The sign-in message was refused.",
            "The Response Destination is not this provider's ACS URL (built from externalURL), or is missing on a "
                    + "signed Response.", "bindings 3.5.5.2"),
    /** The bearer SubjectConfirmationData Recipient is not this ACS URL. */
    RECIPIENT_MISMATCH("recipient_mismatch", 403, "The sign-in message was refused.",
            "No bearer SubjectConfirmation has a Recipient equal to this provider's ACS URL.", "profiles 4.1.4.2"),
    /** The assertion is not addressed to this SP. */
    AUDIENCE_MISMATCH("audience_mismatch", 403, "The sign-in message was refused.",
            "The assertion's AudienceRestriction does not name this SP's entity ID (spEntityId).", "core 2.5.1.4"),
    /** Conditions NotBefore is in the future. */
    ASSERTION_NOT_YET_VALID("assertion_not_yet_valid", 403, "The sign-in message was refused.",
            "The assertion's Conditions NotBefore is later than now plus clockSkew; check the clocks.", "core 2.5.1.2"),
    /** Conditions NotOnOrAfter has passed. */
    ASSERTION_EXPIRED("assertion_expired", 403, "The sign-in message has expired.",
            "The assertion's Conditions NotOnOrAfter is earlier than now minus clockSkew.", "core 2.5.1.2"),
    /** No bearer SubjectConfirmation satisfies all rules. */
    SUBJECT_CONFIRMATION_INVALID("subject_confirmation_invalid", 403, "The sign-in message was refused.",
            "No bearer SubjectConfirmation is valid now: it needs Method bearer, a Recipient, a NotOnOrAfter in "
                    + "the future and a matching InResponseTo.", "profiles 4.1.4.2"),
    /** The assertion contains a condition Gatehouse does not understand. */
    CONDITION_UNSUPPORTED("condition_unsupported", 403, "The sign-in message was refused.",
            "The assertion carries a Condition this SP does not understand, so it is not valid.", "core 2.5.1"),
    /** There is no AuthnStatement. */
    AUTHN_STATEMENT_MISSING("authn_statement_missing", 403, "The sign-in message was refused.",
            "The assertion has no AuthnStatement, which the web SSO profile requires.", "profiles 4.1.4.2"),
    /** The user authenticated at the IdP too long ago. */
    AUTHENTICATION_TOO_OLD("authentication_too_old", 403, "Please sign in again.",
            "AuthnInstant is older than maxAuthenticationAge.", "core 2.7.2"),
    /** The IdP session the assertion belongs to has already ended. */
    SESSION_EXPIRED("session_expired", 403, "Please sign in again.",
            "The AuthnStatement SessionNotOnOrAfter has passed.", "core 2.7.2"),
    /** No NameID in the subject. */
    NAMEID_MISSING("nameid_missing", 403, "The sign-in message was refused.",
            "The assertion's Subject has no NameID (or an empty one).", "profiles 4.1.4.2"),

    // --- binding the response to the request and to this browser ---
    /** InResponseTo names no request this SP has pending. */
    IN_RESPONSE_TO_UNKNOWN("in_response_to_unknown", 403, "This sign-in attempt has expired. Please try again.",
            "InResponseTo does not match a pending AuthnRequest of this provider: it expired (requestTimeout), was "
                    + "already used, was issued by another node without a shared store, or is forged.",
            "profiles 4.1.4.3"),
    /** InResponseTo values inside the message disagree. */
    IN_RESPONSE_TO_MISMATCH("in_response_to_mismatch", 403, "The sign-in message was refused.",
            "The SubjectConfirmationData InResponseTo differs from the Response InResponseTo.", "profiles 4.1.4.3"),
    /** An unsolicited (IdP-initiated) response arrived but allowIdpInitiated is false. */
    UNSOLICITED_RESPONSE_REFUSED("unsolicited_response_refused", 403, "Please start signing in from this application.",
            "The Response has no InResponseTo (IdP-initiated) and allowIdpInitiated is false for this provider.",
            "profiles 4.1.5"),
    /** The browser did not return the login-state cookie. */
    LOGIN_STATE_COOKIE_MISSING("login_state_cookie_missing", 403, "Your browser did not keep the sign-in state. "
            + "Please allow cookies for this site and try again.",
            "The response answers a request, but the browser sent no GATEHOUSE_LOGIN cookie even after the "
                    + "same-site bounce: cookies are blocked, or the flow crossed hosts (check externalURL).", "-"),
    /** The browser that returned the response is not the one that started the login. */
    LOGIN_STATE_BROWSER_MISMATCH("login_state_browser_mismatch", 403, "The sign-in message was refused.",
            "The response answers a request that a different browser started (login CSRF / response injection).",
            "-"),
    /** The assertion ID was already used. */
    ASSERTION_REPLAYED("assertion_replayed", 403, "This sign-in message was already used.",
            "An assertion with this ID was already accepted; each assertion is accepted once.", "profiles 4.1.4.5"),

    // --- authorization and providers ---
    /** The user is not in any of allowGroups. */
    GROUP_NOT_ALLOWED("group_not_allowed", 403, "Your account is not allowed to use this application.",
            "The user is not a member of any group listed in allowGroups for this provider.", "-"),
    /** No usable user name: no username attribute and only a transient NameID. */
    USERNAME_MISSING("username_missing", 403, "Your account could not be identified. Please contact your administrator.",
            "None of the username attributes was in the assertion and the NameID is transient (a new random value at "
                    + "each sign-in), so there is nothing stable to call the user. The log lists the attributes the IdP "
                    + "sent and the preset that would match them; set usernameAttributeNames (or a preset), or make "
                    + "the IdP send a persistent or e-mail NameID.", "-"),
    /** allowSignup is off and the user store does not know the user. */
    USER_NOT_REGISTERED("user_not_registered", 403, "You do not have an account in this application yet. Please ask "
            + "an administrator to create one for you.", "The user store has no account linked to this IdP user (nor, "
            + "with linkAccountsByEmail, one with the same e-mail) and allowSignup is not true for this provider.",
            "-"),
    /** The user store could not be read or written. */
    USER_STORE_UNAVAILABLE("user_store_unavailable", 503, "Sign-in is temporarily unavailable. Please try again "
            + "later.", "The user store (its database) failed; the log has the cause under the incident id.", "-"),
    /** No provider with that id. */
    PROVIDER_UNKNOWN("provider_unknown", 404, "Unknown sign-in provider.",
            "No provider with this id is configured.", "-"),
    /** The provider's metadata could not be loaded. */
    PROVIDER_UNAVAILABLE("provider_unavailable", 503, "Sign-in with this provider is temporarily unavailable.",
            "The provider's IdP metadata could not be loaded at startup (see the startup log); Gatehouse retries "
                    + "on demand.", "-"),
    /** No Gatehouse endpoint at this path. */
    ENDPOINT_UNKNOWN("endpoint_unknown", 404, "There is nothing at this address.",
            "The path is under basePath but names no Gatehouse endpoint (metadata, login, acs).", "-"),
    // --- single logout ---
    /** A logout message is expired or dated in the future. */
    MESSAGE_TIME_INVALID("message_time_invalid", 403, "This sign-out request has expired.",
            "A LogoutRequest's NotOnOrAfter has passed, or its IssueInstant is older than requestTimeout or later "
                    + "than now plus clockSkew.", "core 3.7.1"),
    /** A logout message ID was already processed. */
    MESSAGE_REPLAYED("message_replayed", 403, "This sign-out request was already used.",
            "A LogoutRequest with this ID was already processed; each is processed once.", "core 3.7.3"),
    /** A logout POST that did not come from this application's own pages. */
    LOGOUT_NOT_SAME_ORIGIN("logout_not_same_origin", 403, "Please use the sign-out button of this application.",
            "A POST to the logout endpoint came from another site (Origin / Sec-Fetch-Site) without the page's "
                    + "token: refused, so other sites cannot sign users out (logout CSRF).", "-"),
    /** A non-browser request to a protected path without a session. */
    AUTHENTICATION_REQUIRED("authentication_required", 401, "Please sign in.",
            "A non-browser request (XHR or Accept: application/json) reached a protected path without a session.",
            "-"),
    /** A bug or an unexpected failure inside Gatehouse; the log has the stack trace under the incident id. */
    INTERNAL_ERROR("internal_error", 500, "Something went wrong while signing you in.",
            "An unexpected error inside Gatehouse; the log holds the stack trace under the incident id.", "-");

    private final String code;
    private final int httpStatus;
    private final String userMessage;
    private final String description;
    private final String specReference;

    ErrorCode(String code, int httpStatus, String userMessage, String description, String specReference) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.userMessage = userMessage;
        this.description = description;
        this.specReference = specReference;
    }

    /** The stable, documented code, e.g. {@code audience_mismatch}. */
    public String code() {
        return code;
    }

    /** The HTTP status the browser receives with the error page. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A sentence safe to show to the end user: it reveals nothing about the message or configuration. */
    public String userMessage() {
        return userMessage;
    }

    /** What the rule enforces, for administrators (README error table). */
    public String description() {
        return description;
    }

    /** The section of the SAML 2.0 standard the rule enforces, or {@code -}. */
    public String specReference() {
        return specReference;
    }
}
