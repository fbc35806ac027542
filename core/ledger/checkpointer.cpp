#include "ledger/checkpointer.h"

#include "ledger/database.h"

#include <sqlite3.h>

namespace burnrate {

BackgroundCheckpointer::BackgroundCheckpointer(Database &writer, std::int64_t walBytesThreshold,
                                               std::int64_t walRestartBytes)
    : m_writer(writer)
    , m_path(writer.path())
    , m_threshold(writer.walPages(walBytesThreshold))
    , m_restartPages(writer.walPages(walRestartBytes))
{
    if (m_path == QLatin1String(":memory:")) {
        return; // nothing to checkpoint
    }
    sqlite3_wal_hook(m_writer.handle(), &BackgroundCheckpointer::walHook, this);
    m_thread = std::thread([this] { run(); });
}

BackgroundCheckpointer::~BackgroundCheckpointer()
{
    if (!m_thread.joinable()) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
    // Back to SQLite's own checkpoint-on-commit.
    sqlite3_wal_autocheckpoint(m_writer.handle(), m_threshold);
}

void BackgroundCheckpointer::committed()
{
    if (m_walPages >= m_restartPages) {
        waitIdle();
    }
}

void BackgroundCheckpointer::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return m_failed || (!m_busy && !m_due); });
}

int BackgroundCheckpointer::walHook(void *self, sqlite3 *, const char *, int pages)
{
    auto *me = static_cast<BackgroundCheckpointer *>(self);
    me->m_walPages = pages;
    if (pages >= me->m_threshold) {
        {
            std::lock_guard lock(me->m_mutex);
            me->m_due = true;
        }
        me->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void BackgroundCheckpointer::run()
{
    auto db = Database::open(m_path);
    if (!db) {
        std::lock_guard lock(m_mutex);
        m_failed = true; // nobody checkpoints: nobody is waited for
        m_idle.notify_all();
        return; // the writer's own connection still works; its WAL is checkpointed on close
    }
    for (;;) {
        bool stop = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_due || m_stop; });
            stop = m_stop;
            m_due = false;
            m_busy = true;
        }
        // PASSIVE: copies what it can without blocking the writer, which keeps committing meanwhile.
        sqlite3_wal_checkpoint_v2((*db)->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
        if (stop) {
            return;
        }
    }
}

} // namespace burnrate
