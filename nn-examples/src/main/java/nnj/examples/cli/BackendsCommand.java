package nnj.examples.cli;

import java.util.concurrent.Callable;
import nnj.api.backend.BackendRegistry;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nnj backends}: every backend found, its status, and which one would be chosen. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends found on the class path and say which one is chosen.")
final class BackendsCommand implements Callable<Integer> {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Check that this backend would be chosen (else -Dnnj.backend, NNJ_BACKEND, best).")
    String backend;

    @Override
    public Integer call() {
        BackendRegistry registry = Backends.registry();
        BackendRegistry.Choice choice = registry.choose(backend); // fails first, with the whole list
        System.out.println("Backends found:");
        for (BackendStatus s : registry.list()) {
            System.out.println("  " + s.describe());
        }
        System.out.println("Chosen: " + choice.provider().name() + " (by " + choice.source() + ")");
        return 0;
    }
}
