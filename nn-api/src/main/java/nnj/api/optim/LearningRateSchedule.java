package nnj.api.optim;

/**
 * The learning rate for each epoch, from the base rate. The trainer applies it before each epoch.
 *
 * <p>The built-in schedules are stateless and thread-safe.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate for {@code epoch} (counted from 0). */
    float rate(int epoch, float baseRate);

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return (epoch, base) -> base;
    }

    /** base · gamma^⌊epoch / stepSize⌋ (PyTorch's StepLR). */
    static LearningRateSchedule step(int stepSize, float gamma) {
        if (stepSize < 1 || !(gamma > 0f)) {
            throw new IllegalArgumentException("step schedule needs stepSize ≥ 1 and gamma > 0, got "
                    + stepSize + " and " + gamma);
        }
        return (epoch, base) -> (float) (base * Math.pow(gamma, epoch / stepSize));
    }

    /**
     * Cosine annealing from the base rate to {@code minRate} over {@code epochs} epochs
     * (PyTorch's CosineAnnealingLR without restarts): min + (base − min)·(1 + cos(π·epoch/epochs))/2.
     */
    static LearningRateSchedule cosine(int epochs, float minRate) {
        if (epochs < 1 || !(minRate >= 0f)) {
            throw new IllegalArgumentException("cosine schedule needs epochs ≥ 1 and minRate ≥ 0, got "
                    + epochs + " and " + minRate);
        }
        return (epoch, base) -> {
            double progress = Math.min(epoch, epochs) / (double) epochs;
            float r = (float) (minRate + (base - minRate) * (1 + Math.cos(Math.PI * progress)) / 2);
            return Math.max(r, Float.MIN_NORMAL);
        };
    }
}
