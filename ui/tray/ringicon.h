#ifndef BURNRATE_UI_TRAY_RINGICON_H
#define BURNRATE_UI_TRAY_RINGICON_H

#include <QColor>
#include <QIcon>
#include <QImage>

#include <optional>

namespace burnrate::ui {

// How the ring is drawn: in colour, or as a monochrome template (black with alpha) that macOS tints to suit
// the menu bar (QIcon::setIsMask).
enum class RingStyle
{
    Colour,
    Template
};

struct RingState
{
    std::optional<qreal> fraction; // the primary budget's use, 1.0 = 100 %; empty: no budget
    bool paused = false;           // sync paused or failing: grey, with a pause mark
    RingStyle style = RingStyle::Colour;
};

// The colour of the fill: green below 50 %, amber below 80 %, orange below 100 %, red at or above it; a
// neutral blue without a budget.
QColor ringTone(std::optional<qreal> fraction);

// The tray's budget ring, drawn at run time: a faint track, and an arc from twelve o'clock, clockwise, filled
// to the fraction of the budget. Without a fraction (no budget set) the whole ring is drawn in neutral blue.
QImage renderRing(int pixels, const RingState &state);
inline QImage renderRing(int pixels, std::optional<qreal> fraction)
{
    return renderRing(pixels, RingState{fraction});
}

// The ring at every usual tray size (16 to 64 px, and up to twice that for high-DPI screens), each drawn at
// its own size so that lines stay crisp. A template ring is marked as a mask.
QIcon ringIcon(const RingState &state);
inline QIcon ringIcon(std::optional<qreal> fraction)
{
    return ringIcon(RingState{fraction});
}

} // namespace burnrate::ui

#endif // BURNRATE_UI_TRAY_RINGICON_H
