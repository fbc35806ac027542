#include "importers/logwatcher.h"

#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <vector>

namespace burnrate {

LogWatcher::LogWatcher(QStringList roots, Options options, QObject *parent)
    : QObject(parent)
    , m_roots(std::move(roots))
    , m_options(options)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(m_options.debounceMs);
    m_poll.setInterval(m_options.pollMs);
    connect(&m_debounce, &QTimer::timeout, this, &LogWatcher::changed);
    connect(&m_poll, &QTimer::timeout, this, &LogWatcher::poll);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &LogWatcher::schedule);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        refresh(); // a new session file or folder: watch it too
        schedule();
    });
}

void LogWatcher::start()
{
    m_active = true;
    refresh();
    m_signature = signature();
    m_poll.start();
}

void LogWatcher::stop()
{
    m_active = false;
    m_poll.stop();
    m_debounce.stop();
    if (!m_watcher.files().isEmpty()) {
        m_watcher.removePaths(m_watcher.files());
    }
    if (!m_watcher.directories().isEmpty()) {
        m_watcher.removePaths(m_watcher.directories());
    }
}

void LogWatcher::schedule()
{
    if (m_active && !m_debounce.isActive()) {
        m_debounce.start(); // not restarted by later changes: the import runs within debounceMs
    }
}

void LogWatcher::refresh()
{
    if (!m_active) {
        return;
    }
    QStringList dirs;
    std::vector<std::pair<qint64, QString>> files;
    for (const QString &root : std::as_const(m_roots)) {
        const QFileInfo info(root);
        if (info.isFile()) {
            files.emplace_back(info.lastModified().toMSecsSinceEpoch(), info.absoluteFilePath());
            continue;
        }
        if (!info.isDir()) {
            continue; // not there yet: the poll notices when it appears
        }
        dirs << info.absoluteFilePath();
        QDirIterator it(root, {QStringLiteral("*.jsonl")}, QDir::Files | QDir::AllDirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo f = it.fileInfo();
            if (f.isDir()) {
                dirs << f.absoluteFilePath();
            } else {
                files.emplace_back(f.lastModified().toMSecsSinceEpoch(), f.absoluteFilePath());
            }
        }
    }
    const auto keep = std::min(files.size(), static_cast<size_t>(std::max(0, m_options.maxFileWatches)));
    std::partial_sort(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(keep), files.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList wantFiles;
    for (size_t i = 0; i < keep; ++i) {
        wantFiles << files[i].second;
    }
    const QStringList haveFiles = m_watcher.files();
    QStringList drop;
    for (const QString &f : haveFiles) {
        if (!wantFiles.contains(f)) {
            drop << f;
        }
    }
    if (!drop.isEmpty()) {
        m_watcher.removePaths(drop);
    }
    QStringList add;
    for (const QString &p : std::as_const(dirs)) {
        if (!m_watcher.directories().contains(p)) {
            add << p;
        }
    }
    for (const QString &p : std::as_const(wantFiles)) {
        if (!haveFiles.contains(p)) {
            add << p;
        }
    }
    if (!add.isEmpty()) {
        m_watcher.addPaths(add);
    }
}

std::uint64_t LogWatcher::signature()
{
    // Sizes and times of every log file: cheap (one stat each), and any append changes it.
    std::uint64_t h = 1469598103934665603ULL;
    const auto mix = [&h](std::uint64_t v) {
        h ^= v;
        h *= 1099511628211ULL;
    };
    for (const QString &root : std::as_const(m_roots)) {
        const QFileInfo info(root);
        if (info.isFile()) {
            mix(static_cast<std::uint64_t>(info.size()));
            mix(static_cast<std::uint64_t>(info.lastModified().toMSecsSinceEpoch()));
            continue;
        }
        QDirIterator it(root, {QStringLiteral("*.jsonl")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            mix(qHash(it.filePath()));
            mix(static_cast<std::uint64_t>(it.fileInfo().size()));
            mix(static_cast<std::uint64_t>(it.fileInfo().lastModified().toMSecsSinceEpoch()));
        }
    }
    return h;
}

void LogWatcher::poll()
{
    const std::uint64_t now = signature();
    if (now != m_signature) {
        m_signature = now;
        refresh();
        schedule();
    }
}

AgentLogAutoImport::AgentLogAutoImport(Ledger &ledger, AgentLogSource source, QStringList roots,
                                       AgentLogImportOptions options, LogWatcher::Options watch, QObject *parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_source(source)
    , m_roots(roots)
    , m_options(std::move(options))
    , m_watcher(std::move(roots), watch)
{
    connect(&m_watcher, &LogWatcher::changed, this, &AgentLogAutoImport::importNow);
}

void AgentLogAutoImport::start()
{
    m_watcher.start();
    importNow();
}

void AgentLogAutoImport::importNow()
{
    if (m_running) { // a change reported while importing: once more afterwards
        m_again = true;
        return;
    }
    m_running = true;
    do {
        m_again = false;
        auto summary = AgentLogImporter(m_ledger, m_source, m_options).importRoots(m_roots);
        m_watcher.refresh();
        if (summary) {
            Q_EMIT imported(*summary);
        } else {
            Q_EMIT failed(summary.error());
        }
    } while (m_again);
    m_running = false;
}

} // namespace burnrate
