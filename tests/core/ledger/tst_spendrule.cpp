// docs/architecture.md §2: per provider and UTC day, billed for closed days, else the usage-API estimate, else a USD
// balance's fall, else local events — one source per provider-day, never two; spreading UTC days over local days keeps
// totals exact; balances count top-ups as nothing, not as negative spend.
#include "ledger/balancespend.h"
#include "ledger/eventwriter.h"
#include "ledger/reconcilequery.h"
#include "ledger/reportquery.h"
#include "ledger/spendrule.h"
#include "ledgertestutil.h"
#include "syncseed.h"
#include "util/apportion.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr std::int64_t Usd = 1'000'000'000;
constexpr std::int64_t Day = 86'400'000;
constexpr std::int64_t Hour = 3'600'000;

void addEvent(Ledger &l, const QString &key, const char *when, std::int64_t cost, const char *provider = "openai",
              Billing billing = Billing::Api)
{
    EventWriter w(l.db(), l.calendar());
    EventRecord e = makeEvent(key, when, 100, 10, cost);
    e.provider = QLatin1String(provider);
    e.billing = billing;
    QVERIFY(w.upsert(e).ok());
    QVERIFY(w.commit().ok());
}

Report report(Ledger &l, const char *now, ReportBy by, std::optional<QDate> since = {}, std::optional<QDate> until = {})
{
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at(now), Qt::UTC));
    ReportRequest r;
    r.by = by;
    r.since = since;
    r.until = until;
    auto out = ReportQuery(l, clock).run(r);
    if (!out) {
        qFatal("report failed: %s", qPrintable(out.error()));
    }
    return *out;
}

const ReportRow *row(const Report &r, const QString &key, const QString &provenance)
{
    for (const ReportRow &x : r.rows) {
        if (x.key == key && x.provenance == provenance) {
            return &x;
        }
    }
    return nullptr;
}

BalancePoint point(std::int64_t atMs, std::int64_t credit)
{
    return BalancePoint{atMs, credit, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
}

std::unique_ptr<Ledger> openLedger(const QTemporaryDir &dir, const char *zone = "UTC")
{
    return std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId(zone))).value();
}

} // namespace

class TestSpendRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apportionIsExact();
    void providerDayCountsOnceFromBilled();
    void closedMeansTwentyFourHoursAfterTheDayAndFetchedSince();
    void estimateWinsOverLocalAndTokensComeFromTheApi();
    void billedDaySpreadsOverLocalDaysByHourlyUsage();
    void halfHourZoneKeepsTotalsExact();
    void balanceFallsAreSpendTopUpsAreNot();
    void runningTotalUsesTheDayTotal();
    void balanceSpendBeyondInt64Fails();
    void deepSeekBalanceCountsOnceAndCnyStaysApart();
    void creditLeftIsTheNewestReading();
    void noProviderDataKeepsTheOldReport();
    void reconcileShowsDrift();
};

