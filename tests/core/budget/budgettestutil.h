#ifndef BURNRATE_TESTS_CORE_BUDGET_BUDGETTESTUTIL_H
#define BURNRATE_TESTS_CORE_BUDGET_BUDGETTESTUTIL_H

// Shared by the budget tests: a ledger in a folder, and events written with a known cost.

#include "../testtime.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "util/localcalendar.h"
#include "util/timestamp.h"

#include <QTest>

#include <memory>

namespace burnrate::test {

constexpr qint64 Usd = 1'000'000'000; // nano-USD per dollar
constexpr qint64 HourMs = 3'600'000;
constexpr qint64 DayMs = 24 * HourMs;

inline std::unique_ptr<Ledger> openLedger(const QString &dir, const char *zone = "Europe/Berlin")
{
    auto ledger = Ledger::open(dir, *LocalCalendar::forZoneId(zone));
    if (!ledger) {
        qFatal("cannot open the ledger: %s", qPrintable(ledger.error()));
    }
    return std::move(ledger).value();
}

struct Spend
{
    Spend() = default;
    Spend(QString k, qint64 t, std::optional<qint64> cost, QString p = QStringLiteral("openai"))
        : key(std::move(k))
        , atMs(t)
        , costNano(cost)
        , provider(std::move(p))
    {}

    QString key;
    qint64 atMs = 0;
    std::optional<qint64> costNano;
    QString provider = QStringLiteral("openai");
    QString workflowType;
    QString tagsJson;
    Billing billing = Billing::Api;
};

inline EventRecord eventOf(const Spend &s)
{
    EventRecord e;
    e.source = QStringLiteral("events");
    e.sourceKey = s.key;
    e.occurredAtMs = s.atMs;
    e.provider = s.provider;
    e.model = QStringLiteral("m");
    e.workflowType = s.workflowType;
    e.tagsJson = s.tagsJson;
    e.tokens.inputUncached = 100;
    e.costNano = s.costNano;
    e.billing = s.billing;
    return e;
}

// Writes (or rewrites, same key) events in one transaction, the way an import or a sync does.
inline void write(Ledger &ledger, const QList<Spend> &spends)
{
    EventWriter writer(ledger.db(), ledger.calendar());
    for (const Spend &s : spends) {
        const auto r = writer.upsert(eventOf(s));
        QVERIFY2(r.ok(), qPrintable(r.error()));
    }
    const auto st = writer.commit();
    QVERIFY2(st.ok(), qPrintable(st.error()));
}

inline void write(Ledger &ledger, const QString &key, qint64 atMs, qint64 costNano)
{
    Spend s;
    s.key = key;
    s.atMs = atMs;
    s.costNano = costNano;
    write(ledger, QList<Spend>{s});
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_BUDGET_BUDGETTESTUTIL_H
