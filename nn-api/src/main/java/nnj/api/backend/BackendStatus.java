package nnj.api.backend;

/**
 * What {@link Backends#list()} reports about one backend found on the class path.
 *
 * @param name     the provider's name
 * @param priority the provider's priority (higher wins when none is named)
 * @param support  whether it can run here, and why not
 */
public record BackendStatus(String name, int priority, Support support) {

    /** One line such as {@code simd   priority 100  unsupported — start the JVM with …}. */
    public String describe() {
        return String.format("%-8s priority %-4d %s", name, priority,
                support.supported() ? "supported" + (support.reason().isEmpty() ? "" : " — " + support.reason()) : "unsupported — " + support.reason());
    }
}
