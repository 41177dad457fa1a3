package nnj.examples.cli;

import java.util.List;
import java.util.stream.Collectors;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;

/** The names of the backends that can run in this JVM (simd needs the incubator module, which surefire adds). */
final class Supported {
    private Supported() {
    }

    static List<String> backends() {
        return Backends.list().stream().filter(s -> s.support().supported()).map(BackendStatus::name)
                .collect(Collectors.toList());
    }
}
