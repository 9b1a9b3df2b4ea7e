// A SQLite VFS that wraps the default one and buffers writes to write-ahead logs.
//
// SQLite appends a commit to the log as two writes per page (a 24-byte frame header, then the
// page), so a commit of 14 pages costs 28 system calls, each of which touches one or two pages of
// the operating system's cache. This VFS keeps contiguous log writes in memory and hands them to the
// real file in one write, at the latest when the commit frame is complete: the write that completes
// the commit frame (its header carries the database size, which marks a commit) writes everything
// buffered, itself included, before it returns. A commit frame that does not follow buffered
// frames is written through. So once SQLite publishes a commit to readers (after its last frame
// write returned), every frame of it is in the file, and an error of any delayed write is returned
// by a write of the same transaction.
//
// Any other access to the log (read, size, truncate, sync, file control, close) first writes what is
// buffered. Only log files are wrapped; the database file and others are the default VFS's own.

#include "CSQLiteLogBuffer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "sqlite_nio_sqlite3.h"

const char *const firebreak_log_buffer_vfs_name = "firebreak-log-buffer";

enum {
    walHeaderSize = 32,
    frameHeaderSize = 24,
    bufferCapacity = 4 * 1024 * 1024,
    maxWrite = 0x1ffff & ~4095,
};

typedef struct {
    sqlite3_file base;
    unsigned char *buffer;
    int length;
    sqlite3_int64 start;
    // The log's page size from its header; 0 while unknown, -1 when the header could not be read (the
    // file is then written through).
    int pageSize;
    // While writing a commit frame: where it ends. Until then its writes join the buffer when the
    // frame was appended to buffered frames (`commitGathered`), and go straight through otherwise.
    sqlite3_int64 commitEnd;
    int commitGathered;
} LogFile;

static sqlite3_vfs *realVfs;
static sqlite3_vfs bufferVfs;
static sqlite3_io_methods logMethods;
static atomic_llong requestedWrites;
static atomic_llong performedWrites;

static int realOffset(void) { return (int)((sizeof(LogFile) + 7) & ~(size_t)7); }

static sqlite3_file *real(sqlite3_file *file) { return (sqlite3_file *)((char *)file + realOffset()); }

static unsigned int bigEndian32(const unsigned char *bytes) {
    return ((unsigned int)bytes[0] << 24) | ((unsigned int)bytes[1] << 16) | ((unsigned int)bytes[2] << 8) |
           (unsigned int)bytes[3];
}

// Writes in pieces of at most `maxWrite` bytes: the default VFS's write keeps only the low 17 bits of
// a length (SQLite itself never writes more than a 64 KiB page and its header at once), so a larger
// write would be cut short and reported as a full disk.
static int writeThrough(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    sqlite3_file *inner = real(file);
    const char *bytes = data;
    while (amount > 0) {
        int piece = amount < maxWrite ? amount : maxWrite;
        atomic_fetch_add_explicit(&performedWrites, 1, memory_order_relaxed);
        int rc = inner->pMethods->xWrite(inner, bytes, piece, offset);
        if (rc != SQLITE_OK) return rc;
        bytes += piece;
        offset += piece;
        amount -= piece;
    }
    return SQLITE_OK;
}

static int flush(sqlite3_file *file) {
    LogFile *log = (LogFile *)file;
    if (log->length == 0) return SQLITE_OK;
    int length = log->length;
    log->length = 0;
    return writeThrough(file, log->buffer, length, log->start);
}

// A page size as SQLite allows it (a power of two from 512 to 65536), else -1.
static int validPageSize(unsigned int size) {
    if (size < 512 || size > 65536 || (size & (size - 1)) != 0) return -1;
    return (int)size;
}

// Learns the page size from the log's header on disk, for a log that existed before this handle wrote.
static void readPageSize(sqlite3_file *file) {
    LogFile *log = (LogFile *)file;
    unsigned char header[walHeaderSize];
    sqlite3_file *inner = real(file);
    log->pageSize = -1;
    if (inner->pMethods->xRead(inner, header, walHeaderSize, 0) == SQLITE_OK) {
        log->pageSize = validPageSize(bigEndian32(header + 8));
    }
}

// Whether a write at `offset` begins a frame whose header marks a commit.
static int startsCommitFrame(LogFile *log, const unsigned char *data, int amount, sqlite3_int64 offset) {
    if (offset < walHeaderSize || amount < frameHeaderSize || log->pageSize <= 0) return 0;
    if ((offset - walHeaderSize) % (log->pageSize + frameHeaderSize) != 0) return 0;
    return bigEndian32(data + 4) != 0;
}

