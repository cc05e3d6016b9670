package dev.lightreasoner.service;

import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Devices;
import dev.lightreasoner.engine.model.Precision;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Models loaded once per (folder, device, precision) and shared by every job and partition using them; closed when
 * the last user releases them. Inference is thread-safe (per-call managers over read-only weights).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoadedModels {
    private static final Logger LOG = Logger.getLogger(LoadedModels.class.getName());

    private final Map<String, Entry> loaded = new HashMap<>();

    private static final class Entry {
        final CausalLm model;
        int users;

        Entry(CausalLm model) {
            this.model = model;
        }
    }

    /** A use of a loaded model; closing it releases the model. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final CausalLm model;
        private boolean closed;

        Lease(String key, CausalLm model) {
            this.key = key;
            this.model = model;
        }

        public CausalLm model() {
            return model;
        }

        @Override
        public void close() {
            synchronized (LoadedModels.this) {
                if (!closed) {
                    closed = true;
                    release(key);
                }
            }
        }
    }

    /** A model in fp32 or fp16 ({@link Precision}) on {@code cpu} or {@code gpu:N}. */
    public synchronized Lease acquire(Path folder, String device, String precision) {
        String key;
        try {
            key = folder.toRealPath() + "@" + device + "/" + Precision.parse(precision);
        } catch (IOException e) {
            throw new IllegalArgumentException("model folder " + folder + " cannot be read: " + e.getMessage(), e);
        }
        Entry entry = loaded.get(key);
        if (entry == null) {
            long start = System.nanoTime();
            entry = new Entry(CausalLm.load(folder, Devices.parse(device), Precision.parse(precision)));
            loaded.put(key, entry);
            LOG.info(() -> "loaded " + key + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        entry.users++;
        return new Lease(key, entry.model);
    }

    private void release(String key) {
        Entry entry = loaded.get(key);
        if (entry != null && --entry.users == 0) {
            loaded.remove(key);
            entry.model.close();
            LOG.info(() -> "unloaded " + key);
        }
    }

    @PreDestroy
    synchronized void closeAll() {
        loaded.values().forEach(e -> e.model.close());
        loaded.clear();
    }
}
