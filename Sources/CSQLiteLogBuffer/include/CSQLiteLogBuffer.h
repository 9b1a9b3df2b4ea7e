#ifndef FIREBREAK_SQLITE_LOG_BUFFER_H
#define FIREBREAK_SQLITE_LOG_BUFFER_H

/// The name of a SQLite VFS that behaves like the default one, except that a write-ahead log's
/// frames are gathered in memory and written with one call per commit instead of two per frame.
/// Open a connection with it (the last argument of `sqlite3_open_v2`) after registering it.
extern const char *const firebreak_log_buffer_vfs_name;

/// Registers the VFS (once per process; later calls do nothing). Returns SQLITE_OK, or the error
/// of finding the default VFS or of registering.
int firebreak_log_buffer_register(void);

/// Counters for tests and profiles: the log writes SQLite asked for, and the writes this VFS made.
typedef struct {
    long long requested;
    long long performed;
} firebreak_log_buffer_stats;

/// The counters since the process started (relaxed atomics; exact once writers are quiet).
firebreak_log_buffer_stats firebreak_log_buffer_counters(void);

#endif
