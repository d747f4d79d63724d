package io.jsonmig.migration.load;

import org.postgresql.copy.CopyIn;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a COPY's data from a thread of its own, so that the load goes on parsing and encoding rows
 * while PostgreSQL takes the ones before: a write that waits for the server (the socket is full while
 * it inserts) no longer stops the encoder, and the server finds the next rows ready when it asks. At
 * most {@link #MAX_IN_FLIGHT} writes wait, which bounds the memory. The connection is the writer's
 * only between {@link #send} and {@link #drain}: everything else the load does on it comes after a
 * drain.
 */
final class CopySender implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 32;

    private final ExecutorService writer;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicReference<SQLException> failure = new AtomicReference<>();
    /** The COPY a write failed on: its other writes are skipped, the server ignores them anyway. */
    private volatile CopyIn failed;
    private Future<?> last;

    CopySender(String table) {
        writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jsonmig-copy " + table);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands a copy of the buffer's bytes to the writer and empties the buffer.
     *
     * @throws SQLException the error of an earlier write, once
     */
    void send(CopyIn copy, CopyBuffer buffer) throws SQLException {
        throwFailure();
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        buffer.clear();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to send rows to PostgreSQL", e);
        }
        last = writer.submit(() -> {
            try {
                if (copy != failed) {
                    copy.writeToCopy(bytes, 0, bytes.length);
                }
            } catch (SQLException e) {
                failed = copy;
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    /**
     * Waits until every write handed over is done, so that the connection is the caller's again.
     *
     * @throws SQLException the error of a write, once
     */
    void drain() throws SQLException {
        if (last != null) {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while sending rows to PostgreSQL", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a COPY write failed unexpectedly", e.getCause());
            }
            last = null;
        }
        throwFailure();
    }

    private void throwFailure() throws SQLException {
        SQLException e = failure.getAndSet(null);
        if (e != null) {
            throw e;
        }
    }

    /** Waits for the writes in flight, whatever became of them, and stops the writer. */
    @Override
    public void close() {
        try {
            drain();
        } catch (SQLException | RuntimeException ignored) {
            // the load reports its own failure; this only makes sure nobody writes any more
        } finally {
            writer.shutdown();
        }
    }
}
