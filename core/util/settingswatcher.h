#ifndef BURNRATE_CORE_UTIL_SETTINGSWATCHER_H
#define BURNRATE_CORE_UTIL_SETTINGSWATCHER_H

#include "util/settings.h"

#include <QFileSystemWatcher>
#include <QMap>
#include <QObject>
#include <QString>
#include <QVariant>

namespace burnrate {

// The running app's view of settings.ini: it remembers every key's value and emits changed() for each key whose
// value differs when the file is read again — after the settings dialog saved, or when another process (a text
// editor, a second Burnrate) wrote the file. The app applies each change where it matters, without a restart.
class SettingsWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit SettingsWatcher(QString dataDir, QObject *parent = nullptr);

    const QString &dataDir() const { return m_dataDir; }
    // The value last read (the default when the file does not set it).
    QVariant value(Settings::Key key) const { return m_values.value(key); }

    // Reads the file again; emits changed() once per key that differs from the last read.
    void refresh();

Q_SIGNALS:
    void changed(burnrate::Settings::Key key);

private:
    void watchFile();

    QString m_dataDir;
    QString m_path;
    QMap<Settings::Key, QVariant> m_values;
    // The folder too: QSettings replaces the file on save, which ends a watch on the file alone.
    QFileSystemWatcher m_watcher;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_SETTINGSWATCHER_H
