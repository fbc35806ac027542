// The autostart entry on Linux (the XDG one): written under $XDG_CONFIG_HOME (or ~/.config), quoted, and removed
// again.
#include "util/autostart.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

class TestAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void writesAndRemovesTheEntry();
    void relativeXdgConfigHomeIsIgnored();

private:
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestAutostart::init()
{
    QVERIFY(Autostart::supported());
    m_config = std::make_unique<QTemporaryDir>();
    m_home = std::make_unique<QTemporaryDir>();
    qputenv("XDG_CONFIG_HOME", m_config->path().toUtf8());
    qputenv("HOME", m_home->path().toUtf8());
}

void TestAutostart::cleanup()
{
    m_config.reset();
    m_home.reset();
}

void TestAutostart::writesAndRemovesTheEntry()
{
    const QString entry =
        QDir(m_config->path()).filePath(QStringLiteral("autostart/io.github.burnrate.Burnrate.desktop"));
    QCOMPARE(Autostart::entryPath(), entry);
    Autostart autostart(QStringLiteral("/opt/Burn \"rate\"/bin/burn%rate$x"));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(autostart.isEnabled());
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
    QVERIFY(text.contains(QStringLiteral("\nType=Application\n")));
    QVERIFY2(text.contains(QStringLiteral("\nExec=\"/opt/Burn \\\\\"rate\\\\\"/bin/burn%%rate\\\\$x\"\n")),
             qPrintable(text));
    file.close();
    QVERIFY(autostart.setEnabled(true).ok()); // again: still one entry
    QVERIFY(autostart.setEnabled(false).ok());
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false).ok()); // removing what is not there is fine
}

void TestAutostart::relativeXdgConfigHomeIsIgnored()
{
    qputenv("XDG_CONFIG_HOME", "relative/config");
    QCOMPARE(Autostart::entryPath(),
             QDir(m_home->path()).filePath(QStringLiteral(".config/autostart/io.github.burnrate.Burnrate.desktop")));
    qunsetenv("XDG_CONFIG_HOME");
    QCOMPARE(Autostart::entryPath(),
             QDir(m_home->path()).filePath(QStringLiteral(".config/autostart/io.github.burnrate.Burnrate.desktop")));
    Autostart autostart(QStringLiteral("/usr/bin/burnrate"));
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(QFile::exists(
        QDir(m_home->path()).filePath(QStringLiteral(".config/autostart/io.github.burnrate.Burnrate.desktop"))));
}

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart_linux.moc"
