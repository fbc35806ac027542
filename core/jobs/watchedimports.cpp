#include "jobs/watchedimports.h"

#include "jobs/importrunner.h"

namespace burnrate {

WatchedImports::WatchedImports(AgentLogImportRunner &runner, LogWatcher::Options watch, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_watch(watch)
{
    // After each import the newest files are the ones to watch for appends.
    const auto refresh = [this](AgentLogSource source) {
        if (auto it = m_entries.find(source); it != m_entries.end()) {
            it->second.watcher->refresh();
        }
    };
    connect(&m_runner, &AgentLogImportRunner::finished, this, refresh);
    connect(&m_runner, &AgentLogImportRunner::failed, this, refresh);
}

WatchedImports::~WatchedImports() = default;

void WatchedImports::watch(AgentLogSource source, QStringList roots, Billing billing)
{
    Entry entry;
    entry.roots = roots;
    entry.billing = billing;
    entry.watcher = std::make_unique<LogWatcher>(std::move(roots), m_watch);
    connect(entry.watcher.get(), &LogWatcher::changed, this, [this, source] { importNow(source); });
    entry.watcher->start();
    m_entries[source] = std::move(entry);
    importNow(source);
}

void WatchedImports::unwatch(AgentLogSource source)
{
    m_entries.erase(source);
}

const LogWatcher *WatchedImports::watcher(AgentLogSource source) const
{
    const auto it = m_entries.find(source);
    return it == m_entries.end() ? nullptr : it->second.watcher.get();
}

void WatchedImports::importNow(AgentLogSource source)
{
    if (auto it = m_entries.find(source); it != m_entries.end()) {
        m_runner.enqueue(source, it->second.roots, it->second.billing);
    }
}

} // namespace burnrate
