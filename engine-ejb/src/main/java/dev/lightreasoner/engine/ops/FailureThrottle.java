package dev.lightreasoner.engine.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins counted per client address, not per account: after {@code maxFailures} failures within
 * {@code window}, that address is refused until the window since its first failure has passed; a success clears it.
 * An attacker can slow down only itself, never lock a user out (the account still signs in from elsewhere).
 * Bounded memory: the least recently seen addresses are forgotten beyond {@code maxAddresses}.
 */
public final class FailureThrottle {
    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, long[]> byAddress;        // address -> {first failure time, failures}

    public FailureThrottle(int maxFailures, Duration window, int maxAddresses, LongSupplier nanoClock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("maxFailures, window and maxAddresses must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Seconds until the address may try again, or 0 when it may try now. */
    public synchronized long retryAfterSeconds(String address) {
        long[] entry = byAddress.get(address);
        if (entry == null) {
            return 0;
        }
        long elapsed = clock.getAsLong() - entry[0];
        if (elapsed >= windowNanos) {
            byAddress.remove(address);
            return 0;
        }
        return entry[1] >= maxFailures ? Math.max(1, (windowNanos - elapsed + 999_999_999L) / 1_000_000_000L) : 0;
    }

    public synchronized void failed(String address) {
        long now = clock.getAsLong();
        long[] entry = byAddress.get(address);
        if (entry == null || now - entry[0] >= windowNanos) {
            byAddress.put(address, new long[] {now, 1});
        } else {
            entry[1]++;
        }
    }

    public synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
