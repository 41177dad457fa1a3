package nnj.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * One training step (or averaging round) as a Spark job over the cached blocks, and the sum of the
 * partitions' results.
 *
 * <p>The sum is a treeAggregate. With up to {@value #FLAT_LIMIT} partitions the tree has a single
 * level (the driver adds the partitions' results), and the job is submitted directly with
 * {@code SparkContext.runJob} and a named function class: RDD.treeAggregate wraps its functions in
 * Scala closures that Spark's ClosureCleaner re-reads from the class files on every call, which
 * measured 11 ms a job against 4.5 ms here, and a step is one job. Beyond that, treeAggregate of depth 2
 * keeps the driver from receiving one vector per partition.
 */
final class PartitionJob {
    static final int FLAT_LIMIT = 8;

    private PartitionJob() {
    }

    /** What a partition computes from its state. */
    interface Work extends Serializable {
        StepResult run(PartitionState state);
    }

    /** Builds a partition's state the first time a run reaches it on an executor. */
    record StateFactory(String runId, PartitionSetup setup) implements Serializable {
        PartitionState get(Block block) {
            return ExecutorCache.state(runId, block.partition, () -> new PartitionState(block, setup));
        }
    }

    /** Runs {@code work} on every partition's state and returns the sum. */
    static StepResult sum(JavaRDD<Block> blocks, StateFactory states, Work work) {
        if (blocks.getNumPartitions() <= FLAT_LIMIT) {
            Object results = blocks.context().runJob(blocks.rdd(), new Flat(states, work),
                    ClassTag$.MODULE$.apply(StepResult.class));
            StepResult total = new StepResult();
            for (StepResult r : (StepResult[]) results) {
                total.merge(r);
            }
            return total;
        }
        Function2<StepResult, Block, StepResult> seq = new Seq(states, work);
        Function2<StepResult, StepResult, StepResult> comb = new Comb();
        return blocks.treeAggregate(new StepResult(), seq, comb, 2);
    }

    /** Drops the run's partition states on every executor that holds blocks. */
    static void release(JavaRDD<Block> blocks, String runId) {
        blocks.context().runJob(blocks.rdd(), new Release(runId), ClassTag$.MODULE$.apply(Boolean.class));
    }

    private static final class Flat extends AbstractFunction2<TaskContext, Iterator<Block>, StepResult>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final StateFactory states;
        private final Work work;

        Flat(StateFactory states, Work work) {
            this.states = states;
            this.work = work;
        }

        @Override
        public StepResult apply(TaskContext context, Iterator<Block> it) {
            StepResult acc = new StepResult();
            while (it.hasNext()) {
                acc.merge(work.run(states.get(it.next())));
            }
            return acc;
        }
    }

    private static final class Seq implements Function2<StepResult, Block, StepResult> {
        private static final long serialVersionUID = 1L;
        private final StateFactory states;
        private final Work work;

        Seq(StateFactory states, Work work) {
            this.states = states;
            this.work = work;
        }

        @Override
        public StepResult call(StepResult acc, Block block) {
            return acc.merge(work.run(states.get(block)));
        }
    }

    private static final class Comb implements Function2<StepResult, StepResult, StepResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public StepResult call(StepResult a, StepResult b) {
            return a.merge(b);
        }
    }

    private static final class Release extends AbstractFunction2<TaskContext, Iterator<Block>, Boolean>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String runId;

        Release(String runId) {
            this.runId = runId;
        }

        @Override
        public Boolean apply(TaskContext context, Iterator<Block> it) {
            ExecutorCache.drop(runId);
            return Boolean.TRUE;
        }
    }
}
