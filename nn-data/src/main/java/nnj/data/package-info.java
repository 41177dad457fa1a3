/**
 * File readers that turn a user's data into {@link nnj.api.data.Dataset}s: CSV tables
 * ({@link nnj.data.CsvTable}, {@link nnj.data.CsvDatasets}) and IDX files as MNIST ships them
 * ({@link nnj.data.IdxReader}, {@link nnj.data.IdxDirectory}), raw or gzip. Each validates what a
 * file declares before it allocates. Bad input is a {@link nnj.data.DataFileException} naming the
 * file and the fault. {@code docs/DATA.md} describes the formats.
 *
 * <h2>Threads</h2>
 * Readers are stateless; what they return is immutable.
 */
package nnj.data;
