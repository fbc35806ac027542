#ifndef BURNRATE_CORE_LEDGER_CHECKPOINTER_H
#define BURNRATE_CORE_LEDGER_CHECKPOINTER_H

#include "ledger/database.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

struct sqlite3;

namespace burnrate {

// Moves WAL checkpoints off a bulk writer's thread: while it lives, the writer's connection no
// longer checkpoints on commit; a second connection copies the WAL back into the database on its
// own thread whenever the WAL has grown past a threshold. The last checkpoint runs on destruction.
class BackgroundCheckpointer final
{
public:
    // `walBytesThreshold` is how much WAL triggers a checkpoint.
    explicit BackgroundCheckpointer(Database &writer, std::int64_t walBytesThreshold = Database::WalCheckpointBytes);
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer &) = delete;
    BackgroundCheckpointer &operator=(const BackgroundCheckpointer &) = delete;

    // The writer calls this after each commit. The WAL only starts again from its beginning when a
    // transaction opens after a checkpoint has copied all of it; a bulk writer opens the next one
    // straight after a commit, while the background checkpoint runs, so without a pause the WAL never
    // restarts (one first agent-log import grew it to 359 MiB, every frame extended the file and
    // deleting it at the end took 90 ms). Every second call waits for the checkpoint: the WAL stays
    // under ~70 MiB and the import is faster (5 of 6 alternating runs).
    void committed();

private:
    // Returns once no checkpoint is due or running.
    void waitIdle();
    static int walHook(void *self, ::sqlite3 *db, const char *name, int pages);
    void run();

    Database &m_writer;
    QString m_path;
    int m_threshold;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    bool m_busy = false;
    bool m_failed = false; // the checkpointing connection could not be opened
    int m_commits = 0;
    std::condition_variable m_idle;
    std::thread m_thread;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_CHECKPOINTER_H
