// The tray icon on the harness's real tray host (trayer): it docks, its ring is drawn at run time and changes
// colour at each threshold (checked on the pixels grabbed from the X server), turns grey with a pause mark while
// sync is paused or failing, has a monochrome template variant, and its tooltip and menu say what they should.
#include "guitest.h"
#include "money/money.h"
#include "screenshots.h"
#include "ui/appicon.h"
#include "ui/tray/ringicon.h"
#include "ui/tray/trayicon.h"
#include "util/clock.h"

#include <QDir>
#include <QMenu>
#include <QScreen>
#include <QSignalSpy>
#include <QTimeZone>
#include <QTimer>
#include <QWidget>

namespace burnrate::test {

using ui::RingState;
using ui::RingStyle;
using ui::TrayIcon;

namespace {

struct PixelCounts
{
    qint64 visible = 0; // any alpha
    qint64 opaque = 0;  // alpha 255
    qint64 green = 0;
    qint64 amber = 0;
    qint64 orange = 0;
    qint64 red = 0;
    qint64 blue = 0;
    qint64 grey = 0; // opaque, unsaturated, mid-grey
    qint64 coloured() const { return green + amber + orange + red + blue; }
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
            if (px.alpha() < 200) {
                continue;
            }
            if (px.saturation() < 30 && px.value() >= 110 && px.value() <= 170) {
                ++c.grey;
            }
            if (px.saturation() < 120) {
                continue;
            }
            const int hue = px.hue();
            c.red += hue < 12 || hue > 345 ? 1 : 0;
            c.orange += hue >= 18 && hue < 33 ? 1 : 0;
            c.amber += hue >= 36 && hue < 55 ? 1 : 0;
            c.green += hue >= 100 && hue < 170 ? 1 : 0;
            c.blue += hue >= 200 && hue < 240 ? 1 : 0;
        }
    }
    return c;
}

} // namespace

class TrayIconTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ringColourAtEachThreshold_data();
    void ringColourAtEachThreshold();
    void ringIsCrispAndARing_data();
    void ringIsCrispAndARing();
    void pausedRingIsGreyWithAPauseMark();
    void templateRingIsMonochrome();
    void iconHasEverySizeAndHighDpi();
    void dockedIconChangesColourAtEachThreshold();
    void toolTipCarriesTodayBudgetForecastAndSync();
    void noBudgetShowsTheAppIcon();
    void leftClickTogglesTheWindow();
    void menuSyncPauseOpenQuit();

private:
    // Monday 2026-12-07 10:00 UTC: 23:00 the same day in Auckland (UTC+13).
    const FixedClock m_clock{QDateTime(QDate(2026, 12, 7), QTime(10, 0), Qt::UTC)};
};

void TrayIconTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QSystemTrayIcon::isSystemTrayAvailable(), "no system tray on DISPLAY");
}

void TrayIconTest::ringColourAtEachThreshold_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<QString>("tone");
    QTest::newRow("0 %") << 0.0 << "none";
    QTest::newRow("30 %") << 0.3 << "green";
    QTest::newRow("49.99 %") << 0.4999 << "green";
    QTest::newRow("50 %") << 0.5 << "amber";
    QTest::newRow("79.99 %") << 0.7999 << "amber";
    QTest::newRow("80 %") << 0.8 << "orange";
    QTest::newRow("99.99 %") << 0.9999 << "orange";
    QTest::newRow("100 %") << 1.0 << "red";
    QTest::newRow("170 %") << 1.7 << "red";
}

void TrayIconTest::ringColourAtEachThreshold()
{
    QFETCH(double, fraction);
    QFETCH(QString, tone);
    const PixelCounts c = countPixels(ui::renderRing(32, fraction));
    const QHash<QString, qint64> tones = {{QStringLiteral("green"), c.green},
                                          {QStringLiteral("amber"), c.amber},
                                          {QStringLiteral("orange"), c.orange},
                                          {QStringLiteral("red"), c.red}};
    QCOMPARE(c.blue, 0);
    for (auto it = tones.cbegin(); it != tones.cend(); ++it) {
        if (it.key() == tone) {
            QVERIFY2(it.value() > 0, qPrintable(it.key()));
        } else {
            QVERIFY2(it.value() == 0, qPrintable(it.key()));
        }
    }
    QVERIFY(c.visible > 0); // the track at least
}

