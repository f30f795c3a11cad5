package dev.gatehouse.bench;

/**
 * One way of validating a base64 SAML Response as an ACS would: returns the user it signs in, throws when it refuses
 * the response. Every path starts from the same base64 string (the HTTP-POST binding's parameter).
 */
public interface ValidationPath {

    /** Validates a response. */
    String validate(String base64) throws Exception;

    /**
     * Proves the path does real work: it must accept {@code valid} (as user {@code expectedUser}) and refuse
     * {@code tampered}.
     *
     * @throws IllegalStateException when it does not
     */
    default void prove(String valid, String tampered, String expectedUser) {
        String user;
        try {
            user = validate(valid);
        } catch (Exception e) {
            throw new IllegalStateException(getClass().getSimpleName() + " refuses a valid response: " + e, e);
        }
        if (!expectedUser.equals(user)) {
            throw new IllegalStateException(getClass().getSimpleName() + " returned [" + user + "], not ["
                    + expectedUser + "]");
        }
        try {
            validate(tampered);
        } catch (Exception expected) {
            return;
        }
        throw new IllegalStateException(getClass().getSimpleName() + " accepts a tampered response");
    }
}
