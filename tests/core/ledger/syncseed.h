#ifndef BURNRATE_TESTS_CORE_LEDGER_SYNCSEED_H
#define BURNRATE_TESTS_CORE_LEDGER_SYNCSEED_H

// Provider sync data of known content written straight into a ledger: what a sync stores (billed costs, usage
// buckets, coverage), without a server. Shared by the spend-rule tests and the reconciliation page's test.

#include "../testtime.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/timestamp.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace burnrate::test {

inline void exec(Ledger &l, const QString &sql)
{
    const auto st = l.db().exec(sql.toStdString());
    if (!st) {
        qFatal("%s: %s", qPrintable(sql), qPrintable(st.error()));
    }
}

// The sync covered `endpoint` of `provider` over [from, until).
inline void cover(Ledger &l, const char *provider, const char *endpoint, const char *from, const char *until)
{
    exec(l, QStringLiteral("INSERT INTO sync_coverage VALUES ('%1', '%2', %3, %4)")
                .arg(QLatin1String(provider), QLatin1String(endpoint))
                .arg(at(from))
                .arg(at(until)));
}

// One usage bucket ("1h" or "1d") starting at `start`; no cost means unpriced.
inline void usage(Ledger &l, const char *provider, const char *start, const char *width, std::int64_t output,
                  std::optional<std::int64_t> cost, const char *model = "gpt-4o")
{
    constexpr std::int64_t Hour = 3'600'000;
    constexpr std::int64_t Day = 24 * Hour;
    const std::int64_t s = at(start);
    exec(l, QStringLiteral("INSERT INTO usage_buckets (provider, bucket_start, bucket_end, bucket_width, model, output,"
                           " requests, cost_nano) VALUES ('%1', %2, %3, '%4', '%5', %6, 1, %7)")
                .arg(QLatin1String(provider))
                .arg(s)
                .arg(s + (QByteArray(width) == "1h" ? Hour : Day))
                .arg(QLatin1String(width), QLatin1String(model))
                .arg(output)
                .arg(cost ? QString::number(*cost) : QStringLiteral("NULL")));
}

// One billed cost line of a UTC day.
inline void billed(Ledger &l, const char *provider, const char *day, std::int64_t nano, const char *model = "")
{
    exec(l,
         QStringLiteral("INSERT INTO billed_costs (provider, day, model, line_item, amount_nano) VALUES ('%1', '%2',"
                        " '%3', '%4', %5)")
             .arg(QLatin1String(provider), QLatin1String(day), QLatin1String(model), QStringLiteral("li%1").arg(nano))
             .arg(nano));
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_LEDGER_SYNCSEED_H
