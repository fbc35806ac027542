#ifndef BURNRATE_CORE_JOBS_WATCHEDIMPORTS_H
#define BURNRATE_CORE_JOBS_WATCHEDIMPORTS_H

#include "importers/logwatcher.h"

#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

namespace burnrate {

class AgentLogImportRunner;

// Keeps the ledger current with the agent logs the user agreed to import, without ever importing
// on this thread: each watched source is imported through the runner now and whenever its roots
// change (LogWatcher), so new lines reach the ledger within seconds while the app runs.
class WatchedImports final : public QObject
{
    Q_OBJECT

public:
    explicit WatchedImports(AgentLogImportRunner &runner, LogWatcher::Options watch = {}, QObject *parent = nullptr);
    ~WatchedImports() override;

    // Watches `roots` and imports them now; again with new roots or billing replaces the old ones.
    void watch(AgentLogSource source, QStringList roots, Billing billing);
    void unwatch(AgentLogSource source);
    bool isWatching(AgentLogSource source) const { return m_entries.count(source) > 0; }
    const LogWatcher *watcher(AgentLogSource source) const;

private:
    struct Entry
    {
        QStringList roots;
        Billing billing = Billing::Api;
        std::unique_ptr<LogWatcher> watcher;
    };

    void importNow(AgentLogSource source);

    AgentLogImportRunner &m_runner;
    LogWatcher::Options m_watch;
    std::map<AgentLogSource, Entry> m_entries;
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_WATCHEDIMPORTS_H
