/**
 * The datasets of the CLI. Start at {@link nnj.examples.data.DatasetResolver}, which turns a
 * {@code --dataset} value into train and test parts: the bundled sets
 * ({@link nnj.examples.data.BundledData}), the sine curve, MNIST-format IDX files (downloaded on
 * first use by {@code IdxDownloader}) and CSV files, split from the seed by
 * nn-api's {@link nnj.api.data.Splits#stratified}. The file readers themselves live in nn-data.
 */
package nnj.examples.data;
