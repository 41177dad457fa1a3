package nnj.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
}
