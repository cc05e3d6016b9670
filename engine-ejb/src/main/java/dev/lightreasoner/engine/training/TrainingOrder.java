package dev.lightreasoner.engine.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seeded order in which examples are seen: an endless stream of epochs, each a fresh shuffle. By default
 * examples are shuffled individually across the whole sampling run, as the reference draws them; by trajectory
 * (a deviation, {@code order=trajectory}) trajectories are shuffled and each keeps its examples together, so a
 * micro-batch usually holds few trajectories. Step s takes stream positions
 * [s·E, (s+1)·E) — a function of the step alone, so a checkpoint needs to store only the step.
 */
public final class TrainingOrder {
    private final List<TrainingExample> examples;
    private final long seed;
    private final boolean byTrajectory;
    private final boolean wholeTrajectories;
    private final List<List<TrainingExample>> trajectories;
    private int cachedEpoch = -1;
    private List<TrainingExample> cachedOrder;

    public TrainingOrder(List<TrainingExample> examples, long seed, boolean byTrajectory) {
        this(examples, seed, byTrajectory, false);
    }

    /**
     * @param wholeTrajectories the unit of a step is a trajectory with all its examples (SFT: every token of a
     *                          solution); {@link #batch} then takes that many trajectories
     */
    public TrainingOrder(List<TrainingExample> examples, long seed, boolean byTrajectory, boolean wholeTrajectories) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.examples = List.copyOf(examples);
        this.seed = seed;
        this.byTrajectory = byTrajectory || wholeTrajectories;
        this.wholeTrajectories = wholeTrajectories;
        Map<Long, List<TrainingExample>> groups = new LinkedHashMap<>();
        for (TrainingExample ex : this.examples) {
            groups.computeIfAbsent(ex.trajectory(), k -> new ArrayList<>()).add(ex);
        }
        this.trajectories = List.copyOf(groups.values());
    }

    /** Units of the stream: examples, or trajectories when whole trajectories are the unit. */
    public int units() {
        return wholeTrajectories ? trajectories.size() : examples.size();
    }

    public int size() {
        return examples.size();
    }

    /** The examples of optimizer step {@code step} (0-based): {@code unitsPerStep} examples or trajectories. */
    public List<TrainingExample> batch(long step, int unitsPerStep) {
        if (wholeTrajectories) {
            List<TrainingExample> out = new ArrayList<>();
            for (long k = step * unitsPerStep; k < (step + 1) * unitsPerStep; k++) {
                int e = (int) (k / trajectories.size());
                out.addAll(trajectoryOrder(e).get((int) (k % trajectories.size())));
            }
            return out;
        }
        List<TrainingExample> out = new ArrayList<>(unitsPerStep);
        for (long k = step * unitsPerStep; k < (step + 1) * unitsPerStep; k++) {
            out.add(epoch((int) (k / examples.size())).get((int) (k % examples.size())));
        }
        return out;
    }

    private List<List<TrainingExample>> trajectoryOrder(int e) {
        List<List<TrainingExample>> shuffled = new ArrayList<>(trajectories);
        Collections.shuffle(shuffled, new Random(LoraAdapter.mix(seed, 0x5EEDL + e)));
        return shuffled;
    }

    private List<TrainingExample> epoch(int e) {
        if (e != cachedEpoch) {
            cachedOrder = order(e);
            cachedEpoch = e;
        }
        return cachedOrder;
    }

    private List<TrainingExample> order(int e) {
        Random random = new Random(LoraAdapter.mix(seed, 0x5EEDL + e));
        if (!byTrajectory) {
            List<TrainingExample> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, random);
            return shuffled;
        }
        Map<Long, List<TrainingExample>> groups = new LinkedHashMap<>();
        for (TrainingExample ex : examples) {
            groups.computeIfAbsent(ex.trajectory(), k -> new ArrayList<>()).add(ex);
        }
        List<List<TrainingExample>> shuffled = new ArrayList<>(groups.values());
        Collections.shuffle(shuffled, random);
        List<TrainingExample> out = new ArrayList<>(examples.size());
        shuffled.forEach(out::addAll);
        return out;
    }
}
