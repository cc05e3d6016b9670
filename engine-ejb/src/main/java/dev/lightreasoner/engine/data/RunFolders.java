package dev.lightreasoner.engine.data;

import java.util.regex.Pattern;

/**
 * Where runs keep their files under the data root, written once: {@code runs/<job>-<instance id>}, and a training
 * run's adapter in {@code runs/train-<instance id>/adapter} (PEFT layout).
 */
public final class RunFolders {
    /** A training run's adapter path, as a merge's {@code adapter} parameter names it. */
    public static final Pattern TRAINING_ADAPTER = Pattern.compile("runs/train-(\\d+)/adapter/?");

    private RunFolders() {
    }

    /** {@code runs/<job>-<instance>}, relative to the data root. */
    public static String of(String job, long instance) {
        return "runs/" + job + "-" + instance;
    }

    public static String trainingAdapter(long trainInstance) {
        return of("train", trainInstance) + "/adapter";
    }
}