void TestSpendRule::apportionIsExact()
{
    QCOMPARE(apportion(10, {1, 1, 1}), (std::vector<std::int64_t>{4, 3, 3}));
    QCOMPARE(apportion(-10, {1, 1, 1}), (std::vector<std::int64_t>{-4, -3, -3}));
    QCOMPARE(apportion(7, {0, 0}), (std::vector<std::int64_t>{4, 3}));
    QCOMPARE(apportion(24 * Usd, {23, 1}), (std::vector<std::int64_t>{23 * Usd, Usd}));
    const auto parts = apportion(1'000'000'007, {3, 5, 7, 11, 13});
    QCOMPARE(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), 1'000'000'007);
    QCOMPARE(apportion(9'000'000'000'000'000'000, {9'000'000'000'000'000'000, 1}).front(), 8'999'999'999'999'999'999);
}

void TestSpendRule::providerDayCountsOnceFromBilled()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    // 2 November has all three: billed $4, a usage estimate $3, local events $5.
    billed(*l, "openai", "2026-11-02", 4 * Usd, "gpt-4o");
    usage(*l, "openai", "2026-11-02T00:00:00Z", "1d", 700, 3 * Usd);
    addEvent(*l, QStringLiteral("a"), "2026-11-02T10:00:00Z", 2 * Usd);
    addEvent(*l, QStringLiteral("b"), "2026-11-02T11:00:00Z", 3 * Usd);
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-05T08:00:00Z");
    cover(*l, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-05T08:00:00Z");
    // Anthropic has local events only.
    addEvent(*l, QStringLiteral("c"), "2026-11-02T12:00:00Z", Usd / 2, "anthropic");
    const Report byProvider = report(*l, "2026-11-05T08:00:00Z", ReportBy::Provider);
    QCOMPARE(byProvider.rows.size(), 2);
    const ReportRow *openai = row(byProvider, QStringLiteral("openai"), QStringLiteral("billed"));
    QVERIFY(openai);
    QCOMPARE(openai->costNano, 4 * Usd);
    QCOMPARE(openai->tokens.output, 700); // tokens from the usage API, not added to the events'
    QCOMPARE(openai->requests, 1);
    QCOMPARE(openai->unpricedRequests, 0);
    QCOMPARE(row(byProvider, QStringLiteral("anthropic"), QStringLiteral("local"))->costNano, Usd / 2);
    QCOMPARE(byProvider.total.costNano, 4 * Usd + Usd / 2);
    // The same in every view.
    const Report byDay = report(*l, "2026-11-05T08:00:00Z", ReportBy::Day);
    QCOMPARE(byDay.total.costNano, 4 * Usd + Usd / 2);
    QCOMPARE(row(byDay, QStringLiteral("2026-11-02"), QStringLiteral("billed"))->costNano, 4 * Usd);
    const Report byModel = report(*l, "2026-11-05T08:00:00Z", ReportBy::Model);
    QCOMPARE(byModel.total.costNano, 4 * Usd + Usd / 2);
    QCOMPARE(row(byModel, QStringLiteral("gpt-4o"), QStringLiteral("billed"))->costNano, 4 * Usd);
    const Report bySource = report(*l, "2026-11-05T08:00:00Z", ReportBy::Source);
    QCOMPARE(row(bySource, QStringLiteral("openai:costs"), QStringLiteral("billed"))->costNano, 4 * Usd);
    QCOMPARE(bySource.total.costNano, 4 * Usd + Usd / 2);
    // Per provider per day (the overview's trend): the same rule, each provider-day once, with its provenance.
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at("2026-11-05T08:00:00Z"), Qt::UTC));
    ReportRequest split;
    split.by = ReportBy::Day;
    split.perProvider = true;
    const Report perProvider = *ReportQuery(*l, clock).run(split);
    QCOMPARE(perProvider.rows.size(), 2);
    QCOMPARE(perProvider.total.costNano, 4 * Usd + Usd / 2);
    for (const ReportRow &r : perProvider.rows) {
        QCOMPARE(r.key, QStringLiteral("2026-11-02"));
        QCOMPARE(r.costNano, r.provider == QLatin1String("openai") ? 4 * Usd : Usd / 2);
        QCOMPARE(r.provenance,
                 r.provider == QLatin1String("openai") ? QStringLiteral("billed") : QStringLiteral("local"));
    }
}

void TestSpendRule::closedMeansTwentyFourHoursAfterTheDayAndFetchedSince()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    billed(*l, "openai", "2026-11-02", 4 * Usd);
    usage(*l, "openai", "2026-11-02T00:00:00Z", "1d", 10, 3 * Usd);
    cover(*l, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-03T23:00:00Z");
    // Fetched 23 hours after the day ended: not closed then, so the estimate counts, however late it is now.
    QCOMPARE(report(*l, "2026-11-09T00:00:00Z", ReportBy::Provider).rows.first().provenance,
             QStringLiteral("estimated"));
    exec(*l, QStringLiteral("UPDATE sync_coverage SET until_ms = %1 WHERE endpoint = 'costs'")
                 .arg(at("2026-11-04T00:00:00Z")));
    QCOMPARE(report(*l, "2026-11-03T23:59:59Z", ReportBy::Provider).rows.first().provenance,
             QStringLiteral("estimated"));
    const Report closed = report(*l, "2026-11-04T00:00:00Z", ReportBy::Provider);
    QCOMPARE(closed.rows.first().provenance, QStringLiteral("billed"));
    QCOMPARE(closed.total.costNano, 4 * Usd);
}

