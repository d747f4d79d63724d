package io.jsonmig.backup.snapshot;

/** Told how many bytes of the source have been copied so far; called after every buffer. */
@FunctionalInterface
public interface CopyProgress {

    CopyProgress NONE = (done, total) -> { };

    void copied(long done, long total);
}
