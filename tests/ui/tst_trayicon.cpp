// The tray icon on the harness's real tray host (trayer): it docks, its ring is drawn at run time and changes with
// the fill, its tooltip carries the month's spend, and a left click shows or hides the window.
#include "guitest.h"
#include "money/money.h"
#include "tray/ringicon.h"
#include "tray/trayicon.h"

#include <QDir>
#include <QMenu>
#include <QScreen>
#include <QSignalSpy>
#include <QTimer>
#include <QWidget>

namespace burnrate::test {

using ui::TrayIcon;

namespace {

struct PixelCounts
{
    qint64 visible = 0; // any alpha
    qint64 opaque = 0;  // alpha 255
    qint64 green = 0;
    qint64 amber = 0;
    qint64 red = 0;
    qint64 blue = 0;
};

PixelCounts countPixels(const QImage &image)
{
    PixelCounts c;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor px = image.pixelColor(x, y);
            if (px.alpha() == 0) {
                continue;
            }
            ++c.visible;
            c.opaque += px.alpha() == 255 ? 1 : 0;
            if (px.alpha() < 200 || px.saturation() < 120) {
                continue;
            }
            const int hue = px.hue();
            c.red += hue < 15 || hue > 345 ? 1 : 0;
            c.amber += hue >= 30 && hue < 55 ? 1 : 0;
            c.green += hue >= 100 && hue < 170 ? 1 : 0;
            c.blue += hue >= 200 && hue < 240 ? 1 : 0;
        }
    }
    return c;
}

QString screenshotPath(const QString &name)
{
    const QString dir = QStringLiteral(BURNRATE_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

} // namespace

class TrayIconTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ringChangesWithTheFill_data();
    void ringChangesWithTheFill();
    void ringColours();
    void iconHasEverySize();
    void showsOnTheRealTray();
    void toolTipCarriesTheSpend();
    void leftClickTogglesTheWindow();
    void menuOpensAndQuits();
};

void TrayIconTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QSystemTrayIcon::isSystemTrayAvailable(), "no system tray on DISPLAY");
}

void TrayIconTest::ringChangesWithTheFill_data()
{
    QTest::addColumn<int>("pixels");
    for (int size : {16, 22, 32, 64}) {
        QTest::addRow("%d px", size) << size;
    }
}

void TrayIconTest::ringChangesWithTheFill()
{
    QFETCH(int, pixels);
    const QImage empty = ui::renderRing(pixels, 0.0);
    const QImage sixty = ui::renderRing(pixels, 0.6);
    const QImage full = ui::renderRing(pixels, 1.0);
    for (const QImage *image : {&empty, &sixty, &full}) {
        QCOMPARE(image->size(), QSize(pixels, pixels));
    }
    QVERIFY(empty != sixty);
    QVERIFY(sixty != full);
    QVERIFY(empty != full);
    if (pixels == 32) {
        empty.save(screenshotPath(QStringLiteral("tray-ring-0.png")));
        sixty.save(screenshotPath(QStringLiteral("tray-ring-60.png")));
        full.save(screenshotPath(QStringLiteral("tray-ring-100.png")));
    }

    const PixelCounts e = countPixels(empty);
    const PixelCounts s = countPixels(sixty);
    const PixelCounts f = countPixels(full);
    // The empty ring is only the faint track; 60 % is green over part of it; 100 % is a red ring all round.
    QCOMPARE(e.green + e.amber + e.red, 0);
    QVERIFY(e.visible > 0);
    QVERIFY(s.green > 0);
    QCOMPARE(s.red, 0);
    QVERIFY(f.red > s.green);
    // Crisp even at 16 px: a solid stroke of fully opaque pixels, not a blur.
    QVERIFY2(f.opaque >= pixels * 2, qPrintable(QString::number(f.opaque)));
    // The ring is a ring: the centre stays transparent.
    QCOMPARE(full.pixelColor(pixels / 2, pixels / 2).alpha(), 0);
    QCOMPARE(sixty.pixelColor(pixels / 2, pixels / 2).alpha(), 0);
}

void TrayIconTest::ringColours()
{
    QVERIFY(countPixels(ui::renderRing(32, 0.85)).amber > 0);
    QCOMPARE(countPixels(ui::renderRing(32, 0.85)).red, 0);
    QVERIFY(countPixels(ui::renderRing(32, 1.7)).red > 0);
    QCOMPARE(ui::renderRing(32, 1.7), ui::renderRing(32, 1.0));
    QCOMPARE(ui::renderRing(32, -1.0), ui::renderRing(32, 0.0));
    // No budget: a neutral blue ring.
    const PixelCounts none = countPixels(ui::renderRing(32, std::nullopt));
    QVERIFY(none.blue > 0);
    QCOMPARE(none.green + none.amber + none.red, 0);
}

