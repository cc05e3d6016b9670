package dev.lightreasoner.engine.training;

/**
 * One supervised position: the model reads prompt + assistant prefix and is trained toward the soft label
 * at the prefix's last token (the last real token — docs/method.md B1 fixed).
 *
 * @param trajectory which trajectory it comes from (question index); examples of one trajectory can be packed
 */
public record TrainingExample(long trajectory, int step, int[] promptIds, int[] prefixIds, int[] labelIds,
                              double[] labelWeights) {

    public int length() {
        return promptIds.length + prefixIds.length;
    }
}
