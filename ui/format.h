#ifndef BURNRATE_UI_FORMAT_H
#define BURNRATE_UI_FORMAT_H

#include "ledger/eventrecord.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVariant>

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
    // "2026-11-02 19:00" in `zone`.
    static QString dateTime(std::int64_t utcMs, const QTimeZone &zone);
    // "$12.34", or "$0.0342" below a dollar (per-request amounts are small).
    static QString cost(std::int64_t nano);
    // cost(nano) when the amount applies to the row, else "—" (e.g. spend of subscription usage).
    static QString costIf(bool applies, std::int64_t nano);
    // "1,000 input · 20 cache read · 0 cache write · 50 output (10 reasoning)".
    static QString tokenBreakdown(const TokenCounts &t);
    // The note on unpriced requests: "3 requests without a price: counted, but not in the amount".
    static QString unpricedNote(std::int64_t requests);
    // Why subscription value is not spend.
    static QString subscriptionValueNote();
    // The cell alignment of a table column: numbers right, text left.
    static QVariant alignment(bool numeric);
    // "42.0 %" of part in whole; "—" when whole is 0.
    static QString percent(std::int64_t part, std::int64_t whole);
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
