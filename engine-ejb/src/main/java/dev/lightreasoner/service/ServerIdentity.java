package dev.lightreasoner.service;

import java.util.UUID;

/**
 * Who runs an execution: this server's node name and a boot id drawn once per JVM (kept in a system
 * property so a redeploy of the app inside the same JVM keeps it). Servers sharing one job repository need
 * distinct node names ({@code -Djboss.node.name}).
 */
public final class ServerIdentity {
    private static final String BOOT_PROPERTY = "lightreasoner.server.boot";

    private ServerIdentity() {
    }

    public static String node() {
        return System.getProperty("jboss.node.name", "localhost");
    }

    public static String owner() {
        String boot;
        synchronized (System.getProperties()) {
            boot = System.getProperty(BOOT_PROPERTY);
            if (boot == null) {
                boot = UUID.randomUUID().toString();
                System.setProperty(BOOT_PROPERTY, boot);
            }
        }
        return node() + "/" + boot;
    }

    /** The node part of an owner string. */
    public static String nodeOf(String owner) {
        int slash = owner.lastIndexOf('/');
        return slash < 0 ? owner : owner.substring(0, slash);
    }
}
