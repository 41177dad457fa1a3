package nnj.spark.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.BiFunction;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.spark.NetworkSpec;
import nnj.spark.TrainedNetwork;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saving and loading nnj models as Spark ML directories: {@code metadata/} (Spark's Params JSON, so
 * Pipelines and CrossValidator models can hold them) and {@code data/model.safetensors}, the nnj
 * model file itself, written through Hadoop's FileSystem (local disk, HDFS, S3 alike).
 */
final class ModelIO {
    static final String MODEL_FILE = "data/model.safetensors";

    private ModelIO() {
    }

    static final class Writer extends MLWriter {
        private final NnjModel<?> model;

        Writer(NnjModel<?> model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            try {
                java.nio.file.Path tmp = Files.createTempFile("nnj-model", ".safetensors");
                try {
                    model.toSequential().save(tmp);
                    Path dst = new Path(path, MODEL_FILE);
                    FileSystem fs = dst.getFileSystem(sc().hadoopConfiguration());
                    fs.copyFromLocalFile(false, true, new Path(tmp.toUri()), dst);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the nnj model to " + path + ": " + e.getMessage(), e);
            }
        }
    }

    static final class Reader<M extends NnjModel<M>> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, TrainedNetwork, M> create;

        Reader(Class<M> type, BiFunction<String, TrainedNetwork, M> create) {
            this.type = type;
            this.create = create;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata md = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
            M model = create.apply(md.uid(), null);
            md.getAndSetParams(model, md.getAndSetParams$default$2());
            Sequential loaded;
            try {
                java.nio.file.Path tmp = Files.createTempFile("nnj-model", ".safetensors");
                try {
                    Path src = new Path(path, MODEL_FILE);
                    FileSystem fs = src.getFileSystem(sc().hadoopConfiguration());
                    fs.copyToLocalFile(false, src, new Path(tmp.toUri()), true);
                    loaded = Sequential.loadOnHost(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the nnj model under " + path + ": " + e.getMessage(), e);
            }
            Task task = model.task();
            NetworkSpec spec = new NetworkSpec(loaded.inputWidth(), NetworkSpec.parseWidths(model.getLayers()),
                    model.getActivation(), (float) model.getDropout(), loaded.outputWidth(), task);
            model.setNetwork(TrainedNetwork.of(spec, loaded));
            return model;
        }
    }
}
