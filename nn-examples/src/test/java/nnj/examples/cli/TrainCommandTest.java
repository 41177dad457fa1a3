package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.layers.Sequential;
import nnj.examples.data.DatasetResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cl = NnjCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void digitsOnNaiveWithAFixedSeedReachesNinetyFivePercent() throws Exception {
        Path model = dir.resolve("digits.safetensors");
        Result r = run("train", "--backend", "naive", "--seed", "42", "--json", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        for (String key : new String[] {"backend", "dataset", "epochs", "seconds", "train_loss", "test_loss", "test_accuracy"}) {
            assertTrue(json.has(key), "--json lacks " + key + ": " + r.out());
        }
        assertEquals("naive", json.get("backend").getAsString());
        assertEquals("digits", json.get("dataset").getAsString());
        double accuracy = json.get("test_accuracy").getAsDouble();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);

        // The saved model, loaded on another backend, reproduces the test accuracy within one sample.
        Sequential loaded = Sequential.load(model, Backends.named("ejml"));
        Dataset test = DatasetResolver.resolve("digits", new DatasetResolver.Options().seed(42)).test();
        int[] predicted = loaded.predictClasses(test);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == test.label(i) ? 1 : 0;
        }
        assertEquals(accuracy, right / (double) test.size(), 1.0 / test.size() + 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameLossesOnNaive() {
        String[] args = {"train", "--backend", "naive", "--epochs", "3", "--json", "--seed", "5"};
        JsonObject a = JsonParser.parseString(run(args).out().trim()).getAsJsonObject();
        JsonObject b = JsonParser.parseString(run(args).out().trim()).getAsJsonObject();
        assertArrayEquals(new double[] {a.get("train_loss").getAsDouble(), a.get("test_loss").getAsDouble()},
                new double[] {b.get("train_loss").getAsDouble(), b.get("test_loss").getAsDouble()}, 0.0);
    }

    @Test
    void anUnknownBackendFailsWithOneMessageListingTheBackends() {
        Result r = run("train", "--backend", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("nnj: unknown backend 'nope'"), r.err());
        assertTrue(r.err().contains("naive") && r.err().contains("ejml"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badOptionsAreExplained() {
        Result r = run("train", "--backend", "naive", "--optimizer", "adagrad");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown optimizer 'adagrad'"), r.err());
        Result a = run("train", "--backend", "naive", "--activation", "swish");
        assertTrue(a.err().contains("unknown activation 'swish'"), a.err());
    }

    @Test
    void humanOutputShowsLossAndAccuracy() {
        Result r = run("train", "--backend", "naive", "--epochs", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test   loss") && r.out().contains("accuracy"), r.out());
        assertTrue(Files.exists(dir), "sanity");
    }
}
