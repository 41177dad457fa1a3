package nnj.api.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnj.api.Tensor;
import nnj.api.io.MalformedModelFileException;
import nnj.api.model.ModelFile;
import nnj.api.io.SafeTensors;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;
import nnj.api.optim.Optimizer;

/**
 * A training run saved after a completed epoch, so that {@link Trainer#resume} continues it exactly.
 *
 * <p>The file is a model file ({@link ModelFile}; {@code Sequential.load} reads it as the model at
 * that epoch) with more: the optimizer's state tensors under {@code optimizer.} + the names of
 * {@link Optimizer#state()} ({@code optimizer.layers.0.weight.m}), the sample order under
 * {@code checkpoint.data_order}, early stopping's best weights under {@code checkpoint.best.} + the
 * parameter name; and metadata {@code checkpoint_version}, {@code optimizer}, {@code step},
 * {@code epoch} (epochs completed), {@code epochs} (planned), {@code seed}, {@code batch_size},
 * {@code base_learning_rate}, {@code rng_state} (the shuffle generator), {@code early_stopping},
 * {@code stopped_early} and {@code history} (JSON). The learning-rate schedule's position is the
 * epoch; dropout is reseeded from the seed and the epoch at each epoch's start, so it needs no state.
 *
 * <p>Immutable once read; thread-safe to read.
 */
public final class Checkpoint {
    /** The {@code checkpoint_version} this code writes and reads. */
    public static final String VERSION = "1";
    private static final String OPT = "optimizer.";
    private static final String ORDER = "checkpoint.data_order";
    private static final String BEST = "checkpoint.best.";
    private static final List<String> REQUIRED = List.of("checkpoint_version", "optimizer", "step", "epoch", "epochs",
            "seed", "batch_size", "base_learning_rate", "rng_state", "history");

    private final Path path;
    private final Sequential model;
    private final Map<String, String> meta;
    private final Map<String, SafeTensors.Entry> tensors;

    private Checkpoint(Path path, Sequential model, Map<String, String> meta, Map<String, SafeTensors.Entry> tensors) {
        this.path = path;
        this.model = model;
        this.meta = meta;
        this.tensors = tensors;
    }

    /** Reads and checks a checkpoint; a model file without training state is refused with a clear message. */
    public static Checkpoint read(Path path) throws IOException {
        Sequential model = Sequential.loadOnHost(path); // checks the model part: architecture, parameter shapes
        SafeTensors.Contents c = SafeTensors.read(path);
        Map<String, String> meta = c.metadata();
        for (String key : REQUIRED) {
            if (!meta.containsKey(key)) {
                throw new MalformedModelFileException(path + " is an nnj model but not a training checkpoint (it has no '"
                        + key + "' metadata), so there is nothing to resume; train with a checkpoint to get one");
            }
        }
        if (!VERSION.equals(meta.get("checkpoint_version"))) {
            throw new MalformedModelFileException(path + " has checkpoint version " + meta.get("checkpoint_version")
                    + "; this nnj reads version " + VERSION);
        }
        Checkpoint ck = new Checkpoint(path, model, meta, c.tensors());
        ck.integer("epoch");
        ck.integer("epochs");
        ck.integer("batch_size");
        ck.longValue("step");
        ck.longValue("seed");
        ck.longValue("rng_state");
        if (!c.tensors().containsKey(ORDER)) {
            throw new MalformedModelFileException(path + " lacks tensor " + ORDER + " (the sample order)");
        }
        ck.history(); // parses, so that a damaged history fails here
        return ck;
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** The model as it was after the last completed epoch (on the host; the trainer moves it). */
    public Sequential model() {
        return model;
    }

    /** Epochs completed. */
    public int epoch() {
        return integer("epoch");
    }

    /** The epochs the run was planned for. */
    public int epochs() {
        return integer("epochs");
    }

    /** The run's seed. */
    public long seed() {
        return longValue("seed");
    }

    /** The optimizer's name, e.g. {@code adam}. */
    public String optimizer() {
        return meta.get("optimizer");
    }

    /** Optimizer steps taken. */
    public long steps() {
        return longValue("step");
    }

    /** Every metadata entry, unmodifiable. */
    public Map<String, String> metadata() {
        return java.util.Collections.unmodifiableMap(meta);
    }

    /** The history of the completed epochs (a new copy). */
    public History history() throws MalformedModelFileException {
        History h = new History();
        try {
            String json = meta.get("history");
            if (json == null) {
                throw new MalformedModelFileException(path + " lacks the required metadata entry 'history'");
            }
            int index = 0;
            for (JsonElement e : nnj.api.io.StrictJson.parse(path, "history", json).getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("metrics").entrySet()) {
                    metrics.put(m.getKey(), Double.parseDouble(m.getValue().getAsString()));
                }
                // the history holds every epoch from the first, in order: entry i is epoch i + 1. Older
                // checkpoints counted from 0 and named validation metrics without val_; both read the same.
                index++;
                h.add(new EpochResult(index, num(o, "train_loss"), num(o, "validation_loss"),
                        EpochResult.asValidation(metrics), (float) num(o, "learning_rate"), num(o, "seconds")));
            }
        } catch (RuntimeException e) {
            // The message names the entry; the parser's own words would name Java types, not the problem.
            throw new MalformedModelFileException(path + " has an unreadable training history: each epoch needs"
                    + " epoch, train_loss, validation_loss, learning_rate, seconds and metrics");
        }
        if (h.epochs().size() != epoch()) {
            throw new MalformedModelFileException(path + " records " + h.epochs().size() + " epochs of history but "
                    + epoch() + " completed epochs");
        }
        return h;
    }

