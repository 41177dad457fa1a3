package nnj.spark.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The accessors of the nnj Params, written once for the estimators and their models, as Spark ML's
 * {@code HasX} traits are: for each Param {@code x}, {@code x()}, {@code getX()} and a chained
 * {@code setX(value)}. An implementer supplies its {@link NnjParams} (created with its uid).
 *
 * @param <S> the implementer, returned by the setters
 */
public interface HasNnjParams<S extends HasNnjParams<S>> extends Params {

    /** This owner's Param objects. */
    NnjParams nnjParams();

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    default Param<String> featuresCol() {
        return nnjParams().featuresCol;
    }

    default String getFeaturesCol() {
        return (String) getOrDefault(nnjParams().featuresCol);
    }

    default S setFeaturesCol(String value) {
        set(nnjParams().featuresCol, value);
        return self();
    }

    default Param<String> labelCol() {
        return nnjParams().labelCol;
    }

    default String getLabelCol() {
        return (String) getOrDefault(nnjParams().labelCol);
    }

    default S setLabelCol(String value) {
        set(nnjParams().labelCol, value);
        return self();
    }

    default Param<String> predictionCol() {
        return nnjParams().predictionCol;
    }

    default String getPredictionCol() {
        return (String) getOrDefault(nnjParams().predictionCol);
    }

    default S setPredictionCol(String value) {
        set(nnjParams().predictionCol, value);
        return self();
    }

    default Param<String> probabilityCol() {
        return nnjParams().probabilityCol;
    }

    default String getProbabilityCol() {
        return (String) getOrDefault(nnjParams().probabilityCol);
    }

    default S setProbabilityCol(String value) {
        set(nnjParams().probabilityCol, value);
        return self();
    }

    default Param<String> rawPredictionCol() {
        return nnjParams().rawPredictionCol;
    }

    default String getRawPredictionCol() {
        return (String) getOrDefault(nnjParams().rawPredictionCol);
    }

    default S setRawPredictionCol(String value) {
        set(nnjParams().rawPredictionCol, value);
        return self();
    }

    default Param<String> layers() {
        return nnjParams().layers;
    }

    default String getLayers() {
        return (String) getOrDefault(nnjParams().layers);
    }

    default S setLayers(String value) {
        set(nnjParams().layers, value);
        return self();
    }

    default Param<String> activation() {
        return nnjParams().activation;
    }

    default String getActivation() {
        return (String) getOrDefault(nnjParams().activation);
    }

    default S setActivation(String value) {
        set(nnjParams().activation, value);
        return self();
    }

    default DoubleParam dropout() {
        return nnjParams().dropout;
    }

    default double getDropout() {
        return (Double) getOrDefault(nnjParams().dropout);
    }

    default S setDropout(double value) {
        set(nnjParams().dropout, value);
        return self();
    }

    default Param<String> optimizer() {
        return nnjParams().optimizer;
    }

    default String getOptimizer() {
        return (String) getOrDefault(nnjParams().optimizer);
    }

    default S setOptimizer(String value) {
        set(nnjParams().optimizer, value);
        return self();
    }

    default DoubleParam learningRate() {
        return nnjParams().learningRate;
    }

    default double getLearningRate() {
        return (Double) getOrDefault(nnjParams().learningRate);
    }

    default S setLearningRate(double value) {
        set(nnjParams().learningRate, value);
        return self();
    }

    default Param<String> schedule() {
        return nnjParams().schedule;
    }

    default String getSchedule() {
        return (String) getOrDefault(nnjParams().schedule);
    }

    default S setSchedule(String value) {
        set(nnjParams().schedule, value);
        return self();
    }

    default IntParam epochs() {
        return nnjParams().epochs;
    }

    default int getEpochs() {
        return (Integer) getOrDefault(nnjParams().epochs);
    }

    default S setEpochs(int value) {
        set(nnjParams().epochs, value);
        return self();
    }

    default IntParam batchSize() {
        return nnjParams().batchSize;
    }

    default int getBatchSize() {
        return (Integer) getOrDefault(nnjParams().batchSize);
    }

    default S setBatchSize(int value) {
        set(nnjParams().batchSize, value);
        return self();
    }

    default LongParam seed() {
        return nnjParams().seed;
    }

    default long getSeed() {
        return (Long) getOrDefault(nnjParams().seed);
    }

    default S setSeed(long value) {
        set(nnjParams().seed, value);
        return self();
    }

    default Param<String> backend() {
        return nnjParams().backend;
    }

    default String getBackend() {
        return (String) getOrDefault(nnjParams().backend);
    }

    default S setBackend(String value) {
        set(nnjParams().backend, value);
        return self();
    }

    default IntParam threads() {
        return nnjParams().threads;
    }

    default int getThreads() {
        return (Integer) getOrDefault(nnjParams().threads);
    }

    default S setThreads(int value) {
        set(nnjParams().threads, value);
        return self();
    }

    default Param<String> mode() {
        return nnjParams().mode;
    }

    default String getMode() {
        return (String) getOrDefault(nnjParams().mode);
    }

    default S setMode(String value) {
        set(nnjParams().mode, value);
        return self();
    }

    default IntParam localSteps() {
        return nnjParams().localSteps;
    }

    default int getLocalSteps() {
        return (Integer) getOrDefault(nnjParams().localSteps);
    }

    default S setLocalSteps(int value) {
        set(nnjParams().localSteps, value);
        return self();
    }
}