void TrayIconTest::iconHasEverySize()
{
    const QIcon icon = ui::ringIcon(0.6);
    const QList<QSize> sizes = icon.availableSizes();
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        // Each size is its own drawing, not a scaled copy of another.
        QCOMPARE(icon.pixmap(QSize(size, size), 1.0).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied),
                 ui::renderRing(size, 0.6));
    }
}

void TrayIconTest::showsOnTheRealTray()
{
    QApplication::setQuitOnLastWindowClosed(true);
    QWidget window;
    TrayIcon tray(&window);
    QSignalSpy visible(&tray, &TrayIcon::visibleChanged);
    QVERIFY(!tray.isVisible());
    QVERIFY(tray.show());
    QVERIFY(tray.isVisible());
    QCOMPARE(visible.count(), 1);
    // With an icon to come back through, closing the window must not quit the app.
    QVERIFY(!QApplication::quitOnLastWindowClosed());

    // Docked: trayer reparented the icon into its panel at the top right of the 1280x1024 screen.
    QSystemTrayIcon *icon = tray.systemTrayIcon();
    const auto isDocked = [icon] {
        const QRect g = icon->geometry();
        return !g.isEmpty() && g.left() >= 1280 - 200 && g.bottom() < 40;
    };
    QTRY_VERIFY_WITH_TIMEOUT(isDocked(), 5000);

    // The ring really is on screen: the tray area, grabbed from the X server, shows its colour.
    tray.setBudgetFraction(0.6);
    QScreen *screen = QGuiApplication::primaryScreen();
    const QRect area = icon->geometry();
    QImage shot;
    QTRY_VERIFY_WITH_TIMEOUT(
        countPixels(shot = screen->grabWindow(0, area.x(), area.y(), area.width(), area.height()).toImage()).green > 0,
        5000);
    shot.save(screenshotPath(QStringLiteral("tray-docked-60.png")));
    tray.setBudgetFraction(1.2);
    QTRY_VERIFY_WITH_TIMEOUT(
        countPixels(shot = screen->grabWindow(0, area.x(), area.y(), area.width(), area.height()).toImage()).red > 0,
        5000);
    shot.save(screenshotPath(QStringLiteral("tray-docked-over.png")));
    QApplication::setQuitOnLastWindowClosed(true);
}

void TrayIconTest::toolTipCarriesTheSpend()
{
    QWidget window;
    TrayIcon tray(&window);
    tray.setSpend(1'234'560'000, 98'765'000'000);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("today $1.23")), qPrintable(tray.toolTip()));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("month $98.77")), qPrintable(tray.toolTip()));
    QCOMPARE(tray.systemTrayIcon()->toolTip(), tray.toolTip());
    tray.setBudgetFraction(0.42);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("42 %")), qPrintable(tray.toolTip()));
}

void TrayIconTest::leftClickTogglesTheWindow()
{
    QWidget window;
    window.resize(300, 200);
    TrayIcon tray(&window);
    QVERIFY(tray.show());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Trigger);
    QVERIFY(!window.isVisible());
    Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Trigger);
    QVERIFY(window.isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // A right click opens the menu (Qt does that); it must not toggle the window.
    Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Context);
    QVERIFY(window.isVisible());
    window.showMinimized();
    Q_EMIT tray.systemTrayIcon()->activated(QSystemTrayIcon::Trigger);
    QVERIFY(window.isVisible());
    QVERIFY(!window.isMinimized());
    QApplication::setQuitOnLastWindowClosed(true);
}

void TrayIconTest::menuOpensAndQuits()
{
    QWidget window;
    TrayIcon tray(&window);
    QVERIFY(tray.menu());
    QCOMPARE(tray.systemTrayIcon()->contextMenu(), tray.menu());
    QStringList texts;
    QAction *open = nullptr;
    QAction *quit = nullptr;
    for (QAction *a : tray.menu()->actions()) {
        if (a->isSeparator()) {
            continue;
        }
        texts << a->text();
        if (a->text() == QLatin1String("Open Burnrate")) {
            open = a;
        } else if (a->text() == QLatin1String("Quit")) {
            quit = a;
        }
    }
    QCOMPARE(texts, QStringList({QStringLiteral("Open Burnrate"), QStringLiteral("Quit")}));
    QVERIFY(open && quit);
    QVERIFY(!window.isVisible());
    open->trigger();
    QVERIFY(window.isVisible());
    open->trigger(); // "Open" never hides
    QVERIFY(window.isVisible());

    // "Quit" ends the application's event loop (exit code 0); the fallback would end it with 1.
    QTimer::singleShot(0, quit, &QAction::trigger);
    QTimer fallback;
    fallback.setSingleShot(true);
    connect(&fallback, &QTimer::timeout, qApp, [] { QCoreApplication::exit(1); });
    fallback.start(5000);
    QCOMPARE(QCoreApplication::exec(), 0);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::TrayIconTest)
#include "tst_trayicon.moc"
