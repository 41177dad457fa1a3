package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Proves the kit catches a broken backend: it runs the whole kit on a backend that delegates to
 * naive but gets one kernel subtly wrong, and checks that the failures name that kernel, and only
 * tests that use it fail.
 */
class KitCatchesCorruptKernelTest {

    /** Naive, except that axpby ignores beta when beta is neither 0 nor 1. Not a test on its own. */
    static class CorruptAxpbyKit extends BackendConformanceKit {
        @Override
        protected Backend createBackend() {
            return new DelegatingBackend(new NaiveBackend()) {
                @Override
                public void axpby(float alpha, Tensor x, float beta, Tensor y) {
                    inner.axpby(alpha, x, beta == 0f || beta == 1f ? beta : 1f, y);
                }
            };
        }
    }

    /** Naive, except that gemm with transB drops the last column of the product. */
    static class CorruptGemmKit extends BackendConformanceKit {
        @Override
        protected Backend createBackend() {
            return new DelegatingBackend(new NaiveBackend()) {
                @Override
                public void gemm(boolean ta, boolean tb, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
                    inner.gemm(ta, tb, alpha, a, b, beta, c);
                    if (tb && c.size() > 1) {
                        float[] v = c.toArray();
                        v[v.length - 1] += 0.01f;
                        c.copyFrom(v);
                    }
                }
            };
        }
    }

    @Test
    void aCorruptAxpbyIsCaughtAndNamed() {
        List<String> failures = runKit(CorruptAxpbyKit.class);
        assertFalse(failures.isEmpty(), "the kit passed a backend whose axpby ignores beta");
        assertTrue(failures.stream().anyMatch(m -> m.contains("axpby(alpha=")),
                "no failure message names axpby: " + failures);
    }

    @Test
    void aCorruptGemmIsCaughtWithTheWorstElement() {
        List<String> failures = runKit(CorruptGemmKit.class);
        assertFalse(failures.isEmpty(), "the kit passed a backend whose gemm is wrong with transB");
        assertTrue(failures.stream().anyMatch(m -> m.contains("gemm(transA=") && m.contains("transB=true")
                        && m.contains("worst at [") && m.contains(" thread")),
                "no failure names gemm, its transpose flags and the worst element: " + failures);
        assertTrue(failures.stream().noneMatch(m -> m.contains("transB=false")),
                "a failure blamed gemm without transB, which is correct: " + failures);
    }

    private static List<String> runKit(Class<?> kit) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
        Launcher launcher = LauncherFactory.create();
        List<String> failures = new ArrayList<>();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failures.add(result.getThrowable().map(Throwable::getMessage).orElse(id.getDisplayName()));
                }
            }
        });
        return failures;
    }
}
