#include "util/settingswatcher.h"

#include <QDir>
#include <QFileInfo>

namespace burnrate {

SettingsWatcher::SettingsWatcher(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_path(Settings(m_dataDir).filePath())
{
    const Settings settings(m_dataDir);
    for (Settings::Key key : Settings::allKeys()) {
        m_values.insert(key, settings.value(key));
    }
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SettingsWatcher::refresh);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &SettingsWatcher::refresh);
    watchFile();
}

void SettingsWatcher::refresh()
{
    watchFile();
    const Settings settings(m_dataDir);
    QList<Settings::Key> differ;
    for (Settings::Key key : Settings::allKeys()) {
        QVariant now = settings.value(key);
        QVariant &before = m_values[key];
        // Compared as text: the file holds text, and a default is a QString, an int or a list.
        if (now.toStringList() != before.toStringList() || now.toString() != before.toString()) {
            before = std::move(now);
            differ << key;
        }
    }
    for (Settings::Key key : std::as_const(differ)) {
        Q_EMIT changed(key);
    }
}

void SettingsWatcher::watchFile()
{
    if (QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path)) {
        m_watcher.addPath(m_path);
    }
    if (QFileInfo::exists(m_dataDir) && m_watcher.directories().isEmpty()) {
        m_watcher.addPath(m_dataDir);
    }
}

} // namespace burnrate