    private static double num(JsonObject o, String key) {
        return Double.parseDouble(o.get(key).getAsString());
    }

    private int integer(String key) {
        long v = longValue(key);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalStateException(path + ": metadata " + key + " = " + v + " is out of range");
        }
        return (int) v;
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(meta.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(path + " is damaged: metadata " + key + " = '" + meta.get(key)
                    + "' is not a whole number");
        }
    }

    // ------------------------------------------------------------------------------- writing

    /** Writes {@code s} to {@code path} atomically: the previous checkpoint stays intact until the new one is complete. */
    static void write(Path path, RunState s) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(ModelFile.metadata(s.model));
        meta.put("checkpoint_version", VERSION);
        meta.put("optimizer", s.optimizer.name());
        meta.put("step", Long.toString(s.optimizer.steps()));
        meta.put("epoch", Integer.toString(s.completed));
        meta.put("epochs", Integer.toString(s.epochs));
        meta.put("seed", Long.toString(s.seed));
        meta.put("batch_size", Integer.toString(s.batchSize));
        meta.put("base_learning_rate", Float.toString(s.baseRate));
        meta.put("rng_state", Long.toString(s.shuffle.state()));
        meta.put("stopped_early", Boolean.toString(s.stoppedEarly));
        meta.put("history", historyJson(s.history));
        List<SafeTensors.Entry> out = new ArrayList<>(ModelFile.tensors(s.model));
        for (Map.Entry<String, Tensor> e : s.optimizer.state().entrySet()) {
            Tensor t = e.getValue();
            float[] data = new float[t.size()];
            t.backend().download(t, data, 0);
            out.add(new SafeTensors.Entry(OPT + e.getKey(), t.shape().dims(), data));
        }
        int[] order = s.loader.order();
        if (order.length > (1 << 24)) {
            throw new IllegalStateException("checkpoints store the sample order as F32 and hold at most 2^24 samples, not "
                    + order.length);
        }
        float[] orderF = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            orderF[i] = order[i]; // exact below 2^24
        }
        out.add(new SafeTensors.Entry(ORDER, new int[] {order.length}, orderF));
        if (s.stopper != null) {
            JsonObject es = new JsonObject();
            es.addProperty("best_loss", Double.toString(s.stopper.bestLoss()));
            es.addProperty("best_epoch", s.stopper.bestEpoch());
            es.addProperty("waited", s.stopper.waited());
            meta.put("early_stopping", es.toString());
            if (s.stopper.bestEpoch() >= 0) {
                Parameter[] params = s.stopper.params();
                Tensor[] best = s.stopper.best();
                for (int i = 0; i < params.length; i++) {
                    float[] data = new float[best[i].size()];
                    best[i].backend().download(best[i], data, 0);
                    out.add(new SafeTensors.Entry(BEST + params[i].name(), params[i].shape().dims(), data));
                }
            }
        }
        SafeTensors.write(path, meta, out);
    }

    private static String historyJson(History h) {
        JsonArray arr = new JsonArray();
        for (EpochResult r : h.epochs()) {
            JsonObject o = new JsonObject();
            o.addProperty("epoch", r.epoch());
            // doubles as strings: exact round trip, and NaN (no validation) is not valid JSON
            o.addProperty("train_loss", Double.toString(r.trainLoss()));
            o.addProperty("validation_loss", Double.toString(r.validationLoss()));
            JsonObject m = new JsonObject();
            r.metrics().forEach((k, v) -> m.addProperty(k, Double.toString(v)));
            o.add("metrics", m);
            o.addProperty("learning_rate", Float.toString(r.learningRate()));
            o.addProperty("seconds", Double.toString(r.seconds()));
            arr.add(o);
        }
        return arr.toString();
    }

    // ------------------------------------------------------------------------------ restoring

    /**
     * Puts the saved training state into a run that {@link Trainer#resume} has prepared: optimizer
     * moments and step, sample order, shuffle generator, early stopping, history, the epochs
     * completed and whether the run had stopped early. Refuses, with the reason
     * ({@link IllegalArgumentException}), a checkpoint that does not fit the trainer or the data.
     */
    void restoreInto(RunState run) {
        Optimizer optimizer = run.optimizer;
        long seed = run.seed;
        int batchSize = run.batchSize;
        float baseRate = run.baseRate;
        BatchLoader loader = run.loader;
        EarlyStopping stopper = run.stopper;
        if (seed() != seed) {
            throw refuse("was trained with seed " + seed() + " but this trainer's seed is " + seed);
        }
        if (integer("batch_size") != batchSize) {
            throw refuse("was trained with batch size " + integer("batch_size") + " but this trainer's is " + batchSize);
        }
        if (!optimizer().equals(optimizer.name())) {
            throw refuse("holds " + optimizer() + " state but this trainer uses " + optimizer.name());
        }
        if (!meta.get("base_learning_rate").equals(Float.toString(baseRate))) {
            throw refuse("was trained at learning rate " + meta.get("base_learning_rate") + " but this trainer's is "
                    + baseRate);
        }
        restoreOptimizer(optimizer);
        float[] orderF = tensors.get(ORDER).data();
        if (orderF.length != loader.size()) {
            throw refuse("orders " + orderF.length + " training samples but the training data has " + loader.size()
                    + "; resume with the same data, split and seed");
        }
        int[] order = new int[orderF.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) orderF[i];
        }
        try {
            loader.setOrder(order);
            run.shuffle.restore(longValue("rng_state"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " is damaged: " + e.getMessage());
        }
        String es = meta.get("early_stopping");
        if ((es == null) != (stopper == null)) {
            throw refuse(es == null ? "was trained without early stopping (or without validation) but this trainer stops early"
                    : "was trained with early stopping but this trainer has none (or no validation data)");
        }
        if (stopper != null) {
            restoreStopper(es, stopper);
        }
        try {
            for (EpochResult r : history().epochs()) {
                run.history.add(r);
            }
        } catch (MalformedModelFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        run.completed = epoch();
        run.stoppedEarly = Boolean.parseBoolean(meta.get("stopped_early"));
    }

    private void restoreOptimizer(Optimizer optimizer) {
        Map<String, Tensor> state = optimizer.state();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            SafeTensors.Entry saved = tensors.get(OPT + e.getKey());
            Tensor t = e.getValue();
            if (saved == null) {
                throw new IllegalArgumentException(path + " lacks optimizer tensor " + OPT + e.getKey()
                        + "; it cannot be resumed exactly (train from the start, or load it as a model)");
            }
            if (!Arrays.equals(saved.shape(), t.shape().dims())) {
                throw new IllegalArgumentException(path + ": optimizer tensor " + OPT + e.getKey() + " has shape "
                        + Arrays.toString(saved.shape()) + " but the model needs " + t.shape());
            }
            t.backend().upload(saved.data(), 0, t);
        }
        for (String name : tensors.keySet()) {
            if (name.startsWith(OPT) && !state.containsKey(name.substring(OPT.length()))) {
                throw new IllegalArgumentException(path + " holds optimizer tensor " + name + " that "
                        + optimizer.name() + " does not use");
            }
        }
        optimizer.restoreSteps(steps());
    }

    private void restoreStopper(String json, EarlyStopping stopper) {
        int bestEpoch;
        try {
            JsonObject o = nnj.api.io.StrictJson.parse(path, "early_stopping", json).getAsJsonObject();
            bestEpoch = o.get("best_epoch").getAsInt();
            stopper.restore(Double.parseDouble(o.get("best_loss").getAsString()), bestEpoch, o.get("waited").getAsInt());
        } catch (RuntimeException | MalformedModelFileException e) {
            throw new IllegalArgumentException(path + " has unreadable early-stopping state: "
                    + nnj.api.io.StrictJson.oneLine(json));
        }
        if (bestEpoch >= 0) {
            Parameter[] params = stopper.params();
            Tensor[] best = stopper.best();
            for (int i = 0; i < params.length; i++) {
                SafeTensors.Entry e = tensors.get(BEST + params[i].name());
                if (e == null || !Arrays.equals(e.shape(), params[i].shape().dims())) {
                    throw new IllegalArgumentException(path + " lacks (or has a misshapen) " + BEST + params[i].name());
                }
                best[i].backend().upload(e.data(), 0, best[i]);
            }
        }
    }

    private IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("the checkpoint " + path + " " + why);
    }
}
