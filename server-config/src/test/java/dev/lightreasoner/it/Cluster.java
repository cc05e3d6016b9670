package dev.lightreasoner.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cluster of WildFly nodes on this machine for the scale-out tests, run by {@code bin/cluster.sh} on the provisioned
 * server and the EAR under test (PostgreSQL only). Node {@code k} (1..N) is the server with port offset
 * {@code k * LIGHTREASONER_CLUSTER_PORT_OFFSET} (100 by default) and its own base dir {@code home/cluster/node<k>};
 * all nodes share the data root ({@code home/data}), the database and the tests' users. Calling {@link #up} again
 * brings back killed nodes with their own data, leaving running ones alone.
 */
final class Cluster {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path SCRIPT = MODULE.resolve("bin/cluster.sh");
    private static final long SCRIPT_MINUTES = 15;

    private final int nodes;
    private final Path home;
    private final Map<String, String> env;
    private final int portStep;

    private Cluster(int nodes, Path home, Map<String, String> env) {
        this.nodes = nodes;
        this.home = home;
        this.env = env;
        this.portStep = Integer.parseInt(env.getOrDefault("LIGHTREASONER_CLUSTER_PORT_OFFSET", "100"));
    }

    /**
     * Starts (the missing nodes of) a cluster of {@code nodes} nodes whose state lives in {@code home} and waits until
     * every node is ready. {@code env} adds to or overrides the script's environment: LIGHTREASONER_PG_* (database),
     * LIGHTREASONER_CLUSTER_JAVA_OPTS (e.g. {@code -Dlightreasoner.lease.timeout.seconds=15}), LIGHTREASONER_HEAP, ...
     * The tests' users (src/test/security) are copied into {@code home/server}, whence every node takes them, and the
     * single-server tests' DJL native cache is linked there (the nodes use it instead of extracting ~450 MB again). On
     * failure the nodes that did start are stopped and the error carries the script's output and each node's log end.
     */
    static Cluster up(int nodes, Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        // the provisioned server and the EAR under test (failsafe's system properties), unless env names others
        Optional.ofNullable(System.getProperty("jboss.home")).ifPresent(v -> all.put("JBOSS_HOME", v));
        Optional.ofNullable(System.getProperty("app.ear")).ifPresent(v -> all.put("LIGHTREASONER_EAR", v));
        all.putAll(env);
        all.put("LIGHTREASONER_HOME", home.toAbsolutePath().toString());
        Cluster cluster = new Cluster(nodes, home.toAbsolutePath(), all);
        try {
            Path users = cluster.home.resolve("server");
            Files.createDirectories(users);
            try (var files = Files.list(MODULE.resolve("src/test/security"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".properties")).toList()) {
                    Files.copy(f, users.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String itData = System.getProperty("it.data.dir");
            Path cache = users.resolve("djl-cache");
            if (itData != null && Files.isDirectory(Path.of(itData, "djl-cache", "pytorch"))
                    && !Files.exists(cache, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(cache, Path.of(itData, "djl-cache").toAbsolutePath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + home + " (users, DJL cache)", e);
        }
        Result r = cluster.script("up", String.valueOf(nodes));
        if (r.exit() != 0) {
            StringBuilder message = new StringBuilder("cluster.sh up " + nodes + " failed (exit " + r.exit() + "):\n")
                    .append(r.output());
            for (int k = 1; k <= nodes; k++) {
                message.append("\n--- node").append(k).append(" ").append(cluster.log(k)).append(", last lines:\n")
                        .append(tail(cluster.log(k), 30));
            }
            Result down = cluster.script("down");
            message.append("\n--- cluster.sh down: ").append(down.output());
            throw new AssertionError(message.toString());
        }
        return cluster;
    }

    /** The REST API's base URL on a node, e.g. {@code http://127.0.0.1:8180/lightreasoner/api/} for node 1. */
    String baseUrl(int node) {
        return "http://127.0.0.1:" + (8080 + portStep * checked(node)) + "/lightreasoner/api/";
    }

    /** The node's server log. */
    Path log(int node) {
        return nodeDir(checked(node)).resolve("log/server.log");
    }

    /** Whether the node's JVM runs. */
    boolean alive(int node) {
        return process(checked(node)).isPresent();
    }

    /** Kills the node's JVM with SIGKILL (no shutdown of any kind) and waits until it is gone. */
    void kill(int node) {
        ProcessHandle jvm = process(checked(node))
                .orElseThrow(() -> new AssertionError("node" + node + " is not running, nothing to kill"));
        jvm.destroyForcibly();
        try {
            jvm.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("node" + node + " (pid " + jvm.pid() + ") still runs 60 s after SIGKILL");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops every node (graceful, then SIGKILL for what is left); their folders and data stay. */
    void down() {
        Result r = script("down");
        if (r.exit() != 0) {
            throw new AssertionError("cluster.sh down failed (exit " + r.exit() + "):\n" + r.output());
        }
    }

    private int checked(int node) {
        if (node < 1 || node > nodes) {
            throw new IllegalArgumentException("node " + node + " is not in 1.." + nodes);
        }
        return node;
    }

    private Path nodeDir(int node) {
        return home.resolve("cluster/node" + node);
    }

    /** The node's JVM, from the pid file standalone.sh writes, if it runs with this node's base dir. */
    private Optional<ProcessHandle> process(int node) {
        Path pidFile = nodeDir(node).resolve("wildfly.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        String baseDir = "-Djboss.server.base.dir=" + nodeDir(node);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(baseDir)).orElse(false));
    }

    private record Result(int exit, String output) {
    }

    private Result script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("cluster-sh-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(SCRIPT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(output) + "\n(killed after " + SCRIPT_MINUTES + " minutes)");
                }
                return new Result(p.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            // (lenient decoding: a log may hold anything)
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
