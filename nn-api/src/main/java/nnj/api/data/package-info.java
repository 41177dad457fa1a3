/**
 * In-memory datasets and what training does to them: {@link nnj.api.data.Dataset} (features and
 * targets as {@code float[]}), seeded {@link nnj.api.data.Splits} (random, stratified, k folds) and
 * feature standardisation ({@link nnj.api.data.Standardizer}). Reading files is not here: the CSV
 * and IDX readers live in the {@code nn-data} module.
 *
 * <h2>Threads</h2>
 * Datasets and standardisers are immutable once built; splits are stateless.
 */
package nnj.api.data;
