#ifndef BURNRATE_CORE_UTIL_DISPLAYWIDTH_H
#define BURNRATE_CORE_UTIL_DISPLAYWIDTH_H

#include <QString>
#include <QStringView>

namespace burnrate {

// The width of text in a terminal's columns, for the command line's text tables. Text is measured by grapheme
// cluster (what a reader sees as one character: "e" + a combining accent, a flag, an emoji with a skin tone or a
// ZWJ family): a cluster whose base is East Asian Wide or Fullwidth (CJK, and emoji, which Unicode presents wide) or
// that asks for emoji presentation (U+FE0F), and a flag, take 2 columns; a cluster that is only combining marks,
// format characters (zero-width space, joiners, direction marks) or controls takes none; every other takes 1.
// East Asian Ambiguous characters take 1, as in a terminal outside CJK locales.

// The columns `text` takes.
int displayWidth(QStringView text);

// `text` when it fits `maxColumns`; otherwise its leading clusters that fit maxColumns - 1 columns followed by "…"
// (one column). Never splits a cluster; the result may be a column short when a wide cluster does not fit.
QString elideToWidth(const QString &text, int maxColumns);

// `text` padded with spaces to `columns` display columns, on the right (left-aligned) or on the left.
QString padToWidth(const QString &text, int columns, bool alignLeft);

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_DISPLAYWIDTH_H
