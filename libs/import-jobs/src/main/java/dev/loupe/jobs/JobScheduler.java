package dev.loupe.jobs;

/**
 * Where a newly recorded job goes to run: an {@link ImportRunner} in this process (standalone,
 * indexer-service), or {@link #ELSEWHERE} when another service's runner finds it in the database
 * (search-service in the distributed mode, whose jobs indexer-service runs).
 */
@FunctionalInterface
public interface JobScheduler {

    /** Recorded only: the runners of other processes poll the database for it. */
    JobScheduler ELSEWHERE = id -> {};

    /** Runs the job soon, or leaves it to a runner that polls for it. */
    void schedule(String id);
}
