package dev.lightreasoner.engine;

/** A job or request parameter that cannot be accepted; names the parameter so the caller can fix it. */
public class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
