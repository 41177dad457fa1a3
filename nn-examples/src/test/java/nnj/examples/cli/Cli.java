package nnj.examples.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process with captured stdout and stderr. */
final class Cli {
    private Cli() {
    }

    /** The outcome of one command. */
    record Run(int exit, String out, String err) {

        /** Stdout as the one JSON object that {@code --json} prints. */
        JsonObject json() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ": " + err);
            }
            return JsonParser.parseString(out.trim()).getAsJsonObject();
        }

        double number(String key) {
            return json().get(key).getAsDouble();
        }
    }

    /** A tiny iris model (4 features, 3 classes) saved in {@code dir}, on naive, for tests of model-file handling. */
    static java.nio.file.Path irisModel(java.nio.file.Path dir, int epochs) {
        java.nio.file.Path model = dir.resolve("iris.safetensors");
        Run r = run("train", "--dataset", "iris", "--epochs", Integer.toString(epochs), "--quiet", "--backend", "naive",
                "--out", model.toString());
        if (r.exit() != 0) {
            throw new AssertionError("training the iris model failed: " + r.err());
        }
        return model;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NnjCli.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
