package dev.lightreasoner.engine.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lines one execution wrote to the server log. Jobs tag their lines with {@link #tag(long)} (a logging context
 * value the log pattern prints); a line without a timestamp after a tagged line (a stack trace) belongs to it too.
 * Reads the current log and its rotated copies ({@code server.log.YYYY-MM-DD}), oldest first.
 */
public final class ExecutionLog {
    /** The logging context key the jobs set and the server's log pattern prints ({@code %X{lr.execution}}). */
    public static final String CONTEXT_KEY = "lr.execution";
    private static final Pattern TIMESTAMPED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.*");

    private ExecutionLog() {
    }

    /** What a tagged line carries (with the trailing space that separates it from the message). */
    public static String tag(long executionId) {
        return "[execution " + executionId + "] ";
    }

    /** The last {@code limit} lines of the execution, oldest first; none when the log folder has no server log. */
    public static List<String> lines(Path logDir, long executionId, int limit) {
        String tag = tag(executionId);
        Deque<String> kept = new ArrayDeque<>();
        for (Path file : logFiles(logDir)) {
            boolean inTagged = false;
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (TIMESTAMPED.matcher(line).matches()) {
                        inTagged = line.contains(tag);
                    }
                    if (inTagged) {
                        kept.addLast(line);
                        if (kept.size() > limit) {
                            kept.removeFirst();
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a rotated file removed while reading: the others still count
            }
        }
        return new ArrayList<>(kept);
    }

    private static List<Path> logFiles(Path logDir) {
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted((a, b) -> {
                // server.log.2026-11-29 < server.log.2026-11-30 < server.log (the current one last)
                String x = a.getFileName().toString();
                String y = b.getFileName().toString();
                return x.equals("server.log") ? 1 : y.equals("server.log") ? -1 : x.compareTo(y);
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
