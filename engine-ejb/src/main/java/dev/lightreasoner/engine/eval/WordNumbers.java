package dev.lightreasoner.engine.eval;

import java.util.Locale;
import java.util.Map;

/** An answer written in words ("five", "twenty-one", "one hundred and three") as digits, as the toolkit converts it. */
final class WordNumbers {
    private static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));
    private static final Map<String, Integer> SCALES = Map.of("hundred", 100, "thousand", 1000, "million", 1_000_000);

    private WordNumbers() {
    }

    /** The digits of a whole answer that is a number in English words; anything else unchanged. */
    static String digits(String answer) {
        String words = answer.toLowerCase(Locale.ROOT).replace("-", " ").replace(" and ", " ").strip();
        if (words.isEmpty() || !Character.isLetter(words.charAt(0))) {
            return answer;
        }
        long total = 0;
        long current = 0;
        for (String w : words.split("\\s+")) {
            if (UNITS.containsKey(w)) {
                current += UNITS.get(w);
            } else if (w.equals("hundred") && current > 0) {
                current *= 100;
            } else if (SCALES.containsKey(w) && current > 0) {
                total += current * SCALES.get(w);
                current = 0;
            } else {
                return answer;
            }
        }
        return Long.toString(total + current);
    }
}
