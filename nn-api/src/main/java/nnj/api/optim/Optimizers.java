package nnj.api.optim;

import java.util.Locale;

/** Optimizers by name, for command lines and configuration files. Stateless; each optimizer returned is new and not thread-safe. */
public final class Optimizers {
    private Optimizers() {
    }

    /** {@code adam}, {@code adamw}, {@code sgd}, {@code momentum} (SGD with 0.9), {@code nesterov}, {@code rmsprop}. */
    public static Optimizer named(String name, float learningRate) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "adam": return new Adam(learningRate);
            case "adamw": return Adam.adamW(learningRate);
            case "sgd": return new Sgd(learningRate);
            case "momentum": return new Sgd(learningRate, 0.9f, false, 0f);
            case "nesterov": return new Sgd(learningRate, 0.9f, true, 0f);
            case "rmsprop": return new RmsProp(learningRate);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name
                        + "'; use adam, adamw, sgd, momentum, nesterov or rmsprop");
        }
    }
}
