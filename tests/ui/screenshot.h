#ifndef BURNRATE_TESTS_UI_SCREENSHOT_H
#define BURNRATE_TESTS_UI_SCREENSHOT_H

#include <QDir>
#include <QHash>
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
    const QString dir = QStringLiteral(BURNRATE_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    const QImage shot = window->screen()->grabWindow(window->winId()).toImage();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    QCOMPARE(shot.size(), window->size() * window->devicePixelRatio());
    QHash<QRgb, qint64> colours;
    for (int y = 0; y < shot.height(); y += 2) {
        for (int x = 0; x < shot.width(); x += 2) {
            ++colours[shot.pixel(x, y) & 0xFFFFFF];
        }
    }
    qint64 most = 0;
    qint64 total = 0;
    for (qint64 n : std::as_const(colours)) {
        most = std::max(most, n);
        total += n;
    }
    qInfo("%s: %dx%d, %lld colours", qPrintable(path), shot.width(), shot.height(), qint64(colours.size()));
    QVERIFY2(colours.size() >= 32, qPrintable(path));
    QVERIFY2((total - most) * 100 >= total * 3, qPrintable(path));
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_SCREENSHOT_H
