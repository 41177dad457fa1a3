package nnj.spark;

import java.io.Serializable;
import java.util.List;
import nnj.api.backend.Backend;
import nnj.api.data.Standardizer;
import nnj.api.layers.Sequential;

/**
 * A trained network in the form executors receive it: shape, flat weights, input standardisation
 * and class names. {@link #toModel} rebuilds the {@link Sequential}; {@link #of} takes one apart.
 */
public record TrainedNetwork(NetworkSpec spec, float[] weights, float[] mean, float[] std, List<String> classNames)
        implements Serializable {

    /** The network held by {@code model} (which must be of shape {@code spec}). */
    public static TrainedNetwork of(NetworkSpec spec, Sequential model) {
        Standardizer s = model.metadata().normalization();
        return new TrainedNetwork(spec, ParameterVector.values(model), s == null ? null : s.mean(),
                s == null ? null : s.std(), List.copyOf(model.metadata().classNames()));
    }

    /** A new model on {@code backend} (null: left on the host) with these weights, scaling and task. */
    public Sequential toModel(Backend backend) {
        Sequential model = spec.build();
        model.initialize(0L);
        if (backend != null) {
            model.to(backend);
        }
        ParameterVector.setValues(model, weights);
        if (mean != null) {
            model.metadata().setNormalization(new Standardizer(mean, std));
        }
        model.metadata().setTask(spec.task(), classNames);
        return model;
    }
}
