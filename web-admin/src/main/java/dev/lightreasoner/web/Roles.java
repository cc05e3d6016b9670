package dev.lightreasoner.web;

/**
 * The console's and API's roles (Elytron groups of the LightReasoner realm). Every API call needs one of
 * them (web.xml); mutations name theirs with @RolesAllowed.
 */
public final class Roles {
    /** Everything, including configuration that acts later without a person: schedules, restart policies. */
    public static final String ADMIN = "lr-admin";
    /** Runs jobs: start, stop, restart, abandon. */
    public static final String OPERATOR = "lr-operator";
    /** Reads everything, changes nothing. */
    public static final String VIEWER = "lr-viewer";

    private Roles() {
    }
}