void TrayIconTest::ringIsCrispAndARing_data()
{
    QTest::addColumn<int>("pixels");
    for (int size : {16, 22, 32, 64}) {
        QTest::addRow("%d px", size) << size;
    }
}

void TrayIconTest::ringIsCrispAndARing()
{
    QFETCH(int, pixels);
    const QImage empty = ui::renderRing(pixels, 0.0);
    const QImage part = ui::renderRing(pixels, 0.3);
    const QImage full = ui::renderRing(pixels, 1.0);
    for (const QImage *image : {&empty, &part, &full}) {
        QCOMPARE(image->size(), QSize(pixels, pixels));
    }
    QVERIFY(empty != part && part != full && empty != full);
    if (pixels == 32) {
        empty.save(screenshotPath(QStringLiteral("tray-ring-0.png")));
        part.save(screenshotPath(QStringLiteral("tray-ring-30.png")));
        full.save(screenshotPath(QStringLiteral("tray-ring-100.png")));
    }
    // Crisp even at 16 px: a solid stroke of fully opaque pixels, not a blur.
    QVERIFY2(countPixels(full).opaque >= pixels * 2, qPrintable(QString::number(countPixels(full).opaque)));
    // The ring is a ring: the centre stays transparent.
    QCOMPARE(full.pixelColor(pixels / 2, pixels / 2).alpha(), 0);
    QCOMPARE(part.pixelColor(pixels / 2, pixels / 2).alpha(), 0);
    // Over 100 % looks like 100 %, under 0 % like 0 %; no budget is a neutral blue ring.
    QCOMPARE(ui::renderRing(pixels, 1.7), full);
    QCOMPARE(ui::renderRing(pixels, -1.0), empty);
    const PixelCounts none = countPixels(ui::renderRing(pixels, std::nullopt));
    QVERIFY(none.blue > 0);
    QCOMPARE(none.green + none.amber + none.orange + none.red, 0);
}

void TrayIconTest::pausedRingIsGreyWithAPauseMark()
{
    for (int pixels : {16, 22, 32, 64}) {
        const QImage paused = ui::renderRing(pixels, RingState{0.9, true});
        const PixelCounts c = countPixels(paused);
        QCOMPARE(c.coloured(), 0);
        QVERIFY(c.grey > 0);
        // The pause mark fills the middle that is empty otherwise: two solid bars with a gap between them.
        int bars = 0;
        bool inBar = false;
        for (int x = 0; x < pixels; ++x) {
            const bool solid = paused.pixelColor(x, pixels / 2).alpha() == 255 && x > pixels / 4 && x < pixels * 3 / 4;
            bars += solid && !inBar ? 1 : 0;
            inBar = solid;
        }
        QVERIFY2(bars == 2, qPrintable(QStringLiteral("%1 px: %2 bars").arg(pixels).arg(bars)));
        if (pixels == 32) {
            paused.save(screenshotPath(QStringLiteral("tray-ring-paused.png")));
        }
    }
}

void TrayIconTest::templateRingIsMonochrome()
{
    const QImage part = ui::renderRing(32, RingState{0.6, false, RingStyle::Template});
    const QImage full = ui::renderRing(32, RingState{1.0, false, RingStyle::Template});
    QVERIFY(part != full);
    for (const QImage *image : {&part, &full}) {
        for (int y = 0; y < 32; ++y) {
            for (int x = 0; x < 32; ++x) {
                const QColor px = image->pixelColor(x, y);
                QVERIFY2(px.alpha() == 0 || (px.red() == 0 && px.green() == 0 && px.blue() == 0),
                         qPrintable(px.name(QColor::HexArgb)));
            }
        }
    }
    QVERIFY(countPixels(full).opaque >= 64);
    QVERIFY(ui::ringIcon(RingState{0.6, false, RingStyle::Template}).isMask());
    QVERIFY(!ui::ringIcon(RingState{0.6}).isMask());
}

void TrayIconTest::iconHasEverySizeAndHighDpi()
{
    const QIcon icon = ui::ringIcon(0.6);
    const QList<QSize> sizes = icon.availableSizes();
    for (int size : {16, 22, 24, 32, 44, 48, 64, 128}) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        // Each size is its own drawing, not a scaled copy of another.
        QCOMPARE(icon.pixmap(QSize(size, size), 1.0).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied),
                 ui::renderRing(size, 0.6));
    }
    // A 22 px tray slot on a 2× screen gets the 44 px drawing.
    const QPixmap hidpi = icon.pixmap(QSize(22, 22), 2.0);
    QCOMPARE(hidpi.size(), QSize(44, 44));
    QCOMPARE(hidpi.devicePixelRatio(), 2.0);
    QImage drawn = hidpi.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
    drawn.setDevicePixelRatio(1.0);
    QCOMPARE(drawn, ui::renderRing(44, 0.6));
}

