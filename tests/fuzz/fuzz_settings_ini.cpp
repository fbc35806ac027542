// The user's settings.ini, read through Settings as the app reads it: every key with the conversion its reader uses,
// the calendar of the configured zone and week start, and a value written over the file and read back (the settings
// dialog saves into a file the user may have edited by hand).
#include "fuzzcheck.h"
#include "util/settings.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    static QTemporaryDir root;
    static unsigned long long run = 0;
    static const bool environmentCleared = qunsetenv("BURNRATE_TIMEZONE");
    (void)environmentCleared;
    FUZZ_CHECK(root.isValid());
    // A folder per run: QSettings keeps recently read files, and a rewrite within its clock's resolution could be
    // taken for the file it already read.
    const QString dataDir = root.filePath(QString::number(++run));
    FUZZ_CHECK(QDir().mkpath(dataDir));
    Settings settings(dataDir);
    {
        QFile file(settings.filePath());
        FUZZ_CHECK(file.open(QIODevice::WriteOnly));
        FUZZ_CHECK(file.write(fuzz::bytesOf(data, size)) == static_cast<qint64>(size));
    }
    for (Settings::Key key : Settings::allKeys()) {
        const QVariant v = settings.value(key);
        (void)v.toString();
        (void)v.toInt();
        (void)v.toStringList();
    }
    auto calendar = settings.calendar();
    if (calendar) {
        const std::int64_t day = calendar->dayOf(1'767'225'600'000); // 2026-01-01T00:00:00Z
        FUZZ_CHECK(day >= 2'461'041 && day <= 2'461'042);
        (void)calendar->weekStartOf(calendar->dateOf(1'767'225'600'000));
    } else {
        FUZZ_CHECK(!calendar.error().isEmpty());
    }
    settings.setValue(Settings::Key::SyncIntervalMinutes, 30);
    FUZZ_CHECK(Settings(dataDir).value(Settings::Key::SyncIntervalMinutes).toInt() == 30);
    FUZZ_CHECK(QDir(dataDir).removeRecursively());
    return 0;
}
