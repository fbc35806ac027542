#ifndef BURNRATE_TESTS_UI_SCREENSHOTS_H
#define BURNRATE_TESTS_UI_SCREENSHOTS_H

// Screenshots of the real windows: where they go (build/<preset>/screenshots/) and what is in them.

#include <QDir>
#include <QHash>
#include <QImage>
#include <QString>

#include <algorithm>

namespace burnrate::test {

inline QString screenshotPath(const QString &name)
{
    const QString dir = QStringLiteral(BURNRATE_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

// The colours of a screenshot: how many, and how much of it is the most common one (the background).
struct ShotColours
{
    QHash<QRgb, qint64> histogram; // RGB (no alpha) → pixels
    qint64 background = 0;         // pixels of the most common colour
    qint64 total = 0;

    explicit ShotColours(const QImage &shot)
        : total(qint64(shot.width()) * shot.height())
    {
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                ++histogram[shot.pixel(x, y) & 0xFFFFFF];
            }
        }
        for (auto it = histogram.cbegin(); it != histogram.cend(); ++it) {
            background = std::max(background, it.value());
        }
    }
    double offBackgroundPercent() const { return 100.0 * double(total - background) / double(total); }
    // Text, cards and tables: many colours (anti-aliased text) and a good part off the background (not one big
    // flat area, such as a black or white rectangle). Sparse dialogs pass lower bounds.
    bool looksDrawn(int minOffPercent = 15, int minColours = 64) const
    {
        return histogram.size() >= minColours && (total - background) * 100 >= total * minOffPercent;
    }
    QString describe() const
    {
        return QStringLiteral("%1 colours, %2 of %3 pixels off the background")
            .arg(histogram.size())
            .arg(total - background)
            .arg(total);
    }
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_SCREENSHOTS_H
