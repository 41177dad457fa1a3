package nnj.examples.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --checkpoint}, {@code --resume} and {@code --diagnose}: a run that survives a crash, and one that explains a blow-up. */
public final class RunStateOptions {
    /** The checkpoint's file name inside the {@code --checkpoint} directory. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors";
    /** The options of the run, so that {@code --resume} can rebuild it. */
    public static final String RUN_FILE = "run.json";

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "After every epoch, save the whole training state (model, optimizer moments, data order, "
                    + "history) to DIR/" + CHECKPOINT_FILE + " atomically, and the options to DIR/" + RUN_FILE + ".")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run checkpointed in DIR from its last completed epoch, with its options "
                    + "(--epochs may extend it; output options may change; others must match). It keeps checkpointing to DIR.")
    Path resumeDir;

    @Option(names = "--diagnose",
            description = "Print per layer and epoch the activation mean and std and the gradient norm; stop with a "
                    + "hint naming the layer when activations explode or the loss becomes NaN.")
    boolean diagnose;

    /** {@code --checkpoint DIR}, or null. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** Keeps checkpointing to {@code dir} unless {@code --checkpoint} names another directory (a resumed run). */
    public void checkpointDirIfUnset(Path dir) {
        if (checkpointDir == null) {
            checkpointDir = dir;
        }
    }

    /** {@code --resume DIR}, or null. */
    public Path resumeDir() {
        return resumeDir;
    }

    /** Whether {@code --diagnose} was given. */
    public boolean diagnose() {
        return diagnose;
    }
}
