package dev.lightreasoner.service;

import jakarta.ejb.ApplicationException;

/**
 * A request the services refuse, with the HTTP-like status the web layer should answer and,
 * where one parameter is at fault, its name. An application exception: it reaches the caller
 * unwrapped and is not logged as a server error.
 */
@ApplicationException(rollback = true)
public class RequestRejected extends RuntimeException {
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    private final int status;
    private final String parameter;

    public RequestRejected(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    public int status() {
        return status;
    }

    /** The offending parameter, or null. */
    public String parameter() {
        return parameter;
    }
}
