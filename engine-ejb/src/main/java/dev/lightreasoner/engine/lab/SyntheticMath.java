package dev.lightreasoner.engine.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of multi-step grade-school word problems for the miniature lab: a quantity (2–20) goes
 * through 2–3 operations (+ or − a single digit, ×2, ÷2; every intermediate a positive integer below 60),
 * told in varied sentences. Written as GSM8K-layout JSONL ({@code question}, {@code answer} = step-by-step lines and
 * {@code #### n}) plus {@code solution}, the assistant text a model learns (steps, then \boxed{n}).
 */
public final class SyntheticMath {
    private static final String[] NAMES = {"Ava", "Ben", "Chloe", "Diego", "Emma", "Farid", "Grace", "Hiro", "Ines",
            "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara"};
    private static final String[] FRIENDS = {"a friend", "her brother", "his sister", "a neighbour", "the teacher",
            "a classmate"};
    private static final String[] ITEMS = {"apples", "marbles", "stickers", "pencils", "cookies", "stamps", "shells",
            "books", "cards", "coins"};

    /** A problem, its step-by-step solution lines and the final answer. */
    public record Problem(String question, List<String> steps, long answer) {
        /** GSM8K's answer field: the steps, then "#### n". */
        public String gsm8kAnswer() {
            return String.join("\n", steps) + "\n#### " + answer;
        }

        /** What the model is trained to write: the steps, then the boxed answer. */
        public String solution() {
            return String.join("\n", steps) + "\nThe answer is \\boxed{" + answer + "}.";
        }
    }

    private SyntheticMath() {
    }

    public static Problem problem(Random random) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String friend = FRIENDS[random.nextInt(FRIENDS.length)];
        String items = ITEMS[random.nextInt(ITEMS.length)];
        int operations = 2 + random.nextInt(2);
        long x = 2 + random.nextInt(19);
        StringBuilder q = new StringBuilder(name + " has " + x + " " + items + ".");
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            char op = pick(random, x);
            long b;
            long y;
            // small numbers and single-digit or fixed second operands: a byte-level model of 0.4 M parameters
            // learns the arithmetic within the lab's CPU budget, so what remains hard is chaining the steps
            switch (op) {
                case '+' -> {
                    b = 1 + random.nextInt(9);
                    y = x + b;
                    q.append(random.nextBoolean() ? " " + name + " buys " + b + " more."
                            : " " + capital(friend) + " gives " + name + " " + b + " more.");
                }
                case '-' -> {
                    b = 1 + random.nextInt((int) Math.min(x - 1, 9));
                    y = x - b;
                    q.append(random.nextBoolean() ? " " + name + " gives " + b + " to " + friend + "."
                            : " " + name + " loses " + b + ".");
                }
                case '*' -> {
                    b = 2;
                    y = x * b;
                    q.append(" " + name + " gets twice as many.");
                }
                default -> {
                    b = 2;
                    y = x / b;
                    q.append(" " + name + " gives away half of them.");
                }
            }
            steps.add(x + " " + (op == '*' ? "×" : op == '/' ? "÷" : String.valueOf(op)) + " " + b + " = " + y);
            x = y;
        }
        q.append(" How many ").append(items).append(" does ").append(name).append(" have?");
        return new Problem(q.toString(), steps, x);
    }

    /** +, −, ×2 or ÷2, keeping every number below 60 and every result a positive integer. */
    private static char pick(Random random, long x) {
        List<Character> ops = new ArrayList<>(List.of('+'));
        if (x > 2) {
            ops.add('-');
        }
        if (x <= 25) {
            ops.add('*');
        }
        if (x % 2 == 0) {
            ops.add('/');
        }
        return ops.get(random.nextInt(ops.size()));
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Writes {@code train.jsonl}, {@code validation.jsonl} and {@code test.jsonl} into a folder: distinct
     * questions, no question in two splits. Same seed, same files.
     */
    public static void write(Path folder, int train, int validation, int test, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        int total = test + validation + train;
        int attempts = 0;
        while (problems.size() < total) {
            if (++attempts > 100 * total) {
                throw new IllegalStateException("cannot generate " + total + " distinct problems");
            }
            Problem p = problem(random);
            if (seen.add(p.question())) {
                problems.add(p);
            }
        }
        writeJsonl(folder.resolve("test.jsonl"), problems.subList(0, test));
        writeJsonl(folder.resolve("validation.jsonl"), problems.subList(test, test + validation));
        writeJsonl(folder.resolve("train.jsonl"), problems.subList(test + validation, total));
    }

    private static void writeJsonl(Path file, List<Problem> problems) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Problem p : problems) {
                var node = json.createObjectNode();
                node.put("question", p.question());
                node.put("answer", p.gsm8kAnswer());
                node.put("solution", p.solution());
                out.write(json.writeValueAsString(node));
                out.write('\n');
            }
        }
    }
}
