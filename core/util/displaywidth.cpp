#include "util/displaywidth.h"

#include <QChar>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <iterator>

namespace burnrate {

namespace {

struct Range
{
    char32_t first;
    char32_t last;
};

// The code points Unicode's EastAsianWidth.txt gives "W" (wide) or "F" (fullwidth), as ranges (Unicode 14, with the
// blocks' unassigned code points joined to the ranges around them, and the CJK planes 2 and 3, which default to W,
// whole). Emoji whose default presentation is emoji (Emoji_Presentation) are wide, and all of them are here.
constexpr Range Wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x3247},   {0x3250, 0x4DBF},   {0x4E00, 0xA4C6},   {0xA960, 0xA97C},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAD9},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6B},   {0xFF01, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x16FE0, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393},
    {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
    {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5},
    {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

bool isWide(char32_t c)
{
    const auto *it =
        std::upper_bound(std::begin(Wide), std::end(Wide), c, [](char32_t v, const Range &r) { return v < r.first; });
    return it != std::begin(Wide) && c <= std::prev(it)->last;
}

bool isRegionalIndicator(char32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

// Takes no column of its own: combining marks, format characters (zero-width space and joiners, direction marks,
// variation selectors are marks) and controls.
bool isZeroWidth(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Other_Control:
        return true;
    default:
        return false;
    }
}

constexpr char32_t EmojiPresentation = 0xFE0F;

// One grapheme cluster: its first code point that takes a column decides (a cluster may start with marks or a
// prepended format character); U+FE0F asks for an emoji's presentation, which is wide.
int clusterWidth(QStringView cluster)
{
    int width = 0;
    for (qsizetype i = 0; i < cluster.size(); ++i) {
        char32_t c = cluster[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < cluster.size() && cluster[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(cluster[i], cluster[i + 1]);
            ++i;
        }
        if (width == 0 && !isZeroWidth(c)) {
            width = isWide(c) || isRegionalIndicator(c) ? 2 : 1;
        } else if (c == EmojiPresentation && width == 1) {
            width = 2;
        }
    }
    return width;
}

bool isPlainAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7F; });
}

// Calls `f(cluster)` for each grapheme cluster of `text`, in order, until it returns false.
template <typename F>
void forEachCluster(QStringView text, F f)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text.data(), text.size());
    qsizetype start = 0;
    for (qsizetype end = finder.toNextBoundary(); end != -1; end = finder.toNextBoundary()) {
        if (!f(text.mid(start, end - start))) {
            return;
        }
        start = end;
    }
}

} // namespace

int displayWidth(QStringView text)
{
    if (isPlainAscii(text)) {
        return static_cast<int>(text.size());
    }
    int width = 0;
    forEachCluster(text, [&width](QStringView cluster) {
        width += clusterWidth(cluster);
        return true;
    });
    return width;
}

QString elideToWidth(const QString &text, int maxColumns)
{
    if (displayWidth(text) <= maxColumns) {
        return text;
    }
    if (maxColumns <= 0) {
        return QString();
    }
    const int room = maxColumns - 1; // the ellipsis takes one column
    qsizetype keep = 0;
    int used = 0;
    forEachCluster(text, [&](QStringView cluster) {
        const int w = clusterWidth(cluster);
        if (used + w > room) {
            return false;
        }
        used += w;
        keep += cluster.size();
        return true;
    });
    return text.left(keep) + QChar(0x2026);
}

QString padToWidth(const QString &text, int columns, bool alignLeft)
{
    const int missing = columns - displayWidth(text);
    if (missing <= 0) {
        return text;
    }
    const QString spaces(missing, QLatin1Char(' '));
    return alignLeft ? text + spaces : spaces + text;
}

} // namespace burnrate
