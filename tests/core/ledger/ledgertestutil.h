#ifndef BURNRATE_TESTS_CORE_LEDGER_LEDGERTESTUTIL_H
#define BURNRATE_TESTS_CORE_LEDGER_LEDGERTESTUTIL_H

#include "ledger/database.h"
#include "ledger/eventrecord.h"
#include "ledger/ledger.h"
#include "util/clock.h"
#include "util/timestamp.h"

#include <QStringList>

namespace burnrate::test {

// "Now" for reports over local requests only, whose figures are the same on any day.
inline const Clock &reportClock()
{
    static const FixedClock clock(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));
    return clock;
}

inline EventRecord makeEvent(const QString &key, const char *rfc3339, std::int64_t input, std::int64_t output,
                             std::optional<std::int64_t> costNano, const QString &model = QStringLiteral("gpt-4o"))
{
    EventRecord e;
    e.source = QStringLiteral("events");
    e.sourceKey = key;
    e.occurredAtMs = *parseRfc3339Ms(rfc3339);
    e.provider = QStringLiteral("openai");
    e.model = model;
    e.tokens.inputUncached = input;
    e.tokens.output = output;
    e.costNano = costNano;
    return e;
}

// The rollups table as sorted text lines, for exact comparisons.
inline QStringList rollupLines(Database &db)
{
    auto s = db.prepare("SELECT day, provider, model, source, billing, requests, input_uncached, cache_read,"
                        " cache_write_5m, cache_write_1h, output, reasoning, cost_nano, unpriced_requests,"
                        " unpriced_tokens FROM rollups ORDER BY day, provider, model, source, billing");
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        QStringList cells;
        for (int c = 0; c < 15; ++c) {
            cells << s->text(c);
        }
        out << cells.join(QLatin1Char('|'));
    }
    return out;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_LEDGER_LEDGERTESTUTIL_H
