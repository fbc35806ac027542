#ifndef BURNRATE_UI_FORMAT_H
#define BURNRATE_UI_FORMAT_H

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace burnrate::ui {

// Number formatting shared by the views: the user's locale, always with digit grouping.
class Format final
{
    Q_DECLARE_TR_FUNCTIONS(Format)

public:
    static QLocale locale();
    // "1,234,567".
    static QString count(std::int64_t n);
    // "842", "12.3K", "4.56M", "1.2B".
    static QString compactCount(std::int64_t n);
    // "1 request", "1,234 requests".
    static QString requests(std::int64_t n);
    // The words for a ReportRow::provenance: "billed", "estimated", "from balance", "local estimate",
    // "subscription-equivalent".
    static QString provenance(const QString &id);
    // The distinct provenances of `ids`, in words, joined ("billed + local estimate").
    static QString provenances(const QStringList &ids);
    // An amount in nano-units of `currency`: "$12.30" for USD, "12.30 CNY" otherwise.
    static QString amount(std::int64_t nano, const QString &currency);
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_FORMAT_H
