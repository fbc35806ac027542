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

    // Returns once no checkpoint is due or running: a transaction the writer opens next can restart
    // the WAL from its beginning.
    void waitIdle();

private:
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
    std::condition_variable m_idle;
    std::thread m_thread;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_CHECKPOINTER_H