void TestSpendRule::estimateWinsOverLocalAndTokensComeFromTheApi()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    usage(*l, "openai", "2026-11-04T09:00:00Z", "1h", 40, 2 * Usd);
    usage(*l, "openai", "2026-11-04T10:00:00Z", "1h", 60, std::nullopt, "gpt-unpriced");
    addEvent(*l, QStringLiteral("a"), "2026-11-04T09:30:00Z", 5 * Usd);
    addEvent(*l, QStringLiteral("b"), "2026-11-06T09:30:00Z", 7 * Usd); // after the coverage: local
    cover(*l, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    const Report r = report(*l, "2026-11-04T12:00:00Z", ReportBy::Day);
    const ReportRow *estimated = row(r, QStringLiteral("2026-11-04"), QStringLiteral("estimated"));
    QVERIFY(estimated);
    QCOMPARE(estimated->costNano, 2 * Usd);
    QCOMPARE(estimated->tokens.output, 100);
    QCOMPARE(estimated->unpricedTokens, 60); // an unpriced bucket is flagged, never $0
    QVERIFY(!row(r, QStringLiteral("2026-11-04"), QStringLiteral("local")));
    QCOMPARE(row(r, QStringLiteral("2026-11-06"), QStringLiteral("local"))->costNano, 7 * Usd);
    QCOMPARE(r.total.costNano, 9 * Usd);
}

void TestSpendRule::billedDaySpreadsOverLocalDaysByHourlyUsage()
{
    QTemporaryDir dir;
    auto l = openLedger(dir, "Europe/Berlin"); // UTC+1 in November
    billed(*l, "openai", "2026-11-02", 24 * Usd);
    billed(*l, "openai", "2026-11-03", 24 * Usd);
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    // No hourly usage on the 2nd: spread evenly, 23 hours on local 2 Nov, 1 hour on local 3 Nov.
    Report r = report(*l, "2026-11-09T00:00:00Z", ReportBy::Day);
    QCOMPARE(row(r, QStringLiteral("2026-11-02"), QStringLiteral("billed"))->costNano, 23 * Usd);
    // The 3rd's usage all fell in its last UTC hour, which is local 4 Nov: so does its bill.
    usage(*l, "openai", "2026-11-03T23:00:00Z", "1h", 1000, Usd);
    r = report(*l, "2026-11-09T00:00:00Z", ReportBy::Day);
    QCOMPARE(row(r, QStringLiteral("2026-11-03"), QStringLiteral("billed"))->costNano, Usd); // the 2nd's last hour
    QCOMPARE(row(r, QStringLiteral("2026-11-04"), QStringLiteral("billed"))->costNano, 24 * Usd);
    QCOMPARE(r.total.costNano, 48 * Usd);
    // A range of local days takes exactly its share.
    QCOMPARE(report(*l, "2026-11-09T00:00:00Z", ReportBy::Day, QDate(2026, 11, 3), QDate(2026, 11, 3)).total.costNano,
             Usd);
}

void TestSpendRule::halfHourZoneKeepsTotalsExact()
{
    QTemporaryDir dir;
    auto l = openLedger(dir, "Asia/Kolkata"); // UTC+5:30
    billed(*l, "anthropic", "2026-11-02", 1'000'000'007);
    usage(*l, "anthropic", "2026-11-02T18:00:00Z", "1h", 999, std::nullopt); // 23:30–00:30 local
    cover(*l, "anthropic", "cost_report", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    const Report r = report(*l, "2026-11-09T00:00:00Z", ReportBy::Day);
    QCOMPARE(r.rows.size(), 2);
    QCOMPARE(row(r, QStringLiteral("2026-11-02"), QStringLiteral("billed"))->costNano, 500'000'004);
    QCOMPARE(row(r, QStringLiteral("2026-11-03"), QStringLiteral("billed"))->costNano, 500'000'003);
    QCOMPARE(r.total.costNano, 1'000'000'007);
}

void TestSpendRule::balanceFallsAreSpendTopUpsAreNot()
{
    const std::int64_t t0 = at("2026-11-02T10:00:00Z");
    // Totals only: 20.00 → 18.50 (spend 1.50) → 25.00 (a top-up) → 24.00 (spend 1.00).
    BalanceSpend s = spendOfSeries({point(t0, 20 * Usd), point(t0 + Hour, 18'500'000'000),
                                    point(t0 + 2 * Hour, 25 * Usd), point(t0 + 3 * Hour, 24 * Usd)},
                                   false);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 2).toJulianDay()), 2'500'000'000);
    QVERIFY(s.topUpDays.value(QDate(2026, 11, 2).toJulianDay()));
    // By part: granted 5 → 4 while topped-up 15 → 24.5 (a top-up of 10, minus 0.5 spent, unseen): 1 counted.
    BalancePoint a = point(t0, 20 * Usd);
    a.grantedNano = 5 * Usd;
    a.toppedUpNano = 15 * Usd;
    BalancePoint b = point(t0 + Hour, 28'500'000'000);
    b.grantedNano = 4 * Usd;
    b.toppedUpNano = 24'500'000'000;
    s = spendOfSeries({a, b}, false);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 2).toJulianDay()), Usd);
    // Across midnight: spread by time (2 hours before, 1 after).
    s = spendOfSeries({point(at("2026-11-02T22:00:00Z"), 9 * Usd), point(at("2026-11-03T01:00:00Z"), 6 * Usd)}, false);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 2).toJulianDay()), 2 * Usd);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 3).toJulianDay()), Usd);
    QCOMPARE(s.coveredFromMs, at("2026-11-02T22:00:00Z"));
}

