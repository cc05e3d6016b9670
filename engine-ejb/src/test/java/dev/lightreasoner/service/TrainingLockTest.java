package dev.lightreasoner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The training slot's queue: first come, first served; a stopped waiter leaves; the holder keeps it. */
class TrainingLockTest {
    @Test
    void trainingsTakeTheSlotInTheOrderTheyAskedForIt() {
        TrainingLock slot = new TrainingLock();
        assertTrue(slot.tryAcquire(1));
        assertTrue(slot.tryAcquire(1), "the holder asking again keeps it");
        assertFalse(slot.tryAcquire(2));
        assertFalse(slot.tryAcquire(3));
        assertEquals(2, slot.queued());
        assertEquals(1L, slot.queuedBehind(2));
        assertNull(slot.queuedBehind(1), "the holder is not queued");
        slot.release(1);
        assertFalse(slot.tryAcquire(3), "3 asked after 2: it waits although the slot is free");
        assertNull(slot.queuedBehind(2), "2 is next with the slot free: not behind anyone");
        assertEquals(2L, slot.queuedBehind(3));
        assertTrue(slot.tryAcquire(2));
        assertEquals(2L, slot.queuedBehind(3));
        assertThrows(IllegalStateException.class, () -> slot.acquire(3), "the steps' own check names the holder");
        slot.release(2);
        assertTrue(slot.tryAcquire(3));
        assertEquals(0, slot.queued());
    }

    @Test
    void aTrainingStoppedWhileQueuedLeavesTheQueue() {
        TrainingLock slot = new TrainingLock();
        slot.tryAcquire(1);
        slot.tryAcquire(2);
        slot.tryAcquire(3);
        slot.release(2);                                       // stopped while queued
        assertNull(slot.queuedBehind(2));
        slot.release(1);
        assertTrue(slot.tryAcquire(3), "3 is first now");
    }
}
