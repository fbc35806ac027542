#ifndef BURNRATE_TESTS_UI_SCREENSHOT_H
#define BURNRATE_TESTS_UI_SCREENSHOT_H

// Screenshots of a real top-level window as the X server of the harness has it, saved under
// ${CMAKE_BINARY_DIR}/screenshots/ and checked to be drawn: the expected size, many colours, and a good share of
// pixels off the background.

#include "screenshots.h"

#include <QImage>
#include <QScreen>
#include <QTest>
#include <QWidget>

namespace burnrate::test {

// Grabs `window` (shown, top level), saves it as `name` (with its extension) and checks it. Returns the path, or
// an empty string (with a warning saying why) when the picture is missing, of the wrong size or looks blank.
inline QString checkedScreenshot(QWidget *window, const QString &name, int minOffPercent = 3)
{
    QScreen *screen = window->screen();
    if (!screen) {
        qWarning("no screen");
        return {};
    }
    const QSize expected = window->size() * window->devicePixelRatio();
    QImage shot;
    QTest::qWait(200); // the last paint reaches the server
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT((shot = screen->grabWindow(window->winId()).toImage()).size() == expected, 5000);
    }();
    const QString path = screenshotPath(name);
    if (!shot.save(path)) {
        qWarning("cannot save %s", qPrintable(path));
        return {};
    }
    const ShotColours colours(shot);
    qInfo("screenshot: %s (%dx%d), %s", qPrintable(path), shot.width(), shot.height(), qPrintable(colours.describe()));
    if (shot.size() != expected || !colours.looksDrawn(minOffPercent, 32)) {
        qWarning("%s looks blank or flat", qPrintable(path));
        return {};
    }
    return path;
}

inline void checkScreenshot(QWidget *window, const QString &name)
{
    QVERIFY(!checkedScreenshot(window, name + QStringLiteral(".png")).isEmpty());
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_SCREENSHOT_H
