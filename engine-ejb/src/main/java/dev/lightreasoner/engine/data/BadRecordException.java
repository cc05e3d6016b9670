package dev.lightreasoner.engine.data;

/** One input record that cannot be used; the job skips it (up to its skip limit) and records why. */
public class BadRecordException extends Exception {
    private final long lineNumber;

    public BadRecordException(long lineNumber, String reason) {
        super("line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number in the input file. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The reason without the line prefix. */
    public String reason() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
