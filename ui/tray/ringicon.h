#ifndef BURNRATE_UI_TRAY_RINGICON_H
#define BURNRATE_UI_TRAY_RINGICON_H

#include <QIcon>
#include <QImage>

#include <optional>

namespace burnrate::ui {

// The tray's budget ring, drawn at run time: a faint track, and an arc from twelve o'clock,
// clockwise, filled to `fraction` of the budget, green below 80 %, amber below 100 %, red at or
// above it. Without a fraction (no budget set) the whole ring is drawn in a neutral blue.
QImage renderRing(int pixels, std::optional<qreal> fraction);

// The ring at every usual tray size (16 to 64 px, and twice that for high-DPI screens), each drawn
// at its own size so that lines stay crisp.
QIcon ringIcon(std::optional<qreal> fraction);

} // namespace burnrate::ui

#endif // BURNRATE_UI_TRAY_RINGICON_H
