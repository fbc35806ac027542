// SettingsWatcher: changed() names exactly the keys whose value differs from the last read, once each, whether the
// running app wrote the file (refresh()) or another process did (the file watch).
#include "util/settings.h"
#include "util/settingswatcher.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

class TestSettingsWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshNamesEachChangedKeyOnce();
    void writesByAnotherProcessAreSeen();
    void aFileCreatedLaterIsWatched();
};

namespace {

QList<Settings::Key> keysOf(const QSignalSpy &spy)
{
    QList<Settings::Key> keys;
    for (const QList<QVariant> &call : spy) {
        keys << call.at(0).value<Settings::Key>();
    }
    return keys;
}

} // namespace

void TestSettingsWatcher::refreshNamesEachChangedKeyOnce()
{
    QTemporaryDir dir;
    Settings(dir.path()).setValue(Settings::Key::SyncIntervalMinutes, 15);
    SettingsWatcher watcher(dir.path());
    QCOMPARE(watcher.value(Settings::Key::SyncIntervalMinutes).toInt(), 15);
    QCOMPARE(watcher.value(Settings::Key::WeekStart).toInt(), 1); // the default
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);

    watcher.refresh();
    QCOMPARE(changed.size(), 0); // nothing differs

    Settings settings(dir.path());
    settings.setValue(Settings::Key::Timezone, QStringLiteral("Asia/Tokyo"));
    settings.setValue(Settings::Key::WeekStart, 7);
    settings.setValue(Settings::Key::SyncIntervalMinutes, 15); // the same value again
    settings.setValue(Settings::Key::AgentLogSources, QStringList{QStringLiteral("codex")});
    watcher.refresh();
    QCOMPARE(keysOf(changed),
             (QList<Settings::Key>{Settings::Key::Timezone, Settings::Key::WeekStart, Settings::Key::AgentLogSources}));
    QCOMPARE(watcher.value(Settings::Key::Timezone).toString(), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(watcher.value(Settings::Key::WeekStart).toInt(), 7);

    changed.clear();
    watcher.refresh();
    QCOMPARE(changed.size(), 0);
    settings.setValue(Settings::Key::AgentLogSources,
                      QStringList{QStringLiteral("codex"), QStringLiteral("claude-code")});
    watcher.refresh();
    QCOMPARE(keysOf(changed), QList<Settings::Key>{Settings::Key::AgentLogSources});
}

void TestSettingsWatcher::writesByAnotherProcessAreSeen()
{
    QTemporaryDir dir;
    Settings(dir.path()).setValue(Settings::Key::SyncIntervalMinutes, 15);
    SettingsWatcher watcher(dir.path());
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);
    // Written as another program would: QSettings of its own, which replaces the file.
    {
        QSettings other(Settings(dir.path()).filePath(), QSettings::IniFormat);
        other.setValue(Settings::keyName(Settings::Key::SyncIntervalMinutes), 5);
    }
    QTRY_COMPARE(keysOf(changed), QList<Settings::Key>{Settings::Key::SyncIntervalMinutes});
    QCOMPARE(watcher.value(Settings::Key::SyncIntervalMinutes).toInt(), 5);
    // And again: the watch outlives the file it watched.
    {
        QSettings other(Settings(dir.path()).filePath(), QSettings::IniFormat);
        other.setValue(Settings::keyName(Settings::Key::SyncIntervalMinutes), 30);
    }
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(watcher.value(Settings::Key::SyncIntervalMinutes).toInt(), 30);
}

void TestSettingsWatcher::aFileCreatedLaterIsWatched()
{
    QTemporaryDir dir;
    SettingsWatcher watcher(dir.path()); // no settings.ini yet
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);
    Settings(dir.path()).setValue(Settings::Key::Timezone, QStringLiteral("Europe/Berlin"));
    QTRY_COMPARE(keysOf(changed), QList<Settings::Key>{Settings::Key::Timezone});
}

QTEST_GUILESS_MAIN(TestSettingsWatcher)
#include "tst_settingswatcher.moc"