static void endCommitFrame(LogFile *log) {
    log->commitEnd = 0;
    log->commitGathered = 0;
}

static int logWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    LogFile *log = (LogFile *)file;
    atomic_fetch_add_explicit(&requestedWrites, 1, memory_order_relaxed);
    if (offset == 0 && amount >= walHeaderSize) {
        log->pageSize = validPageSize(bigEndian32((const unsigned char *)data + 8));
    } else if (log->pageSize == 0 && offset >= walHeaderSize) {
        int rc = flush(file);
        if (rc != SQLITE_OK) return rc;
        readPageSize(file);
    }
    int contiguous = log->length > 0 && offset == log->start + log->length;
    if (log->commitEnd > 0 && offset >= log->commitEnd) endCommitFrame(log);
    if (log->commitEnd == 0 && startsCommitFrame(log, data, amount, offset)) {
        log->commitEnd = offset + frameHeaderSize + log->pageSize;
        // Appended right after buffered frames (a commit's last frame): it joins them, and all go
        // out together once the frame is complete. Otherwise (a frame header rewritten after a
        // read, or a commit of one page) it is written through.
        log->commitGathered = contiguous;
    }
    if (log->commitEnd > 0 && log->commitGathered && contiguous &&
        log->length + amount <= bufferCapacity) {
        memcpy(log->buffer + log->length, data, (size_t)amount);
        log->length += amount;
        if (offset + amount < log->commitEnd) return SQLITE_OK;
        endCommitFrame(log);
        return flush(file);
    }
    if (log->commitEnd > 0 || log->pageSize <= 0 || log->buffer == NULL || amount > bufferCapacity) {
        int rc = flush(file);
        if (rc != SQLITE_OK) return rc;
        rc = writeThrough(file, data, amount, offset);
        if (log->commitEnd > 0 && offset + amount >= log->commitEnd) endCommitFrame(log);
        return rc;
    }
    if (!contiguous || log->length + amount > bufferCapacity) {
        int rc = flush(file);
        if (rc != SQLITE_OK) return rc;
        log->start = offset;
    }
    memcpy(log->buffer + log->length, data, (size_t)amount);
    log->length += amount;
    return SQLITE_OK;
}

static int logClose(sqlite3_file *file) {
    LogFile *log = (LogFile *)file;
    int rc = flush(file);
    sqlite_nio_sqlite3_free(log->buffer);
    log->buffer = NULL;
    sqlite3_file *inner = real(file);
    int closed = inner->pMethods ? inner->pMethods->xClose(inner) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : closed;
}

static int logRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xRead(inner, data, amount, offset);
}

static int logTruncate(sqlite3_file *file, sqlite3_int64 size) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xTruncate(inner, size);
}

static int logSync(sqlite3_file *file, int flags) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xSync(inner, flags);
}

static int logFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xFileSize(inner, size);
}

static int logLock(sqlite3_file *file, int level) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xLock(inner, level);
}

static int logUnlock(sqlite3_file *file, int level) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xUnlock(inner, level);
}

static int logCheckReservedLock(sqlite3_file *file, int *result) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xCheckReservedLock(inner, result);
}

static int logFileControl(sqlite3_file *file, int op, void *argument) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xFileControl(inner, op, argument);
}

static int logSectorSize(sqlite3_file *file) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xSectorSize(inner);
}

static int logDeviceCharacteristics(sqlite3_file *file) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xDeviceCharacteristics(inner);
}

static int logShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **memory) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xShmMap(inner, region, size, extend, memory);
}

static int logShmLock(sqlite3_file *file, int offset, int count, int flags) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xShmLock(inner, offset, count, flags);
}

static void logShmBarrier(sqlite3_file *file) {
    sqlite3_file *inner = real(file);
    inner->pMethods->xShmBarrier(inner);
}

static int logShmUnmap(sqlite3_file *file, int deleteFlag) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xShmUnmap(inner, deleteFlag);
}

static int logFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer) {
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    sqlite3_file *inner = real(file);
    return inner->pMethods->xFetch(inner, offset, amount, pointer);
}

static int logUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pointer) {
    sqlite3_file *inner = real(file);
    return inner->pMethods->xUnfetch(inner, offset, pointer);
}

