#ifndef BURNRATE_TESTS_UI_SCREENSHOT_H
#define BURNRATE_TESTS_UI_SCREENSHOT_H

// Screenshots of a real top-level window from the X server of the harness, saved under
// ${CMAKE_BINARY_DIR}/screenshots/ and checked to be drawn: the expected size, many colours, and neither one flat
// area nor nothing but background.

#include <QDir>
#include <QHash>
#include <QImage>
#include <QScreen>
#include <QTest>
#include <QWidget>

namespace burnrate::test {

struct ShotStats
{
    qsizetype colours = 0;
    double offBackgroundPercent = 0; // pixels not of the most common colour
};

inline ShotStats shotStats(const QImage &shot)
{
    QHash<QRgb, qint64> histogram;
    for (int y = 0; y < shot.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(shot.constScanLine(y));
        for (int x = 0; x < shot.width(); ++x) {
            ++histogram[line[x] & 0xFFFFFF];
        }
    }
    qint64 most = 0;
    for (const qint64 n : std::as_const(histogram)) {
        most = std::max(most, n);
    }
    const qint64 total = qint64(shot.width()) * shot.height();
    return {histogram.size(), total > 0 ? 100.0 * double(total - most) / double(total) : 0.0};
}

// Grabs `window` (shown, top level) as the X server has it, saves it as `name` and checks it. Returns the path.
inline QString checkedScreenshot(QWidget *window, const QString &name)
{
    const QString dir = QStringLiteral(BURNRATE_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name);
    QScreen *screen = window->screen();
    if (!screen) {
        qWarning("no screen");
        return {};
    }
    const QSize expected = window->size() * window->devicePixelRatio();
    QImage shot;
    QTest::qWait(50);
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT((shot = screen->grabWindow(window->winId()).toImage()).size() == expected, 5000);
    }();
    shot = shot.convertToFormat(QImage::Format_RGB32);
    if (!shot.save(path)) {
        qWarning("cannot save %s", qPrintable(path));
        return {};
    }
    const ShotStats stats = shotStats(shot);
    qInfo("screenshot: %s (%dx%d), %lld colours, %.1f %% off the background", qPrintable(path), shot.width(),
          shot.height(), qint64(stats.colours), stats.offBackgroundPercent);
    if (shot.size() != expected || stats.colours < 32 || stats.offBackgroundPercent < 5 ||
        stats.offBackgroundPercent > 90) {
        qWarning("the screenshot looks blank or flat");
        return {};
    }
    return path;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_SCREENSHOT_H
