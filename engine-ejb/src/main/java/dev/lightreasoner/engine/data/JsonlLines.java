package dev.lightreasoner.engine.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSONL file line by line and knows its position, so a batch reader can checkpoint
 * the number of lines consumed and resume after exactly that many.
 */
public final class JsonlLines implements Closeable {

    /** One non-blank line with its 1-based number. */
    public record Line(long number, String text) {
    }

    private final BufferedReader in;
    private final long limit;
    private long consumed;

    /**
     * @param file   the JSONL file (UTF-8)
     * @param resume number of lines already consumed by an earlier execution (0 at the start)
     * @param limit  read at most this many lines in total (0 = no limit)
     */
    public JsonlLines(Path file, long resume, long limit) throws IOException {
        this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.limit = limit;
        for (long i = 0; i < resume; i++) {
            if (in.readLine() == null) {
                in.close();
                throw new IOException(file + " has fewer than " + resume + " lines (the first line to read: parameter from, or the"
                        + " checkpoint of a file that changed since)");
            }
        }
        this.consumed = resume;
    }

    /** The next non-blank line, or null at the end of the file (or of the limit). */
    public Line next() throws IOException {
        while (limit == 0 || consumed < limit) {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            consumed++;
            if (!text.isBlank()) {
                return new Line(consumed, text);
            }
        }
        return null;
    }

    /** Lines consumed so far, blank ones included: the checkpoint. */
    public long consumed() {
        return consumed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
