#ifndef BURNRATE_CORE_CLI_TEXTTABLE_H
#define BURNRATE_CORE_CLI_TEXTTABLE_H

#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace burnrate::cli::detail {

// Plain-text columns: the first `leftColumns` are left-aligned, the rest right-aligned.
class TextTable
{
public:
    TextTable(QStringList header, int leftColumns)
        : m_header(std::move(header))
        , m_left(leftColumns)
    {}
    void add(QStringList row) { m_rows.append(std::move(row)); }
    void addRule() { m_rows.append(QStringList()); }

    QString render() const
    {
        QList<qsizetype> width(m_header.size(), 0);
        const auto measure = [&](const QStringList &r) {
            for (qsizetype i = 0; i < r.size() && i < width.size(); ++i) {
                width[i] = std::max(width[i], r.at(i).size());
            }
        };
        measure(m_header);
        for (const auto &r : m_rows) {
            measure(r);
        }
        qsizetype total = 0;
        for (auto w : width) {
            total += w + 2;
        }
        QString out = line(m_header, width) + QString(total - 2, QLatin1Char('-')) + QLatin1Char('\n');
        for (const auto &r : m_rows) {
            out += r.isEmpty() ? QString(total - 2, QLatin1Char('-')) + QLatin1Char('\n') : line(r, width);
        }
        return out;
    }

private:
    QString line(const QStringList &r, const QList<qsizetype> &width) const
    {
        QString out;
        for (qsizetype i = 0; i < width.size(); ++i) {
            const QString cell = i < r.size() ? r.at(i) : QString();
            out += i < m_left ? cell.leftJustified(width[i]) : cell.rightJustified(width[i]);
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
    int m_left;
    QList<QStringList> m_rows;
};

} // namespace burnrate::cli::detail

#endif // BURNRATE_CORE_CLI_TEXTTABLE_H
