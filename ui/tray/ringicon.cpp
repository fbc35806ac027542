#include "ui/tray/ringicon.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace burnrate::ui {

namespace {

const QColor Neutral(61, 123, 217);
const QColor Good(46, 157, 91);
const QColor Caution(224, 161, 0);
const QColor Warning(235, 110, 20);
const QColor Over(214, 69, 65);
const QColor Track(128, 128, 128, 110);
const QColor Paused(140, 140, 140);
const QColor TemplateTrack(0, 0, 0, 90);
const QColor TemplateInk(0, 0, 0, 255);

// Two upright bars in the middle of the ring, on whole pixels so that they stay sharp at 16 px.
void drawPauseMark(QPainter &painter, int pixels, const QColor &colour)
{
    const int barWidth = std::max(2, static_cast<int>(std::lround(pixels * 0.11)));
    const int gap = std::max(1, static_cast<int>(std::lround(pixels * 0.07)));
    const int height = std::max(4, static_cast<int>(std::lround(pixels * 0.36)));
    const int left = (pixels - (2 * barWidth + gap)) / 2;
    const int top = (pixels - height) / 2;
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRect(left, top, barWidth, height), colour);
    painter.fillRect(QRect(left + barWidth + gap, top, barWidth, height), colour);
}

} // namespace

QColor ringTone(std::optional<qreal> fraction)
{
    if (!fraction) {
        return Neutral;
    }
    if (*fraction >= 1.0) {
        return Over;
    }
    if (*fraction >= 0.8) {
        return Warning;
    }
    return *fraction >= 0.5 ? Caution : Good;
}

QImage renderRing(int pixels, const RingState &state)
{
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);

    const bool mono = state.style == RingStyle::Template;
    const QColor ink = mono ? TemplateInk : (state.paused ? Paused : ringTone(state.fraction));

    // A whole number of pixels for the stroke, and a centre on the pixel grid, keep small sizes sharp.
    const qreal stroke = std::max<qreal>(2.0, std::round(pixels / 6.0));
    const qreal inset = stroke / 2.0 + std::max<qreal>(0.5, std::floor(pixels / 32.0));
    const QRectF rect(inset, inset, pixels - 2 * inset, pixels - 2 * inset);

    painter.setPen(QPen(mono ? TemplateTrack : Track, stroke));
    painter.drawEllipse(rect);

    const qreal filled = state.fraction ? std::clamp<qreal>(*state.fraction, 0.0, 1.0) : 1.0;
    if (filled > 0.0) {
        const bool whole = filled >= 1.0;
        painter.setPen(QPen(ink, stroke, Qt::SolidLine, whole ? Qt::FlatCap : Qt::RoundCap));
        if (whole) {
            painter.drawEllipse(rect);
        } else {
            // Qt angles are in 1/16 degree, counter-clockwise from three o'clock.
            painter.drawArc(rect, 90 * 16, -static_cast<int>(std::lround(filled * 360.0 * 16.0)));
        }
    }
    if (state.paused) {
        drawPauseMark(painter, pixels, ink);
    }
    return image;
}

QIcon ringIcon(const RingState &state)
{
    QIcon icon;
    for (int size : {16, 20, 22, 24, 32, 40, 44, 48, 64, 96, 128}) {
        icon.addPixmap(QPixmap::fromImage(renderRing(size, state)));
    }
    if (state.style == RingStyle::Template) {
        icon.setIsMask(true);
    }
    return icon;
}

} // namespace burnrate::ui
