package dev.lightreasoner.batch;

/** JBeret stores exit statuses in VARCHAR(512) columns: a longer one would fail the execution's own update. */
public final class ExitStatuses {
    static final int MAX = 500;

    private ExitStatuses() {
    }

    public static String fit(String status) {
        return status == null || status.length() <= MAX ? status : status.substring(0, MAX - 1) + "…";
    }
}
