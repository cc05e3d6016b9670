package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pickers' lists: model and adapter folders and JSONL files, relative to the root, without checkpoints or staging. */
class DataRootListingTest {
    @TempDir
    Path root;

    private void file(String relative) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{}");
    }

    @Test
    void listsWhatAStartFormCanNameAndNothingElse() throws Exception {
        file("models/expert/config.json");
        file("models/amateur/config.json");
        file("runs/train-3/adapter/adapter_config.json");
        file("runs/train-3/checkpoint-4/adapter_config.json");
        file("runs/pretrain-5/checkpoint-8/config.json");
        file("models/.staging-x/config.json");
        file("datasets/gsm8k/train.jsonl");
        file("datasets/gsm8k/README.md");
        DataRootListing listing = DataRootListing.of(new DataRoot(root));
        assertEquals(List.of("models/amateur", "models/expert"), listing.models());
        assertEquals(List.of("runs/train-3/adapter"), listing.adapters());
        assertEquals(List.of("datasets/gsm8k/train.jsonl"), listing.jsonl());
        assertEquals(List.of(), DataRootListing.of(new DataRoot(root.resolve("none"))).models(), "no root yet: empty");
    }
}
