package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The backend's own worker threads (daemons), so that kernels never depend on the ForkJoin common
 * pool (whose parallelism is 1 on a 2-core machine).
 *
 * <p>{@link #run} splits one job into {@code parts} numbered parts: the caller runs part 0 and
 * worker {@code w} runs part {@code w + 1}; it returns when every part is done. Which part does what
 * is fixed by the part number, never by timing, so results are deterministic for a given thread
 * count.
 *
 * <p>No allocation per job: the job is a reusable {@link Job} object, and hand-off uses a volatile
 * generation counter, an {@link AtomicInteger} and {@link LockSupport}. Idle workers spin briefly, yield
 * (kernels of a training step come in quick bursts), then park.
 */
final class WorkerPool implements AutoCloseable {

    /** One parallel job; {@code part} is in [0, parts). Must not allocate if the caller wants zero allocation. */
    interface Job {
        void run(int part, int parts);
    }

    /**
     * How long an idle worker spins before it yields, and how long it keeps yielding before it
     * parks, in nanoseconds. A training step hands the workers a job every few hundred microseconds
     * (its element-wise passes run on the caller alone); a parked worker takes tens of microseconds
     * to wake, so it waits awake a millisecond, yielding the core to anyone else who wants it.
     */
    private static final long SPIN_NANOS = 20_000;
    private static final long YIELD_NANOS = 1_000_000;

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private long generation;
    private volatile boolean closed;
    private Job job;
    private int parts;
    private volatile Throwable failure;

    private static final int IDLE = 0;
    private static final int ASSIGNED = 1;
    private static final int RUNNING = 2;

    /**
     * A worker thread, its ticket (the generation of the last job handed to it) and its state:
     * ASSIGNED when a job waits for it, RUNNING once it has claimed the job, IDLE otherwise. The
     * caller may take back an ASSIGNED job the worker has not claimed (see {@link #run}).
     */
    private final class Worker extends Thread {
        private final int part;
        private volatile long ticket;
        private final AtomicInteger state = new AtomicInteger(IDLE);

        Worker(int part, String name) {
            super(name);
            this.part = part;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long t = awaitTicket(seen);
                if (closed) {
                    return;
                }
                seen = t;
                if (!state.compareAndSet(ASSIGNED, RUNNING)) {
                    continue; // the caller took the job back: it finished without us
                }
                try {
                    job.run(part, parts); // job and parts were written before the volatile ticket
                } catch (Throwable e) {
                    failure = e;
                }
                state.set(IDLE);
                pending.decrementAndGet();
            }
        }

        /** Spins, then parks, until a new ticket arrives or the pool closes. */
        private long awaitTicket(long seen) {
            long t = ticket;
            if (t != seen) {
                return t;
            }
            long start = System.nanoTime();
            while ((t = ticket) == seen && !closed) {
                long waited = System.nanoTime() - start;
                if (waited < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (waited < YIELD_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                }
            }
            return t;
        }
    }

    /** A pool that runs jobs of up to {@code threads} parts: {@code threads − 1} workers plus the caller. */
    WorkerPool(int threads, String name) {
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1, name + "-worker-" + (w + 1));
            workers[w].start();
        }
    }

    /** The most parts a job can have. */
    int maxParts() {
        return workers.length + 1;
    }

    /** The worker threads (for tests that measure their allocation). */
    Thread[] threads() {
        return workers.clone();
    }

    /**
     * Runs {@code job} as {@code parts} parts (1 ≤ parts ≤ {@link #maxParts()}) and returns when all
     * are done. An exception in any part is rethrown here. Only the participating workers are woken:
     * each gets a new ticket, written after the job, so it never sees a half-published job.
     *
     * <p>Jobs take their work from a shared counter, so a part may find nothing left to do. When the
     * caller finishes its part, it takes back the job from every worker that has not claimed it yet
     * (a worker that the OS has not scheduled, on a busy machine), instead of waiting for it to
     * wake up only to find no work. Which thread computes a piece never changes the piece's result,
     * so this keeps results deterministic.
     */
    void run(Job job, int parts) {
        if (parts <= 1) {
            job.run(0, 1);
            return;
        }
        this.job = job;
        this.parts = parts;
        this.failure = null;
        pending.set(parts - 1);
        long g = ++generation;
        for (int w = 0; w < parts - 1; w++) {
            workers[w].state.set(ASSIGNED);
            workers[w].ticket = g;
            LockSupport.unpark(workers[w]);
        }
        Throwable mine = null;
        try {
            job.run(0, parts);
        } catch (Throwable t) {
            mine = t;
        }
        for (int w = 0; w < parts - 1; w++) {
            if (workers[w].state.compareAndSet(ASSIGNED, IDLE)) {
                pending.decrementAndGet(); // never started: nothing to wait for
            }
        }
        long start = System.nanoTime();
        while (pending.get() != 0) { // spin, then yield: a worker descheduled mid-part, or the JIT, may need this core
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.job = null;
        Throwable f = mine != null ? mine : failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        if (f != null) {
            throw new IllegalStateException("a simd worker failed", f);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }
}
