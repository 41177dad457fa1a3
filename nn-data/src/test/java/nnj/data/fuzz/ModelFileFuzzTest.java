package nnj.data.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnj.api.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import nnj.api.io.MalformedModelFileException;
import nnj.api.layers.Sequential;
import nnj.api.model.ModelFile;

/**
 * Fuzzes the model reader (safetensors header, metadata, architecture, tensors, checksum). Any
 * outcome but a loaded model or a {@link MalformedModelFileException} with a clean one-line
 * message is a finding; so are an OutOfMemoryError (run with -Xmx256m) and a timeout. The seed
 * corpus in {@code ModelFileFuzzTestInputs/} (valid files first) runs as a regression test.
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "12m", maxExecutions = 1_100_000)
    void loadModel(byte[] input) throws IOException {
        Path f = FuzzFiles.write("model.safetensors", input);
        Sequential model;
        try {
            model = ModelFile.load(f);
        } catch (MalformedModelFileException e) {
            FuzzFiles.assertCleanMessage(e, input);
            return;
        }
        // A model that loads must describe itself consistently: its parameters are what it saves.
        ModelFile.tensors(model);
        ModelFile.metadata(model);
    }

    private static final String[] ARCHITECTURES = {
        "[{\"type\":\"Dense\",\"config\":{\"bias\":\"true\",\"in\":\"2\",\"out\":\"3\"}},{\"type\":\"ReLU\",\"config\":{}},"
                + "{\"type\":\"Dense\",\"config\":{\"bias\":\"false\",\"in\":\"3\",\"out\":\"2\"}},{\"type\":\"Softmax\",\"config\":{}}]",
        "[{\"type\":\"Dense\",\"config\":{\"in\":\"2\",\"out\":\"1\"}}]",
        "[{\"type\":\"Dropout\",\"config\":{\"rate\":\"0.5\"}},{\"type\":\"LeakyReLU\",\"config\":{\"alpha\":\"0.1\"}}]",
    };
    private static final String[] NAMES = {"layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
        "normalization.mean", "normalization.std", "optimizer.layers.0.weight.m"};

    /**
     * Fuzzes what lies behind the checksum: metadata and tensors chosen by the fuzzer (often close
     * to a valid model), written and signed by {@link SafeTensors#write}, then loaded.
     */
    @FuzzTest(maxDuration = "12m", maxExecutions = 1_100_000)
    void loadSignedModel(FuzzedDataProvider data) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        String[][] keys = {{"format", "nnj"}, {"format_version", "2"}, {"architecture", null}, {"task", "classification"},
            {"class_names", "[\"a\",\"b\"]"}, {"normalization", "standardize"}, {"input_width", "2"},
            {"output_width", "2"}, {"feature_names", "[\"x\",\"y\"]"}};
        for (String[] kv : keys) {
            int choice = data.consumeInt(0, 5);
            String valid = kv[1] != null ? kv[1] : ARCHITECTURES[data.consumeInt(0, ARCHITECTURES.length - 1)];
            if (choice <= 3) {
                meta.put(kv[0], valid);
            } else if (choice == 4) {
                meta.put(kv[0], data.consumeString(80));
            } // 5: left out
        }
        List<SafeTensors.Entry> tensors = new ArrayList<>();
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            String name = data.consumeBoolean() ? NAMES[data.consumeInt(0, NAMES.length - 1)] : data.consumeString(20);
            int[] shape = new int[data.consumeInt(0, 3)];
            int size = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = data.consumeInt(0, 4);
                size *= shape[d];
            }
            float[] values = new float[size];
            for (int k = 0; k < size; k++) {
                values[k] = data.consumeFloat();
            }
            tensors.add(new SafeTensors.Entry(name, shape, values));
        }
        Path f = FuzzFiles.write("signed.safetensors", new byte[0]);
        try {
            SafeTensors.write(f, meta, tensors);
        } catch (IllegalArgumentException e) {
            return; // two tensors of one name: the writer refuses, as documented
        }
        try {
            Sequential model = ModelFile.load(f);
            ModelFile.tensors(model);
        } catch (MalformedModelFileException e) {
            FuzzFiles.assertCleanMessage(e, (meta.toString() + tensors.stream().map(SafeTensors.Entry::name).toList())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
