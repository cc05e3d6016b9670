package dev.lightreasoner.engine.data;

/**
 * One question of a GSM8K-layout dataset.
 *
 * @param index       0-based line index in the file: stable when other lines are skipped
 * @param question    the question text, verbatim
 * @param answer      the full reference solution
 * @param finalAnswer the text after the last {@code ####} of the solution, trimmed
 */
public record QuestionRecord(long index, String question, String answer, String finalAnswer) {
}
