package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nnj.api.backend.BackendSelectionException;
import nnj.api.layers.Dense;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Sequential.load(path)} gives a model that predicts at once, as PyTorch and Keras users
 * expect, on the default backend found by discovery (naive is the one on this module's class path).
 */
class LoadedModelPredictsTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedModelPredictsWithoutBeingMoved() throws Exception {
        Sequential model = Sequential.of(new Dense(3, 4), new ReLU(), new Dense(4, 2)).initialize(5)
                .on(new NaiveBackend());
        float[] x = {1f, -2f, 0.5f, 0f, 3f, -1f};
        Path file = dir.resolve("m.safetensors");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertEquals("naive", loaded.backend().name());
        // same weights, same reference kernels: bitwise the same outputs
        assertArrayEquals(model.predict(x, 2), loaded.predict(x, 2), 0f);
        assertArrayEquals(model.predict(x, 2), Sequential.load(file, "naive").predict(x, 2), 0f);
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> Sequential.load(file, "nope"));
        assertTrue(e.getMessage().contains("unknown backend 'nope'"), e.getMessage());
    }
}
