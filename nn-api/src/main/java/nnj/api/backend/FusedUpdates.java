package nnj.api.backend;

import nnj.api.Tensor;

/**
 * An optional backend capability: optimizer updates fused into one pass over memory.
 *
 * <p>The math of each optimizer lives in its own class ({@code nnj.api.optim.Sgd},
 * {@code nnj.api.optim.Adam}), written with the backend's primitives; that code is the reference.
 * A backend that also implements this interface is handed the whole update instead, and must give
 * the reference's results within the conformance kit's tolerance (the kit compares the two).
 * Arguments are exactly those of the reference methods {@code Sgd.referenceUpdate} and
 * {@code Adam.referenceUpdate}, which document the formulas.
 */
public interface FusedUpdates {

    /** One SGD step on one parameter; see {@code nnj.api.optim.Sgd#referenceUpdate}. */
    void sgdUpdate(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum,
                   boolean nesterov, float weightDecay);

    /** One Adam step on one parameter; see {@code nnj.api.optim.Adam#referenceUpdate}. */
    void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float beta1, float beta2,
                    float stepSize, float epsHat, float l2, float decayFactor, Tensor scratch);
}
