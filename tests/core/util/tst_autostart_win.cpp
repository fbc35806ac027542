// The autostart entry on Windows: the value "Burnrate" under the current user's Run key, the executable's native
// path in double quotes, and removed again. It is the real key of the user running the test, so a value there
// before the test is put back afterwards.
#include "util/autostart.h"

#include <QSettings>
#include <QTest>

#include <optional>

using namespace burnrate;

namespace {

const QString RunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString ValueName = QStringLiteral("Burnrate");

} // namespace

class TestAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void writesAndRemovesTheRunValue();

private:
    std::optional<QVariant> m_saved;
};

void TestAutostart::initTestCase()
{
    QVERIFY(Autostart::supported());
    QSettings run(RunKey, QSettings::NativeFormat);
    if (run.contains(ValueName)) {
        m_saved = run.value(ValueName);
        run.remove(ValueName);
        run.sync();
    }
}

void TestAutostart::cleanupTestCase()
{
    QSettings run(RunKey, QSettings::NativeFormat);
    if (m_saved) {
        run.setValue(ValueName, *m_saved);
    } else {
        run.remove(ValueName);
    }
    run.sync();
}

void TestAutostart::writesAndRemovesTheRunValue()
{
    QCOMPARE(Autostart::entryPath(), RunKey + QStringLiteral("\\Burnrate"));
    Autostart autostart(QStringLiteral("C:/Program Files/Burn rate/bin/burnrate.exe"));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(autostart.isEnabled());
    {
        const QSettings run(RunKey, QSettings::NativeFormat);
        QCOMPARE(run.value(ValueName).toString(),
                 QStringLiteral("\"C:\\Program Files\\Burn rate\\bin\\burnrate.exe\""));
    }
    QVERIFY(autostart.setEnabled(true).ok()); // again: still one value
    QVERIFY(autostart.setEnabled(false).ok());
    QVERIFY(!autostart.isEnabled());
    {
        const QSettings run(RunKey, QSettings::NativeFormat);
        QVERIFY(!run.contains(ValueName));
    }
    QVERIFY(autostart.setEnabled(false).ok()); // removing what is not there is fine
}

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart_win.moc"
