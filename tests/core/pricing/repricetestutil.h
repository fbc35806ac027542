#ifndef BURNRATE_TESTS_CORE_PRICING_REPRICETESTUTIL_H
#define BURNRATE_TESTS_CORE_PRICING_REPRICETESTUTIL_H

// A ledger to re-price, shared by the Repricer tests and the RepriceJob tests.
#include "../ledger/ledgertestutil.h"
#include "ledger/eventwriter.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"
#include "pricing/userprices.h"

#include <QTest>

namespace burnrate::test {

// What every event of the ledger says, for "nothing changed" comparisons.
inline QStringList eventLines(Database &db)
{
    auto s = db.prepare("SELECT source_key, coalesce(cost_nano, -1), price_ref FROM events ORDER BY id");
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        out << s->text(0) + QLatin1Char('|') + s->text(1) + QLatin1Char('|') + s->text(2);
    }
    return out;
}

inline std::int64_t storedTotal(Database &db)
{
    return db.queryInt64("SELECT coalesce(sum(cost_nano), 0) FROM events").value_or(-1);
}

// `count` gpt-4o-mini requests on 2026-11-01 and one on 2026-11-03 (10,000 input, 1,000 output tokens each,
// $0.0021 at the shipped prices), and one acme/my-model request the book cannot price.
inline void seedRepriceLedger(Ledger &ledger, int count)
{
    auto book = PriceStore(ledger).load();
    QVERIFY(book.ok());
    Pricer pricer(**book);
    EventWriter writer(ledger.db(), ledger.calendar());
    for (int i = 0; i <= count; ++i) {
        EventRecord e =
            makeEvent(QStringLiteral("mini-%1").arg(i), i < count ? "2026-11-01T12:00:00Z" : "2026-11-03T00:30:00Z",
                      10'000, 1'000, std::nullopt, QStringLiteral("gpt-4o-mini"));
        pricer.priceEvent(e);
        QCOMPARE(e.costNano, std::optional<std::int64_t>(2'100'000));
        QVERIFY(writer.upsert(e).ok());
    }
    EventRecord own =
        makeEvent(QStringLiteral("own"), "2026-11-03T08:00:00Z", 1'000, 500, std::nullopt, QStringLiteral("my-model"));
    own.provider = QStringLiteral("acme");
    pricer.priceEvent(own);
    QVERIFY(!own.costNano);
    QVERIFY(writer.upsert(own).ok());
    QVERIFY(writer.commit().ok());
}

// gpt-4o-mini input 0.15 -> 0.30 and a price for acme/my-model, in the user's prices file.
inline void raiseRepricePrices(Ledger &ledger)
{
    UserPrice mini;
    mini.provider = QStringLiteral("openai");
    mini.model = QStringLiteral("gpt-4o-mini");
    mini.input = QStringLiteral("0.30");
    mini.cacheRead = QStringLiteral("0.075");
    mini.output = QStringLiteral("0.60");
    UserPrice own;
    own.provider = QStringLiteral("acme");
    own.model = QStringLiteral("my-model");
    own.input = QStringLiteral("1");
    own.output = QStringLiteral("2");
    QJsonObject overlay = userprices::withPrice(userprices::emptyOverlay(), mini);
    overlay = userprices::withPrice(overlay, own);
    QVERIFY(PriceStore(ledger).saveUserPrices(overlay).ok());
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_PRICING_REPRICETESTUTIL_H
