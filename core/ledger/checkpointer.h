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

// Moves WAL checkpoints off a bulk writer's thread: while it lives, the writer's connection does not
// checkpoint on commit; a second connection copies the WAL back into the database on its
// own thread whenever the WAL has grown past a threshold. The last checkpoint runs on destruction.
class BackgroundCheckpointer final
{
public:
    // Each wait of committed() costs the copy and the two fsyncs of the last transaction's frames, so
    // the WAL may hold a few transactions before one: a larger limit means fewer waits in a large
    // import, a smaller one a smaller WAL file.
    static constexpr std::int64_t WalRestartBytes = 128LL << 20;
    // `walBytesThreshold` is how much WAL triggers a checkpoint, `walRestartBytes` how much makes
    // committed() wait for it.
    explicit BackgroundCheckpointer(Database &writer, std::int64_t walBytesThreshold = Database::WalCheckpointBytes,
                                    std::int64_t walRestartBytes = WalRestartBytes);
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer &) = delete;
    BackgroundCheckpointer &operator=(const BackgroundCheckpointer &) = delete;

    // The writer calls this after each commit. The WAL only starts again from its beginning when a
    // transaction opens after a checkpoint has copied all of it; a bulk writer opens the next one
    // straight after a commit, while the background checkpoint runs, so without a pause the WAL never
    // restarts (it grows for the whole import, every frame extends the file, and deleting the large
    // file at the end takes time). Once the WAL holds `walRestartBytes`, this waits for the
    // checkpoint, so the next transaction starts the WAL again.
    void committed();

private:
    // Returns once no checkpoint is due or running.
    void waitIdle();
    static int walHook(void *self, ::sqlite3 *db, const char *name, int pages);
    void run();

    Database &m_writer;
    QString m_path;
    int m_threshold;
    int m_restartPages;
    int m_walPages = 0; // the WAL's frames at the last commit (set and read on the writer's thread)
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stop = false;
    bool m_busy = false;
    bool m_failed = false; // the checkpointing connection could not be opened
    std::condition_variable m_idle;
    std::thread m_thread;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_CHECKPOINTER_H
