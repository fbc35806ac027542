// The application's identity: one reverse-DNS id, and the program to start again, which is the AppImage file when
// Burnrate runs from one.
#include "util/appinfo.h"

#include <QTest>

using namespace burnrate;

class TestAppInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idAndVersion();
    void launcherIsTheAppImageWhenThereIsOne();
};

void TestAppInfo::idAndVersion()
{
    QCOMPARE(appId(), QStringLiteral("io.github.burnrate.Burnrate"));
    QVERIFY(!appVersion().isEmpty());
}

void TestAppInfo::launcherIsTheAppImageWhenThereIsOne()
{
    const QString mounted = QStringLiteral("/tmp/.mount_BurnraXYZ/usr/bin/burnrate");
    qunsetenv("APPIMAGE");
    QCOMPARE(launcherPath(mounted), mounted);
    qputenv("APPIMAGE", "/opt/apps/Burnrate-x86_64.AppImage");
    QCOMPARE(launcherPath(mounted), QStringLiteral("/opt/apps/Burnrate-x86_64.AppImage"));
    qputenv("APPIMAGE", "");
    QCOMPARE(launcherPath(mounted), mounted);
    qunsetenv("APPIMAGE");
}

QTEST_GUILESS_MAIN(TestAppInfo)
#include "tst_appinfo.moc"
