#ifndef BURNRATE_TESTS_UI_SCREENSHOT_H
#define BURNRATE_TESTS_UI_SCREENSHOT_H

#include "screenshots.h"

#include <QImage>
#include <QScreen>
#include <QTest>
#include <QWidget>

namespace burnrate::test {

// Grabs a window from the X server, saves it as build/<preset>/screenshots/NAME.png, and checks that it is drawn: its
// size, many colours, and a good share of pixels off the background.
inline void checkScreenshot(QWidget *window, const QString &name)
{
    QTest::qWait(200); // the last paint reaches the server
    const QImage shot = window->screen()->grabWindow(window->winId()).toImage();
    const QString path = screenshotPath(name + QStringLiteral(".png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    QCOMPARE(shot.size(), window->size() * window->devicePixelRatio());
    const ShotColours colours(shot);
    qInfo("%s: %dx%d, %s", qPrintable(path), shot.width(), shot.height(), qPrintable(colours.describe()));
    QVERIFY2(colours.looksDrawn(3, 32), qPrintable(path + QStringLiteral(": ") + colours.describe()));
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_SCREENSHOT_H
