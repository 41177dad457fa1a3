/**
 * A hand-run measurement of the EJML backend against EJML called directly
 * ({@link nnj.bench.ejml.EjmlOverhead}), on the quick harness of {@code nnj bench}.
 */
package nnj.bench.ejml;