void TestSpendRule::balanceSpendBeyondInt64Fails()
{
    // A balance that falls by nearly int64's largest value twice in a day (a top-up between): each fall fits, the day's
    // spend does not. The series is marked, and a report over it fails naming it, never a negative spend.
    constexpr std::int64_t Max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t t0 = at("2026-11-02T10:00:00Z");
    const QList<std::int64_t> credits = {Max, 1, Max, 1};
    QList<BalancePoint> points;
    for (qsizetype i = 0; i < credits.size(); ++i) {
        points.append(point(t0 + i * Hour, credits[i]));
    }
    QVERIFY(!spendOfSeries(points.mid(0, 2), false).overflow);
    QCOMPARE(spendOfSeries(points.mid(0, 2), false).byDay.value(QDate(2026, 11, 2).toJulianDay()), Max - 1);
    QVERIFY(spendOfSeries(points, false).overflow);
    // A fall that itself does not fit: from the largest credit to below zero.
    QVERIFY(spendOfSeries({point(t0, Max), point(t0 + Hour, -2)}, false).overflow);

    QTemporaryDir dir;
    auto l = openLedger(dir);
    for (qsizetype i = 0; i < credits.size(); ++i) {
        exec(*l, QStringLiteral("INSERT INTO balances (provider, source, currency, at, credit_nano)"
                                " VALUES ('deepseek', 'user/balance', 'USD', %1, %2)")
                     .arg(t0 + i * Hour)
                     .arg(credits[i]));
    }
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at("2026-11-05T00:00:00Z"), Qt::UTC));
    ReportRequest r;
    r.by = ReportBy::Day;
    const auto out = ReportQuery(*l, clock).run(r);
    QVERIFY(!out.ok());
    QCOMPARE(out.error(), QStringLiteral("the total of deepseek's balance spend in nano-USD (user/balance) exceeds the "
                                         "largest number Burnrate can count (9223372036854775807)"));
}

void TestSpendRule::runningTotalUsesTheDayTotal()
{
    // OpenRouter /key: usage 10 (3 of it today) → 12 the same day → 15 the next day with 1 spent that day.
    const BalanceSpend s = spendOfSeries(
        {BalancePoint{at("2026-11-02T09:00:00Z"), std::nullopt, 10 * Usd, 3 * Usd, std::nullopt, std::nullopt},
         BalancePoint{at("2026-11-02T20:00:00Z"), std::nullopt, 12 * Usd, 5 * Usd, std::nullopt, std::nullopt},
         BalancePoint{at("2026-11-03T02:00:00Z"), std::nullopt, 15 * Usd, Usd, std::nullopt, std::nullopt},
         // another key: nothing
         BalancePoint{at("2026-11-03T05:00:00Z"), std::nullopt, 2 * Usd, Usd, std::nullopt, std::nullopt}},
        true);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 2).toJulianDay()), 3 * Usd + 2 * Usd + 2 * Usd);
    QCOMPARE(s.byDay.value(QDate(2026, 11, 3).toJulianDay()), Usd);
    QCOMPARE(s.coveredFromMs, at("2026-11-02T00:00:00Z")); // the first day total reaches back to midnight
}

