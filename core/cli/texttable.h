#ifndef BURNRATE_CORE_CLI_TEXTTABLE_H
#define BURNRATE_CORE_CLI_TEXTTABLE_H

#include "util/displaywidth.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace burnrate::cli::detail {

// Plain-text columns: the first `leftColumns` are left-aligned, the rest right-aligned. Widths are display columns
// (util/displaywidth.h: CJK and emoji take two), and a left-aligned cell longer than MaxTextWidth columns (a model
// name, a project's path) is cut to it with "…": the JSON and CSV outputs keep every value whole. Right-aligned cells
// are numbers and amounts, never cut.
class TextTable
{
public:
    static constexpr int MaxTextWidth = 40;

    TextTable(QStringList header, int leftColumns)
        : m_header(std::move(header))
        , m_left(m_header.size(), false)
    {
        for (qsizetype i = 0; i < leftColumns && i < m_left.size(); ++i) {
            m_left[i] = true;
        }
    }
    // Left-aligns one more column (one after the right-aligned ones).
    void setLeftAligned(qsizetype column) { m_left[column] = true; }
    // Draws no rule under the header.
    void setHeaderRule(bool rule) { m_headerRule = rule; }

    void add(QStringList row) { m_rows.append(std::move(row)); }
    void addRule() { m_rows.append(QStringList()); }

    QString render() const
    {
        QList<QStringList> cells;
        cells.reserve(m_rows.size() + 1);
        cells.append(fitted(m_header));
        for (const auto &r : m_rows) {
            cells.append(fitted(r));
        }
        QList<int> width(m_header.size(), 0);
        for (const auto &r : std::as_const(cells)) {
            for (qsizetype i = 0; i < r.size() && i < width.size(); ++i) {
                width[i] = std::max(width[i], displayWidth(r.at(i)));
            }
        }
        qsizetype total = 0;
        for (auto w : width) {
            total += w + 2;
        }
        const QString rule = QString(std::max<qsizetype>(total - 2, 0), QLatin1Char('-')) + QLatin1Char('\n');
        QString out = line(cells.first(), width);
        if (m_headerRule) {
            out += rule;
        }
        for (qsizetype r = 1; r < cells.size(); ++r) {
            out += cells.at(r).isEmpty() ? rule : line(cells.at(r), width);
        }
        return out;
    }

private:
    // The row with its left-aligned cells cut to MaxTextWidth.
    QStringList fitted(QStringList r) const
    {
        for (qsizetype i = 0; i < r.size() && i < m_left.size(); ++i) {
            if (m_left.at(i)) {
                r[i] = elideToWidth(r.at(i), MaxTextWidth);
            }
        }
        return r;
    }

    QString line(const QStringList &r, const QList<int> &width) const
    {
        QString out;
        for (qsizetype i = 0; i < width.size(); ++i) {
            const QString cell = i < r.size() ? r.at(i) : QString();
            out += padToWidth(cell, width[i], m_left.at(i));
            if (i + 1 < width.size()) {
                out += QStringLiteral("  ");
            }
        }
        while (out.endsWith(QLatin1Char(' '))) {
            out.chop(1);
        }
        return out + QLatin1Char('\n');
    }

    QStringList m_header;
    QList<bool> m_left;
    bool m_headerRule = true;
    QList<QStringList> m_rows;
};

} // namespace burnrate::cli::detail

#endif // BURNRATE_CORE_CLI_TEXTTABLE_H
