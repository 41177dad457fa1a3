/**
 * From a run's JMH JSON to the generated section of {@code docs/BENCHMARKS.md} and its charts. Start
 * at {@link nnj.bench.report.ReportCommand}; {@link nnj.bench.report.Report} builds the tables.
 */
package nnj.bench.report;