void TestSpendRule::creditLeftIsTheNewestReading()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    const auto snap = [&](const char *provider, const char *source, const char *currency, const char *when,
                          const QString &credit) {
        exec(*l, QStringLiteral("INSERT INTO balances (provider, source, currency, at, credit_nano) VALUES"
                                " ('%1', '%2', '%3', %4, %5)")
                     .arg(QLatin1String(provider), QLatin1String(source), QLatin1String(currency))
                     .arg(at(when))
                     .arg(credit));
    };
    snap("deepseek", "user/balance", "USD", "2026-11-01T12:00:00Z", QString::number(20 * Usd));
    snap("deepseek", "user/balance", "USD", "2026-11-03T00:00:00Z", QString::number(16 * Usd));
    snap("deepseek", "user/balance", "USD", "2026-11-02T00:00:00Z", QString::number(19 * Usd));
    snap("deepseek", "user/balance", "CNY", "2026-11-02T00:00:00Z", QString::number(75 * Usd));
    snap("openrouter", "key", "USD", "2026-11-02T00:00:00Z", QString::number(3 * Usd));
    snap("openrouter", "key", "USD", "2026-11-03T00:00:00Z", QStringLiteral("NULL")); // the limit was lifted
    snap("openrouter", "credits", "USD", "2026-11-03T00:00:00Z", QString::number(Usd / 4));
    const auto credits = loadCreditsLeft(l->db());
    QVERIFY2(credits, qPrintable(credits.error()));
    QCOMPARE(credits->size(), 3);
    QCOMPARE(credits->at(0).provider, QStringLiteral("deepseek"));
    QCOMPARE(credits->at(0).currency, QStringLiteral("CNY"));
    QCOMPARE(credits->at(0).creditNano, 75 * Usd);
    QCOMPARE(credits->at(1).currency, QStringLiteral("USD"));
    QCOMPARE(credits->at(1).creditNano, 16 * Usd); // the newest, not the last inserted
    QCOMPARE(credits->at(1).atMs, at("2026-11-03T00:00:00Z"));
    QCOMPARE(credits->at(2).provider, QStringLiteral("openrouter"));
    QCOMPARE(credits->at(2).source, QStringLiteral("credits"));
    QCOMPARE(credits->at(2).creditNano, Usd / 4);
}

void TestSpendRule::deepSeekBalanceCountsOnceAndCnyStaysApart()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    const auto snap = [&](const char *when, const char *currency, std::int64_t total) {
        exec(*l, QStringLiteral("INSERT INTO balances (provider, source, currency, at, credit_nano) VALUES"
                                " ('deepseek', 'user/balance', '%1', %2, %3)")
                     .arg(QLatin1String(currency))
                     .arg(at(when))
                     .arg(total));
    };
    snap("2026-11-01T12:00:00Z", "USD", 20 * Usd);
    snap("2026-11-02T00:00:00Z", "USD", 19 * Usd);
    snap("2026-11-03T00:00:00Z", "USD", 16 * Usd);
    snap("2026-11-04T00:00:00Z", "USD", 30 * Usd); // top-up
    snap("2026-11-01T12:00:00Z", "CNY", 110 * Usd);
    snap("2026-11-03T12:00:00Z", "CNY", 100 * Usd);
    // Local DeepSeek events: the 1st (before the balance covers a whole day) counts, the 2nd does not.
    addEvent(*l, QStringLiteral("x"), "2026-11-01T08:00:00Z", Usd / 10, "deepseek");
    addEvent(*l, QStringLiteral("y"), "2026-11-02T08:00:00Z", Usd / 10, "deepseek");
    const Report r = report(*l, "2026-11-05T00:00:00Z", ReportBy::Day);
    QCOMPARE(row(r, QStringLiteral("2026-11-01"), QStringLiteral("local"))->costNano, Usd / 10);
    QVERIFY(!row(r, QStringLiteral("2026-11-01"), QStringLiteral("balance")));
    QCOMPARE(row(r, QStringLiteral("2026-11-02"), QStringLiteral("balance"))->costNano, 3 * Usd);
    QCOMPARE(row(r, QStringLiteral("2026-11-02"), QStringLiteral("balance"))->tokens.output, 10); // explained
    QVERIFY(!row(r, QStringLiteral("2026-11-03"), QStringLiteral("balance"))); // the top-up is not spend
    QCOMPARE(r.total.costNano, Usd / 10 + 3 * Usd);
    QCOMPARE(r.unconverted.size(), 1);
    QCOMPARE(r.unconverted.first().currency, QStringLiteral("CNY"));
    // The CNY balance covers the 2nd and the 3rd from midnight: 10 CNY over 48 hours, 24 of them in range.
    QCOMPARE(r.unconverted.first().amountNano, 10 * Usd * 36 / 48);
}

