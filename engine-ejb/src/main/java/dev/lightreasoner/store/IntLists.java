package dev.lightreasoner.store;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Compact text columns for id and weight lists ("1,2,3"), readable in any SQL console. */
public final class IntLists {
    private IntLists() {
    }

    public static String ints(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    public static int[] ints(String text) {
        return text == null || text.isEmpty() ? new int[0]
                : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Shortest decimal that reads back to the same double. */
    public static String doubles(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    public static double[] doubles(String text) {
        return text == null || text.isEmpty() ? new double[0]
                : Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public static String longs(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    public static long[] longs(String text) {
        return text == null || text.isEmpty() ? new long[0]
                : Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
