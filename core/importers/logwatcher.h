#ifndef BURNRATE_CORE_IMPORTERS_LOGWATCHER_H
#define BURNRATE_CORE_IMPORTERS_LOGWATCHER_H

#include "importers/agentlogimporter.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <cstdint>

namespace burnrate {

class Ledger;

// Watches agent-log roots and says when something under them changed, within `debounceMs` of the
// first change (a steady stream of appends never postpones it further). Folders are watched for
// new sessions; the most recently written files are watched for appends (inotify watches are a
// limited resource, so not all of them); a slow poll of sizes and times catches the rest.
class LogWatcher final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int debounceMs = 1000;
        int pollMs = 30000;
        int maxFileWatches = 256;
    };

    LogWatcher(QStringList roots, Options options, QObject *parent = nullptr);

    void start();
    void stop();
    bool isActive() const { return m_active; }

    // Watches new folders and the latest files; call after each import.
    void refresh();

    QStringList watchedFiles() const { return m_watcher.files(); }
    QStringList watchedDirectories() const { return m_watcher.directories(); }

Q_SIGNALS:
    void changed();

private:
    void schedule();
    void poll();
    std::uint64_t signature();

    QStringList m_roots;
    Options m_options;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QTimer m_poll;
    std::uint64_t m_signature = 0;
    bool m_active = false;
};

// Keeps the ledger up to date with one source's logs while the app runs: an incremental import on
// start and whenever the watcher reports a change. Runs the import on the thread it lives in.
class AgentLogAutoImport final : public QObject
{
    Q_OBJECT

public:
    AgentLogAutoImport(Ledger &ledger, AgentLogSource source, QStringList roots, AgentLogImportOptions options,
                       LogWatcher::Options watch = {}, QObject *parent = nullptr);

    void start();
    void stop() { m_watcher.stop(); }
    LogWatcher &watcher() { return m_watcher; }

    // Imports now (also what a change triggers).
    void importNow();

Q_SIGNALS:
    void imported(const burnrate::AgentLogImportSummary &summary);
    void failed(const QString &error);

private:
    Ledger &m_ledger;
    AgentLogSource m_source;
    QStringList m_roots;
    AgentLogImportOptions m_options;
    LogWatcher m_watcher;
    bool m_running = false;
    bool m_again = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_LOGWATCHER_H
