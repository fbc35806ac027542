#include "tray/ringicon.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace burnrate::ui {

namespace {

const QColor Neutral(61, 123, 217);
const QColor Good(46, 157, 91);
const QColor Warning(224, 161, 0);
const QColor Over(214, 69, 65);
const QColor Track(128, 128, 128, 110);

QColor toneOf(std::optional<qreal> fraction)
{
    if (!fraction) {
        return Neutral;
    }
    if (*fraction >= 1.0) {
        return Over;
    }
    return *fraction >= 0.8 ? Warning : Good;
}

} // namespace

QImage renderRing(int pixels, std::optional<qreal> fraction)
{
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);

    // A whole number of pixels for the stroke, and a centre on the pixel grid, keep small sizes sharp.
    const qreal stroke = std::max<qreal>(2.0, std::round(pixels / 6.0));
    const qreal inset = stroke / 2.0 + std::max<qreal>(0.5, std::floor(pixels / 32.0));
    const QRectF rect(inset, inset, pixels - 2 * inset, pixels - 2 * inset);

    painter.setPen(QPen(Track, stroke));
    painter.drawEllipse(rect);

    const qreal filled = fraction ? std::clamp<qreal>(*fraction, 0.0, 1.0) : 1.0;
    if (filled <= 0.0) {
        return image;
    }
    const bool whole = filled >= 1.0;
    QPen arc(toneOf(fraction), stroke, Qt::SolidLine, whole ? Qt::FlatCap : Qt::RoundCap);
    painter.setPen(arc);
    if (whole) {
        painter.drawEllipse(rect);
    } else {
        // Qt angles are in 1/16 degree, counter-clockwise from three o'clock.
        painter.drawArc(rect, 90 * 16, -static_cast<int>(std::lround(filled * 360.0 * 16.0)));
    }
    return image;
}

QIcon ringIcon(std::optional<qreal> fraction)
{
    QIcon icon;
    for (int size : {16, 20, 22, 24, 32, 48, 64, 128}) {
        icon.addPixmap(QPixmap::fromImage(renderRing(size, fraction)));
    }
    return icon;
}

} // namespace burnrate::ui
