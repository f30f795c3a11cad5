package dev.gatehouse.bench;

import java.util.List;

/**
 * One way of validating a base64 SAML Response as an ACS would: returns the user it signs in, throws when it refuses
 * the response. Every path starts from the same base64 string (the HTTP-POST binding's parameter).
 */
public interface ValidationPath {

    /** Validates a response. */
    String validate(String base64) throws Exception;

    /**
     * Proves the path does real work: it must accept {@code valid} (as user {@code expectedUser}) and refuse every
     * copy in {@code tampered}.
     *
     * @throws IllegalStateException when it does not
     */
    default void prove(String valid, List<String> tampered, String expectedUser) {
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
        for (int i = 0; i < tampered.size(); i++) {
            try {
                validate(tampered.get(i));
            } catch (Exception expected) {
                continue;
            }
            throw new IllegalStateException(getClass().getSimpleName() + " accepts tampered copy " + (i + 1) + " of "
                    + tampered.size());
        }
    }
}
