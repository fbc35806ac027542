// The autostart entry on macOS: a LaunchAgent property list under ~/Library/LaunchAgents that starts the executable
// at login, with the path escaped as XML text, and removed again.
#include "util/autostart.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace burnrate;

class TestAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void writesAndRemovesTheLaunchAgent();

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestAutostart::init()
{
    QVERIFY(Autostart::supported());
    m_home = std::make_unique<QTemporaryDir>();
    qputenv("HOME", m_home->path().toUtf8());
}

void TestAutostart::cleanup()
{
    m_home.reset();
}

void TestAutostart::writesAndRemovesTheLaunchAgent()
{
    const QString entry =
        QDir(m_home->path()).filePath(QStringLiteral("Library/LaunchAgents/io.github.burnrate.Burnrate.plist"));
    QCOMPARE(Autostart::entryPath(), entry);
    const QString executable = QStringLiteral("/Applications/Burn & <rate>.app/Contents/MacOS/Burnrate");
    Autostart autostart(executable);
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(autostart.isEnabled());

    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QStringLiteral("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\"")), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("<key>RunAtLoad</key>\\s*<true/>"))), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(
                 QStringLiteral("<key>Label</key>\\s*<string>io\\.github\\.burnrate\\.Burnrate</string>"))),
             qPrintable(text));

    // Read back as XML: the one program argument is the executable, unescaped.
    QXmlStreamReader xml(text);
    QString lastKey;
    QStringList arguments;
    bool inArguments = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("key")) {
            lastKey = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("array")) {
            inArguments = lastKey == QLatin1String("ProgramArguments");
        } else if (xml.isEndElement() && xml.name() == QLatin1String("array")) {
            inArguments = false;
        } else if (inArguments && xml.isStartElement() && xml.name() == QLatin1String("string")) {
            arguments.append(xml.readElementText());
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(arguments, QStringList{executable});
    file.close();

    QVERIFY(autostart.setEnabled(true).ok()); // again: still one entry
    QVERIFY(autostart.setEnabled(false).ok());
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false).ok()); // removing what is not there is fine
}

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart_mac.moc"
