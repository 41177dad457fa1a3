package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nnj.api.data.Dataset;
import nnj.api.io.MalformedModelFileException;
import nnj.api.io.SafeTensors;
import nnj.api.layers.BatchNorm;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Parameter;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.optim.Adam;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizer;
import nnj.api.optim.RmsProp;
import nnj.api.optim.Sgd;
import nnj.api.testing.Blobs;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run resumed from its checkpoint must be indistinguishable from an uninterrupted
 * one: bitwise-equal losses and weights on the same backend (a single-threaded reference backend
 * here, so there is no reduction-order freedom that could excuse any difference).
 */
class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential mlp() {
        return Sequential.of(new Dense(4, 16), new ReLU(), new Dropout(0.2f), new Dense(16, 3));
    }

    private static Trainer.Builder trainer(Supplier<Optimizer> optimizer, int epochs) {
        return Trainer.on(new NaiveBackend()).optimizer(optimizer.get()).epochs(epochs).batchSize(16).seed(7)
                .schedule(LearningRateSchedule.step(1, 0.7f)); // the rate changes every epoch: the position matters
    }

    @Test
    void shuffleRandomGivesTheSameNumbersAsJavaUtilRandom() {
        for (long seed : new long[] {0, 1, 42, -5, Long.MAX_VALUE}) {
            Random plain = new Random(seed);
            ShuffleRandom ours = new ShuffleRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(plain.nextInt(i + 1), ours.nextInt(i + 1), "seed " + seed + " draw " + i);
            }
            assertEquals(plain.nextLong(), ours.nextLong());
            assertEquals(plain.nextDouble(), ours.nextDouble());
        }
        ShuffleRandom a = new ShuffleRandom(3);
        a.nextInt(10);
        ShuffleRandom b = new ShuffleRandom(99);
        b.restore(a.state());
        assertEquals(a.nextInt(1000), b.nextInt(1000), "a restored state continues the same sequence");
    }

    @Test
    void aCheckpointWrittenBeforeEpochsCountedFromOneReadsInTheNewVocabulary() throws IOException {
        Path file = dir.resolve("old.safetensors");
        trainer(() -> new Adam(1e-2f), 2).checkpoint(file).build().fit(mlp(), Blobs.of(200, 5));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertTrue(c.metadata().get("history").contains("\"val_accuracy\""), c.metadata().get("history"));
        // rewrite its history as the earlier format did: epochs from 0, metrics without the val_ prefix
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put("history", meta.get("history").replace("\"epoch\":1", "\"epoch\":0").replace("\"epoch\":2", "\"epoch\":1")
                .replace("\"val_accuracy\"", "\"accuracy\""));
        SafeTensors.write(file, meta, new ArrayList<>(c.tensors().values()));
        History h = Checkpoint.read(file).history();
        assertEquals(List.of(1, 2), h.epochs().stream().map(EpochResult::epoch).collect(Collectors.toList()));
        assertTrue(h.epochs().get(1).validationAccuracy() > 0, "accuracy read as val_accuracy: " + h.epochs().get(1));
    }

    @Test
    void twoPlusTwoEpochsEqualsFourForAdamSgdAndRmsProp() throws IOException {
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Adam(1e-2f), () -> new Sgd(0.05f, 0.9f, true, 1e-4f),
                () -> new RmsProp(1e-3f));
        for (Supplier<Optimizer> opt : optimizers) {
            Dataset data = Blobs.of(200, 5);
            Sequential straight = mlp();
            History full = trainer(opt, 4).build().fit(straight, data);

            Path file = dir.resolve(opt.get().name() + ".safetensors");
            trainer(opt, 2).checkpoint(file).build().fit(mlp(), data);
            Checkpoint ck = Checkpoint.read(file);
            assertEquals(2, ck.epoch());
            Trainer second = trainer(opt, 4).checkpoint(file).build();
            History resumed = second.resume(ck, data);

            String name = opt.get().name();
            assertArrayEquals(full.trainLoss(), resumed.trainLoss(), 0.0, name + ": train losses, 4 vs 2 + 2");
            assertArrayEquals(full.validationLoss(), resumed.validationLoss(), 0.0, name + ": validation losses");
            assertWeightsEqual(straight, ck.model(), name);
            assertEquals(4, Checkpoint.read(file).epoch(), "the resumed run kept checkpointing");
            assertEquals(4L * 12, Checkpoint.read(file).steps(), "180 samples in batches of 16: 12 steps an epoch");
        }
    }

    @Test
    void earlyStoppingStateSurvivesAResume() throws IOException {
        assertEarlyStoppingSurvivesAResume(CheckpointTest::mlp);
    }

    @Test
    void earlyStoppingStateSurvivesAResumeWithBatchNormsRunningStatistics() throws IOException {
        assertEarlyStoppingSurvivesAResume(
                () -> Sequential.of(new Dense(4, 16), new BatchNorm(16), new ReLU(), new Dense(16, 3)));
    }

    private void assertEarlyStoppingSurvivesAResume(Supplier<Sequential> net) throws IOException {
        Dataset data = Blobs.of(200, 9);
        Supplier<Trainer.Builder> b = () -> trainer(() -> new Adam(3e-2f), 12).earlyStopping(2, 0.05);
        Sequential straight = net.get();
        History full = b.get().build().fit(straight, data);
        assertTrue(full.stoppedEarly() && full.epochs().size() > 3, "the setting must stop early after epoch 3: " + full);
        int crashEpoch = full.epochs().size() - 1; // after the best epoch was recorded, before the stop

        Path file = dir.resolve("es.safetensors");
        List<Integer> seen = new ArrayList<>();
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                seen.add(r.epoch());
                if (r.epoch() == crashEpoch) { // like a kill while this epoch is being written: the one before stays
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> b.get().checkpoint(file).listener(crash).build().fit(net.get(), data));
        Checkpoint ck = Checkpoint.read(file);
        assertEquals(crashEpoch - 1, ck.epoch(), "the checkpoint of the last completed epoch is intact");
        History resumed = b.get().build().resume(ck, data);
        assertArrayEquals(full.trainLoss(), resumed.trainLoss(), 0.0);
        assertEquals(full.stoppedEarly(), resumed.stoppedEarly());
        assertEquals(full.bestEpoch(), resumed.bestEpoch());
        assertWeightsEqual(straight, ck.model(), "restored best weights");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("es.safetensors"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aCheckpointLoadsAsAModel() throws IOException {
        Path file = dir.resolve("c.safetensors");
        Sequential model = mlp();
        trainer(() -> new Adam(1e-2f), 2).checkpoint(file).build().fit(model, Blobs.of(120, 1));
        Sequential loaded = Sequential.load(file, model.backend());
        Dataset probe = Blobs.of(30, 2);
        assertArrayEquals(model.predict(probe), loaded.predict(probe), 0f);
    }

    @Test
    void refusesMismatchedOrIncompleteCheckpoints() throws IOException {
        Dataset data = Blobs.of(120, 1);
        Path file = dir.resolve("c.safetensors");
        trainer(() -> new Adam(1e-2f), 1).checkpoint(file).build().fit(mlp(), data);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(() -> new Sgd(1e-2f), 3).build().resume(Checkpoint.read(file), data));
        assertTrue(e.getMessage().contains("holds adam state but this trainer uses sgd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> trainer(() -> new Adam(1e-2f), 3).seed(8).build().resume(Checkpoint.read(file), data));
        assertTrue(e.getMessage().contains("seed 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> trainer(() -> new Adam(1e-2f), 3).build().resume(Checkpoint.read(file), Blobs.of(100, 1)));
        assertTrue(e.getMessage().contains("same data"), e.getMessage());

        SafeTensors.Contents c = SafeTensors.read(file);
        List<SafeTensors.Entry> withoutM = c.tensors().values().stream()
                .filter(t -> !t.name().equals("optimizer.layers.0.weight.m")).collect(Collectors.toList());
        Path damaged = dir.resolve("damaged.safetensors");
        SafeTensors.write(damaged, c.metadata(), withoutM);
        e = assertThrows(IllegalArgumentException.class,
                () -> trainer(() -> new Adam(1e-2f), 3).build().resume(Checkpoint.read(damaged), data));
        assertTrue(e.getMessage().contains("lacks optimizer tensor optimizer.layers.0.weight.m"), e.getMessage());

        Path modelOnly = dir.resolve("model.safetensors");
        Checkpoint.read(file).model().save(modelOnly);
        MalformedModelFileException m = assertThrows(MalformedModelFileException.class, () -> Checkpoint.read(modelOnly));
        assertTrue(m.getMessage().contains("not a training checkpoint"), m.getMessage());
    }

    private static void assertWeightsEqual(Sequential expected, Sequential actual, String what) {
        List<Parameter> a = new ArrayList<>(expected.parameters());
        a.addAll(expected.buffers());
        List<Parameter> b = new ArrayList<>(actual.parameters());
        b.addAll(actual.buffers());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).values(), b.get(i).values(), 0f, what + ": " + a.get(i).name());
        }
    }
}
