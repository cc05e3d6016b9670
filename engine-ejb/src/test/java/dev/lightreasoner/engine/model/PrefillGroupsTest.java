package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefillGroupsTest {
    @Test
    void equalLengthsAreOneGroup() {
        List<int[]> groups = PrefillGroups.of(new int[] {90, 90, 90, 90});
        assertEquals(1, groups.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, groups.get(0));
    }

    @Test
    void groupsAreCutWherePaddingWouldPassAnEighthOfTheComputedTokens() {
        // sorted: 40 (row 3), 45 (row 1), 100 (row 0), 110 (row 2); 40+45 pads 5 of 90 (5.6 %): together;
        // adding 100 would pad 115 of 300; 100+110 pads 10 of 220 (4.5 %): together
        List<int[]> groups = PrefillGroups.of(new int[] {100, 45, 110, 40});
        assertEquals(2, groups.size());
        assertArrayEquals(new int[] {3, 1}, groups.get(0));
        assertArrayEquals(new int[] {0, 2}, groups.get(1));
    }

    @Test
    void everyRowOnceAndEveryGroupWithinTheBound() {
        int[] lengths = new int[64];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 45 + random.nextInt(90);
        }
        List<int[]> groups = PrefillGroups.of(lengths);
        int[] seen = groups.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        int[] all = new int[lengths.length];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(all, seen);
        for (int[] group : groups) {
            int longest = Arrays.stream(group).map(r -> lengths[r]).max().orElseThrow();
            int real = Arrays.stream(group).map(r -> lengths[r]).sum();
            long computed = (long) longest * group.length;
            assertTrue(computed - real <= PrefillGroups.MAX_PADDING_SHARE * computed, Arrays.toString(group));
        }
        assertTrue(groups.size() < lengths.length / 2, "similar lengths share groups: " + groups.size());
    }
}
