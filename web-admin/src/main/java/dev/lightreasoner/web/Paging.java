package dev.lightreasoner.web;

import dev.lightreasoner.service.RequestRejected;

/** The paging query parameters of every list: an offset in range (400 naming it otherwise) and a clamped limit. */
final class Paging {
    /** No list holds more rows than this; a larger offset is a client's error, not an overflow further down. */
    static final int MAX_OFFSET = 10_000_000;

    private Paging() {
    }

    static int offset(int offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "offset",
                    "must be between 0 and " + MAX_OFFSET + ": " + offset);
        }
        return offset;
    }

    static int limit(int limit, int max) {
        return Math.max(1, Math.min(limit, max));
    }
}