void TrayIconTest::dockedIconChangesColourAtEachThreshold()
{
    QApplication::setQuitOnLastWindowClosed(true);
    QWidget window;
    TrayIcon tray(m_clock, &window);
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
    QScreen *screen = QGuiApplication::primaryScreen();
    const QRect area = icon->geometry();
    const auto grab = [&] {
        return screen->grabWindow(0, area.x(), area.y(), area.width(), area.height()).toImage();
    };

    // The ring on screen, grabbed from the X server, shows the colour of each band and only that one.
    struct Step
    {
        qreal fraction;
        const char *name;
        qint64 PixelCounts::*tone;
    };
    const Step steps[] = {{0.3, "green", &PixelCounts::green},
                          {0.6, "amber", &PixelCounts::amber},
                          {0.9, "orange", &PixelCounts::orange},
                          {1.0, "red", &PixelCounts::red},
                          {0.1, "green", &PixelCounts::green}};
    for (const Step &step : steps) {
        tray.setBudgetFraction(step.fraction);
        QImage shot;
        const auto shows = [&] {
            const PixelCounts c = countPixels(shot = grab());
            return c.*step.tone > 0 && c.coloured() == c.*step.tone;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(shows(), step.name, 5000);
        shot.save(screenshotPath(QStringLiteral("tray-docked-%1.png").arg(qRound(step.fraction * 100))));
    }
    // Paused: no colour at all; resumed: the colour is back.
    tray.setBudgetFraction(0.9);
    tray.setSyncPaused(true);
    QImage shot;
    QTRY_VERIFY_WITH_TIMEOUT(countPixels(shot = grab()).coloured() == 0 && countPixels(shot).grey > 0, 5000);
    shot.save(screenshotPath(QStringLiteral("tray-docked-paused.png")));
    tray.setSyncPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(countPixels(grab()).orange > 0, 5000);
    tray.setSyncFailing(true, QStringLiteral("the key was refused"));
    QTRY_VERIFY_WITH_TIMEOUT(countPixels(grab()).coloured() == 0, 5000);
    QApplication::setQuitOnLastWindowClosed(true);
}

void TrayIconTest::toolTipCarriesTodayBudgetForecastAndSync()
{
    QWidget window;
    TrayIcon tray(m_clock, &window);
    tray.setSpend(1'234'560'000, 98'765'000'000);
    QCOMPARE(tray.toolTip(), QStringLiteral("Burnrate — Today $1.23 · Month $98.77 · not synced yet"));
    QCOMPARE(tray.systemTrayIcon()->toolTip(), tray.toolTip());
    tray.setBudget(
        ui::TrayBudget{ui::TrayBudget::Period::Month, 80'410'000'000, 100'000'000'000, 8041, 131'010'000'000});
    QCOMPARE(tray.ringState().fraction, std::optional<qreal>(0.8041));
    QVERIFY2(tray.toolTip().startsWith(
                 QStringLiteral("Burnrate — Today $1.23 · Month $80.41 of $100 (80 %) · forecast $131 · ")),
             qPrintable(tray.toolTip()));
    // The time of the last sync, in the user's zone; the date too when it was not today there.
    tray.setTimeZone(QTimeZone::utc());
    tray.setLastSync(QDateTime(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC));
    QVERIFY2(tray.toolTip().contains(
                 QStringLiteral("· last sync %1").arg(QLocale().toString(QTime(9, 0), QLocale::ShortFormat))),
             qPrintable(tray.toolTip()));
    const QDateTime yesterdayUtc(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
    tray.setLastSync(yesterdayUtc);
    QVERIFY2(tray.toolTip().contains(
                 QStringLiteral("· last sync %1").arg(QLocale().toString(yesterdayUtc, QLocale::ShortFormat))),
             qPrintable(tray.toolTip()));
    const QTimeZone auckland("Pacific/Auckland");
    QVERIFY(auckland.isValid());
    tray.setTimeZone(auckland); // 01:00 on the 7th there: today
    QVERIFY2(tray.toolTip().contains(
                 QStringLiteral("· last sync %1").arg(QLocale().toString(QTime(1, 0), QLocale::ShortFormat))),
             qPrintable(tray.toolTip()));
    tray.setSyncFailing(true, QStringLiteral("the key was refused"));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("· sync failing: the key was refused ·")),
             qPrintable(tray.toolTip()));
    QVERIFY(tray.ringState().paused);
    tray.setSyncFailing(false);
    tray.setBudget(ui::TrayBudget{ui::TrayBudget::Period::Week, 5'000'000'000, 25'500'000'000, 1960, 20'000'000'000});
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Week $5.00 of $25.50 (19 %) · forecast $20.00")),
             qPrintable(tray.toolTip()));
    tray.setBudget(std::nullopt);
    QVERIFY(!tray.ringState().fraction);
}

void TrayIconTest::noBudgetShowsTheAppIcon()
{
    QWidget window;
    TrayIcon tray(m_clock, &window);
    const auto shows = [&tray](const QIcon &icon) {
        return tray.systemTrayIcon()->icon().pixmap(32).toImage() == icon.pixmap(32).toImage();
    };
    QVERIFY(shows(ui::appIcon())); // no budget yet
    tray.setBudgetFraction(0.3);
    QVERIFY(shows(ui::ringIcon(RingState{0.3})));
    tray.setBudgetFraction(std::nullopt);
    QVERIFY(shows(ui::appIcon()));
    tray.setSyncPaused(true); // paused: the grey ring with its pause mark, budget or not
    QVERIFY(shows(ui::ringIcon(RingState{std::nullopt, true})));
}

void TrayIconTest::leftClickTogglesTheWindow()
{
    QWidget window;
    window.resize(300, 200);
    TrayIcon tray(m_clock, &window);
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
    // Closing the window keeps the app: the last window closed does not quit while the icon is there.
    QVERIFY(!QApplication::quitOnLastWindowClosed());
    QApplication::setQuitOnLastWindowClosed(true);
}

void TrayIconTest::menuSyncPauseOpenQuit()
{
    QWidget window;
    TrayIcon tray(m_clock, &window);
    QVERIFY(tray.menu());
    QCOMPARE(tray.systemTrayIcon()->contextMenu(), tray.menu());
    QHash<QString, QAction *> byText;
    QStringList texts;
    for (QAction *a : tray.menu()->actions()) {
        if (!a->isSeparator()) {
            texts << a->text();
            byText.insert(a->text(), a);
        }
    }
    QCOMPARE(texts, QStringList({QStringLiteral("Open Burnrate"), QStringLiteral("Sync now"),
                                 QStringLiteral("Pause sync"), QStringLiteral("Quit")}));
    QSignalSpy syncNow(&tray, &TrayIcon::syncNowRequested);
    byText.value(QStringLiteral("Sync now"))->trigger();
    QCOMPARE(syncNow.count(), 1);

    // Pause sync: the ring goes grey, the item becomes "Resume sync", and the wish is announced.
    QSignalSpy paused(&tray, &TrayIcon::syncPausedChanged);
    QAction *pause = byText.value(QStringLiteral("Pause sync"));
    pause->trigger();
    QCOMPARE(paused.count(), 1);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    QVERIFY(tray.isSyncPaused() && tray.ringState().paused);
    QCOMPARE(pause->text(), QStringLiteral("Resume sync"));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("sync paused")), qPrintable(tray.toolTip()));
    pause->trigger();
    QCOMPARE(paused.count(), 2);
    QCOMPARE(pause->text(), QStringLiteral("Pause sync"));
    QVERIFY(!tray.ringState().paused);

    QAction *open = byText.value(QStringLiteral("Open Burnrate"));
    QVERIFY(!window.isVisible());
    open->trigger();
    QVERIFY(window.isVisible());
    open->trigger(); // "Open" never hides
    QVERIFY(window.isVisible());

    // "Quit" ends the application's event loop (exit code 0); the fallback would end it with 1.
    QTimer::singleShot(0, byText.value(QStringLiteral("Quit")), &QAction::trigger);
    QTimer fallback;
    fallback.setSingleShot(true);
    connect(&fallback, &QTimer::timeout, qApp, [] { QCoreApplication::exit(1); });
    fallback.start(5000);
    QCOMPARE(QCoreApplication::exec(), 0);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::TrayIconTest)
#include "tst_trayicon.moc"
