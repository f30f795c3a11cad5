package dev.gatehouse.error;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a SAML message is refused. Carries every {@link Problem} found (at least one); the first is the
 * primary reason whose code the browser sees.
 *
 * <p>The exception message contains message and configuration details and is meant for the log only.
 */
public final class SamlRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SamlRejection(List<Problem> problems) {
        super(describe(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public SamlRejection(List<Problem> problems, Throwable cause) {
        super(describe(problems), cause, false, false);
        this.problems = List.copyOf(problems);
    }

    /** A rejection for one problem. */
    public static SamlRejection of(ErrorCode code, String detail) {
        return new SamlRejection(List.of(Problem.of(code, detail)));
    }

    /** A rejection for one problem with a fix. */
    public static SamlRejection of(ErrorCode code, String detail, String fix) {
        return new SamlRejection(List.of(new Problem(code, detail, fix)));
    }

    /** The primary problem. */
    public Problem primary() {
        return problems.get(0);
    }

    /** The primary code. */
    public ErrorCode code() {
        return primary().code();
    }

    /** All problems, primary first. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one problem");
        }
        StringBuilder text = new StringBuilder(problems.get(0).toString());
        for (int i = 1; i < problems.size(); i++) {
            text.append("; also ").append(problems.get(i));
        }
        return text.toString();
    }
}