void TestSpendRule::noProviderDataKeepsTheOldReport()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    addEvent(*l, QStringLiteral("a"), "2026-11-02T10:00:00Z", 2 * Usd);
    addEvent(*l, QStringLiteral("s"), "2026-11-02T11:00:00Z", 3 * Usd, "anthropic", Billing::Subscription);
    auto rule = SpendRule::load(l->db(), at("2026-11-05T00:00:00Z"));
    QVERIFY(rule.ok());
    QVERIFY(!rule->hasApiData());
    const Report r = report(*l, "2026-11-05T00:00:00Z", ReportBy::Provider);
    QCOMPARE(row(r, QStringLiteral("openai"), QStringLiteral("local"))->costNano, 2 * Usd);
    QCOMPARE(r.subscriptionValueNano, 3 * Usd);
    QCOMPARE(r.total.costNano, 2 * Usd);
    // With provider data for another provider, subscription usage is still equivalent value, never spend.
    cover(*l, "openai", "usage/completions", "2026-10-01T00:00:00Z", "2026-11-05T00:00:00Z");
    const Report ruled = report(*l, "2026-11-05T00:00:00Z", ReportBy::Provider);
    QCOMPARE(ruled.subscriptionValueNano, 3 * Usd);
    QCOMPARE(ruled.total.costNano, 0); // openai's day is covered by a usage API that saw nothing
}

void TestSpendRule::reconcileShowsDrift()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    billed(*l, "openai", "2026-11-02", 4 * Usd);
    usage(*l, "openai", "2026-11-02T00:00:00Z", "1d", 10, 3 * Usd);
    billed(*l, "openai", "2026-11-03", 2 * Usd);
    usage(*l, "openai", "2026-11-03T00:00:00Z", "1d", 10, Usd);
    usage(*l, "openai", "2026-11-03T00:00:00Z", "1d", 10, std::nullopt, "gpt-unpriced");
    billed(*l, "anthropic", "2026-11-02", 0);
    usage(*l, "anthropic", "2026-11-04T00:00:00Z", "1d", 10, Usd / 2, "claude");
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(*l, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(*l, "anthropic", "cost_report", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(*l, "anthropic", "usage_report/messages", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at("2026-11-04T12:00:00Z"), Qt::UTC));
    const auto rec = ReconcileQuery(*l, clock).run(QDate(2026, 11, 2), std::nullopt);
    QVERIFY2(rec.ok(), qPrintable(rec.error()));
    QCOMPARE(rec->rows.size(), 4);
    const ReconcileRow &a = rec->rows.at(0); // 2 Nov, anthropic: billed $0, no estimate
    QCOMPARE(a.provider, QStringLiteral("anthropic"));
    QCOMPARE(a.billedNano, std::optional<std::int64_t>(0));
    QVERIFY(!a.estimatedNano.has_value());
    QVERIFY(!a.driftPercent().has_value());
    const ReconcileRow &b = rec->rows.at(1); // 2 Nov, openai: closed, $3 estimated against $4 billed
    QCOMPARE(b.day, QDate(2026, 11, 2));
    QCOMPARE(b.estimatedNano, std::optional<std::int64_t>(3 * Usd));
    QCOMPARE(*b.driftPercent(), -25.0);
    QVERIFY(b.closed);
    QCOMPARE(b.counted, QStringLiteral("billed"));
    const ReconcileRow &c = rec->rows.at(2); // 3 Nov: not closed yet, part of the estimate unpriced
    QCOMPARE(c.unpricedTokens, 10);
    QVERIFY(!c.driftPercent().has_value());
    QVERIFY(!c.closed);
    QCOMPARE(c.counted, QStringLiteral("estimated"));
    const ReconcileRow &d = rec->rows.at(3); // 4 Nov, anthropic: an estimate only
    QCOMPARE(d.provider, QStringLiteral("anthropic"));
    QVERIFY(!d.billedNano.has_value());
    QCOMPARE(d.estimatedNano, std::optional<std::int64_t>(Usd / 2));
}

QTEST_GUILESS_MAIN(TestSpendRule)
#include "tst_spendrule.moc"
