package nnj.examples.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nnj.api.io.AtomicFiles;
import nnj.examples.cli.options.RunStateOptions;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The options file of a checkpointed {@code train} run ({@code DIR/run.json}: the command-line
 * options as given, minus {@code --checkpoint} and {@code --resume}), and the rebuilding of that
 * run for {@code --resume}: the saved options, then the ones given now, which may only change
 * what does not alter the training (output, plots, epochs to run, backend).
 */
final class ResumedRun {
    /** Options that a resume may change: they do not change what is being trained. */
    private static final Set<String> CHANGEABLE = Set.of("--epochs", "--out", "--plot", "--json", "--quiet",
            "--diagnose", "--checkpoint", "--resume", "--backend", "--threads", "--help", "--version");
    private static final Gson GSON = new Gson();

    private ResumedRun() {
    }

    /**
     * The options of a run as they are saved: all given except {@code --checkpoint}, {@code --resume}
     * and the presentation flags ({@code --json}, {@code --quiet}, {@code --diagnose}), which each
     * invocation chooses anew.
     */
    static List<String> optionsOf(ParseResult parsed) {
        return argsOf(parsed, Set.of("--checkpoint", "--resume", "--json", "--quiet", "--diagnose"));
    }

    /** Writes the options of this run to {@code dir/run.json}, atomically. */
    static void saveOptions(Path dir, List<String> options) throws IOException {
        JsonArray args = new JsonArray();
        for (String a : options) {
            args.add(a);
        }
        JsonObject o = new JsonObject();
        o.addProperty("command", "train");
        o.add("args", args);
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(RunStateOptions.RUN_FILE), GSON.toJson(o) + "\n");
    }

    /**
     * A {@code train} command with the options saved in {@code dir} and those given now; refuses
     * (with the option, both values and what to do) an option given now that contradicts the saved run.
     */
    static CommandLine rebuild(Path dir, ParseResult now) throws IOException {
        List<String> saved = readOptions(dir);
        CommandLine savedLine = new CommandLine(new TrainCommand());
        savedLine.setOverwrittenOptionsAllowed(true); // a resumed run saves its old options, then the new ones
        savedLine.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            savedLine.parseArgs(saved.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(dir.resolve(RunStateOptions.RUN_FILE) + " holds options this nnj cannot"
                    + " parse (" + e.getMessage() + "); start a new run without --resume");
        }
        for (OptionSpec given : now.matchedOptions()) {
            String name = given.longestName();
            if (CHANGEABLE.contains(name)) {
                continue;
            }
            OptionSpec before = savedLine.getCommandSpec().findOption(name);
            Object was = before == null ? null : before.getValue();
            if (!Objects.deepEquals(was, given.getValue())) {
                throw new IllegalArgumentException(name + " " + String.join(" ", given.originalStringValues())
                        + " contradicts the checkpointed run in " + dir + ", which was trained with " + name + " "
                        + (before == null || savedLine.getParseResult().matchedOption(name) == null ? "at its default ("
                        + was + ")" : String.join(" ", savedLine.getParseResult().matchedOption(name).originalStringValues()))
                        + "; leave " + name + " out to resume, or start a new run without --resume");
            }
        }
        List<String> args = new ArrayList<>(saved);
        args.addAll(argsOf(now, Set.of("--resume")));
        CommandLine line = new CommandLine(new TrainCommand());
        line.setOverwrittenOptionsAllowed(true); // the options given now replace the saved ones
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.parseArgs(args.toArray(new String[0]));
        return line;
    }

    private static List<String> readOptions(Path dir) throws IOException {
        Path file = dir.resolve(RunStateOptions.RUN_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " has no " + RunStateOptions.RUN_FILE
                    + ", so it is not a directory written by nnj train --checkpoint; give the directory you passed to --checkpoint");
        }
        try {
            List<String> out = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("args")) {
                out.add(e.getAsString());
            }
            return out;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is damaged (not the JSON nnj writes); start a new run without --resume");
        }
    }

    /** The matched options as arguments ({@code --name value...}), leaving out {@code skip}; an option given twice keeps its last value. */
    private static List<String> argsOf(ParseResult parsed, Set<String> skip) {
        java.util.Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName();
            if (skip.contains(name)) {
                continue;
            }
            List<String> values = o.originalStringValues();
            List<String> kept = o.arity().max() == 0 ? List.of()
                    : o.isMultiValue() ? values : values.subList(values.size() - 1, values.size());
            byName.put(name, kept);
        }
        List<String> out = new ArrayList<>();
        byName.forEach((name, values) -> {
            if (values.isEmpty()) {
                out.add(name);
            }
            for (String v : values) {
                out.add(name);
                out.add(v);
            }
        });
        return out;
    }
}
