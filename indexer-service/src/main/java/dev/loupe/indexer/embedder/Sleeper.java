package dev.loupe.indexer.embedder;

import java.time.Duration;

/** Waits between attempts; tests substitute one that records the waits instead. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