static int bufferOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        // Everything but logs is the default VFS's file, in place.
        return realVfs->xOpen(realVfs, name, file, flags, outFlags);
    }
    LogFile *log = (LogFile *)file;
    memset(log, 0, sizeof(LogFile));
    sqlite3_file *inner = real(file);
    int rc = realVfs->xOpen(realVfs, name, inner, flags, outFlags);
    if (rc != SQLITE_OK) {
        log->base.pMethods = NULL;
        return rc;
    }
    // Without a buffer the file is written through: slower, never wrong.
    log->buffer = sqlite_nio_sqlite3_malloc(bufferCapacity);
    log->base.pMethods = &logMethods;
    return SQLITE_OK;
}

static int bufferDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs;
    return realVfs->xDelete(realVfs, name, syncDirectory);
}

static int bufferAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs;
    return realVfs->xAccess(realVfs, name, flags, result);
}

static int bufferFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
    (void)vfs;
    return realVfs->xFullPathname(realVfs, name, size, output);
}

static void *bufferDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return realVfs->xDlOpen(realVfs, name);
}

static void bufferDlError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    realVfs->xDlError(realVfs, size, message);
}

static void (*bufferDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    (void)vfs;
    return realVfs->xDlSym(realVfs, handle, symbol);
}

static void bufferDlClose(sqlite3_vfs *vfs, void *handle) {
    (void)vfs;
    realVfs->xDlClose(realVfs, handle);
}

static int bufferRandomness(sqlite3_vfs *vfs, int size, char *output) {
    (void)vfs;
    return realVfs->xRandomness(realVfs, size, output);
}

static int bufferSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return realVfs->xSleep(realVfs, microseconds);
}

static int bufferCurrentTime(sqlite3_vfs *vfs, double *now) {
    (void)vfs;
    return realVfs->xCurrentTime(realVfs, now);
}

static int bufferGetLastError(sqlite3_vfs *vfs, int size, char *message) {
    (void)vfs;
    return realVfs->xGetLastError(realVfs, size, message);
}

static int bufferCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
    (void)vfs;
    return realVfs->xCurrentTimeInt64(realVfs, now);
}

static pthread_once_t registration = PTHREAD_ONCE_INIT;
static int registrationResult = SQLITE_OK;

static void registerOnce(void) {
    realVfs = sqlite_nio_sqlite3_vfs_find(NULL);
    if (realVfs == NULL || realVfs->iVersion < 2) {
        registrationResult = SQLITE_ERROR;
        return;
    }
    logMethods = (sqlite3_io_methods){
        .iVersion = 3,
        .xClose = logClose,
        .xRead = logRead,
        .xWrite = logWrite,
        .xTruncate = logTruncate,
        .xSync = logSync,
        .xFileSize = logFileSize,
        .xLock = logLock,
        .xUnlock = logUnlock,
        .xCheckReservedLock = logCheckReservedLock,
        .xFileControl = logFileControl,
        .xSectorSize = logSectorSize,
        .xDeviceCharacteristics = logDeviceCharacteristics,
        .xShmMap = logShmMap,
        .xShmLock = logShmLock,
        .xShmBarrier = logShmBarrier,
        .xShmUnmap = logShmUnmap,
        .xFetch = logFetch,
        .xUnfetch = logUnfetch,
    };
    bufferVfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = realOffset() + realVfs->szOsFile,
        .mxPathname = realVfs->mxPathname,
        .zName = firebreak_log_buffer_vfs_name,
        .xOpen = bufferOpen,
        .xDelete = bufferDelete,
        .xAccess = bufferAccess,
        .xFullPathname = bufferFullPathname,
        .xDlOpen = bufferDlOpen,
        .xDlError = bufferDlError,
        .xDlSym = bufferDlSym,
        .xDlClose = bufferDlClose,
        .xRandomness = bufferRandomness,
        .xSleep = bufferSleep,
        .xCurrentTime = bufferCurrentTime,
        .xGetLastError = bufferGetLastError,
        .xCurrentTimeInt64 = bufferCurrentTimeInt64,
    };
    registrationResult = sqlite_nio_sqlite3_vfs_register(&bufferVfs, 0);
}

int firebreak_log_buffer_register(void) {
    pthread_once(&registration, registerOnce);
    return registrationResult;
}

firebreak_log_buffer_stats firebreak_log_buffer_counters(void) {
    firebreak_log_buffer_stats stats = {
        .requested = atomic_load_explicit(&requestedWrites, memory_order_relaxed),
        .performed = atomic_load_explicit(&performedWrites, memory_order_relaxed),
    };
    return stats;
}
