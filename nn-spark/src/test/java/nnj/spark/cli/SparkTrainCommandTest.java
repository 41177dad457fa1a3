package nnj.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Set;
import nnj.examples.cli.NnjCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** `nnj spark train` against `nnj train`: the same options, help text and checks; no Spark started. */
class SparkTrainCommandTest {
    /** Options of `nnj train` about one JVM's run: cross-validation, plots, checkpoints, diagnostics. */
    private static final Set<String> ONE_JVM_ONLY = Set.of("--folds", "--plot", "--checkpoint", "--resume", "--diagnose");

    @Test
    void takesEveryTrainOptionWithTheSameDescription() {
        CommandLine train = NnjCli.newCommandLine().getSubcommands().get("train");
        CommandLine spark = new CommandLine(new SparkCli()).getSubcommands().get("train");
        int shared = 0;
        for (OptionSpec o : train.getCommandSpec().options()) {
            if (ONE_JVM_ONLY.contains(o.longestName()) || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            OptionSpec s = spark.getCommandSpec().findOption(o.longestName());
            assertNotNull(s, "nnj spark train lacks " + o.longestName());
            assertEquals(Arrays.asList(o.description()), Arrays.asList(s.description()), o.longestName());
            shared++;
        }
        assertTrue(shared >= 20, "options shared with nnj train: " + shared);
    }

    @Test
    void refusesBadOrUnsupportedOptionsBeforeStartingSpark() {
        assertRefused("--lr must be a positive number", "--lr", "-1");
        assertRefused("--layers expects positive hidden widths", "--layers", "64,x");
        assertRefused("--threads must be between 1 and", "--threads", "100000");
        assertRefused("--arch is not supported by nnj spark train", "--arch", "cnn");
        assertRefused("--validation-fraction is not supported", "--validation-fraction", "0.2");
        assertRefused("unknown mode 'fast'", "--mode", "fast");
    }

    private static void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SparkCli());
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        cl.setErr(new PrintWriter(err));
        int code = SparkCli.execute(cl, all);
        assertEquals(2, code, String.join(" ", args) + ": " + err);
        assertTrue(err.toString().contains(message), String.join(" ", args) + " printed: " + err);
    }
}
