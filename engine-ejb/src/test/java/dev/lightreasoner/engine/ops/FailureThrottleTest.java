package dev.lightreasoner.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(15), 2, now::get);

    @Test
    void anAddressIsRefusedAfterItsFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"), "attempt " + (i + 1) + " may try");
            throttle.failed("10.0.0.1");
        }
        assertEquals(900, throttle.retryAfterSeconds("10.0.0.1"));
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.2"), "another address is not affected");
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertEquals(300, throttle.retryAfterSeconds("10.0.0.1"));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"), "the window has passed");
    }

    @Test
    void aSuccessClearsTheCountAndMemoryStaysBounded() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        throttle.failed("a");
        assertEquals(0, throttle.retryAfterSeconds("a"), "two failures since the success: below 3");
        for (int i = 0; i < 3; i++) {
            throttle.failed("b");
        }
        throttle.failed("c");                                     // a is now the least recently seen: forgotten
        assertEquals(0, throttle.retryAfterSeconds("a"));
        assertEquals(900, throttle.retryAfterSeconds("b"));
    }
}
