package nnj.api.train;

/**
 * What a training run is about to do, for listeners that size a progress bar.
 *
 * @param epochs            the maximum number of epochs (early stopping may end sooner)
 * @param batchesPerEpoch   optimizer steps per epoch
 * @param trainingSamples   samples per epoch
 * @param validationSamples samples evaluated after each epoch (0 for none)
 * @param backend           the backend's name
 */
public record TrainingPlan(int epochs, int batchesPerEpoch, int trainingSamples, int validationSamples,
                           String backend) {
}
