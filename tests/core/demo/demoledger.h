#ifndef BURNRATE_TESTS_UI_DEMOLEDGER_H
#define BURNRATE_TESTS_UI_DEMOLEDGER_H

#include "demo/demodata.h"
#include "ledger/ledger.h"
#include "util/clock.h"

#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace burnrate::test {

// Wednesday 18 November 2026, 16:30 in Berlin: mid-week and mid-month, so today, this week and this month
// all differ.
inline QDateTime demoNow()
{
    return QDateTime(QDate(2026, 11, 18), QTime(15, 30), QTimeZone::utc());
}

// A ledger in a temporary folder, in a fixed zone, filled with the demo month at a fixed "now".
struct DemoLedger
{
    QTemporaryDir dir;
    FixedClock clock{demoNow()};
    std::unique_ptr<Ledger> ledger;
    DemoSummary summary;
    QString error;

    bool ok() const { return ledger && error.isEmpty(); }
};

inline std::unique_ptr<DemoLedger> makeLedger(bool withDemoData, quint32 seed = DefaultDemoSeed,
                                              const QByteArray &zone = "Europe/Berlin")
{
    auto d = std::make_unique<DemoLedger>();
    auto calendar = LocalCalendar::forZoneId(zone);
    if (!d->dir.isValid() || !calendar) {
        d->error = QStringLiteral("no temporary folder or time zone");
        return d;
    }
    auto ledger = Ledger::open(d->dir.path(), *calendar);
    if (!ledger) {
        d->error = ledger.error();
        return d;
    }
    d->ledger = std::move(ledger).value();
    if (withDemoData) {
        auto summary = generateDemoMonth(*d->ledger, d->clock, seed);
        if (!summary) {
            d->error = summary.error();
        } else {
            d->summary = *summary;
        }
    }
    return d;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_DEMOLEDGER_H
