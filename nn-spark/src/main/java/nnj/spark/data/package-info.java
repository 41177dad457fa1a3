/**
 * DataFrames from nnj's datasets and readers (IDX and CSV files through nn-data): a features
 * vector column and a label column, as the estimators expect.
 *
 * <h2>Threads</h2>
 * Stateless helpers; they read files on the calling (driver) thread.
 */
package nnj.spark.data;
