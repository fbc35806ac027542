// Repricer on a real ledger file: the per-model before/after figures to the nano, a range of local dates,
// progress, a dry run and a cancel that leave every stored figure as it was; other writers get the lock between
// chunks; an interrupted run is undone at the next open, and only one run goes at a time.
#include "pricing/repricer.h"
#include "pricingtestutil.h"
#include "repricetestutil.h"
#include "util/checkedsum.h"

#include <QDir>
#include <QLockFile>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

class TestRepricer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunShowsTheExactDiffAndWritesNothing();
    void runWritesWithRollups();
    void rangeIsLocalDatesInclusive();
    void cancelRollsBack();
    void otherWritersGetTheLockBetweenChunks();
    void interruptedRunIsUndone();
    void oneRunAtATime();
    void sumsBeyondInt64Fail();

private:
    void seed(int count) { seedRepriceLedger(*m_ledger, count); }
    void raisePrices() { raiseRepricePrices(*m_ledger); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestRepricer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestRepricer::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestRepricer::dryRunShowsTheExactDiffAndWritesNothing()
{
    seed(3);
    raisePrices();
    const QStringList before = eventLines(m_ledger->db());
    const QStringList rollups = rollupLines(m_ledger->db());
    auto book = PriceStore(*m_ledger).load();
    QVERIFY(book.ok());
    Repricer repricer(*m_ledger, **book);
    const auto out = repricer.run({}, true);
    QVERIFY2(out.ok(), qPrintable(out.error().message));
    QVERIFY(!out->written);
    QCOMPARE(out->bookId, (*book)->id());
    QCOMPARE(out->rows.size(), 2);
    // By model: gpt-4o-mini before my-model.
    const RepriceRow &mini = out->rows[0];
    QCOMPARE(mini.model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(mini.provider, QStringLiteral("openai"));
    QCOMPARE(mini.figures.events, 4);
    QCOMPARE(mini.figures.changed, 4);
    QCOMPARE(mini.figures.beforeNano, 4 * 2'100'000);
    QCOMPARE(mini.figures.afterNano, 4 * 3'600'000); // 10,000 × $0.30/M + 1,000 × $0.60/M = $0.0036
    QCOMPARE(mini.figures.differenceNano(), 4 * 1'500'000);
    QCOMPARE(mini.figures.unpricedAfter, 0);
    const RepriceRow &own = out->rows[1];
    QCOMPARE(own.model, QStringLiteral("my-model"));
    QCOMPARE(own.figures.beforeNano, 0);
    QCOMPARE(own.figures.afterNano, 2'000'000); // 1,000 × $1/M + 500 × $2/M
    QCOMPARE(own.figures.unpricedBefore, 1);
    QCOMPARE(own.figures.unpricedAfter, 0);
    QCOMPARE(out->total.events, 5);
    QCOMPARE(out->total.changed, 5);
    QCOMPARE(out->total.differenceNano(), 4 * 1'500'000 + 2'000'000);
    QCOMPARE(eventLines(m_ledger->db()), before);
    QCOMPARE(rollupLines(m_ledger->db()), rollups);
}

void TestRepricer::runWritesWithRollups()
{
    seed(3);
    raisePrices();
    auto book = PriceStore(*m_ledger).load();
    QList<std::pair<std::int64_t, std::int64_t>> steps;
    Repricer repricer(*m_ledger, **book);
    repricer.setProgress([&](std::int64_t done, std::int64_t total) {
        steps.append({done, total});
        return true;
    });
    const auto out = repricer.run({}, false);
    QVERIFY2(out.ok(), qPrintable(out.error().message));
    QVERIFY(out->written);
    using Step = std::pair<std::int64_t, std::int64_t>;
    QCOMPARE(steps.first(), Step(0, 5));
    QCOMPARE(steps.last(), Step(5, 5));
    QCOMPARE(storedTotal(m_ledger->db()), 4 * 3'600'000 + 2'000'000);
    // The rollups were kept in step: rebuilding them from the events gives the same rows.
    const QStringList rollups = rollupLines(m_ledger->db());
    QVERIFY(m_ledger->rebuildRollups().ok());
    QCOMPARE(rollupLines(m_ledger->db()), rollups);
    // Again: nothing to change.
    const auto again = Repricer(*m_ledger, **book).run({}, false);
    QCOMPARE(again->total.changed, 0);
    QCOMPARE(again->total.beforeNano, again->total.afterNano);
}

void TestRepricer::rangeIsLocalDatesInclusive()
{
    seed(3);
    raisePrices();
    auto book = PriceStore(*m_ledger).load();
    RepriceRange range;
    range.since = QDate(2026, 11, 2);
    range.until = QDate(2026, 11, 3);
    const auto out = Repricer(*m_ledger, **book).run(range, false);
    QVERIFY(out.ok());
    QCOMPARE(out->total.events, 2);
    QCOMPARE(storedTotal(m_ledger->db()), 3 * 2'100'000 + 3'600'000 + 2'000'000);
    range.since = QDate(2026, 11, 1);
    range.until = QDate(2026, 11, 1);
    QCOMPARE(Repricer(*m_ledger, **book).run(range, true)->total.events, 3);
}

void TestRepricer::cancelRollsBack()
{
    seed(12'000); // three chunks of 5,000
    raisePrices();
    const QStringList before = eventLines(m_ledger->db());
    const QStringList rollups = rollupLines(m_ledger->db());
    auto book = PriceStore(*m_ledger).load();
    Repricer repricer(*m_ledger, **book);
    int calls = 0;
    repricer.setProgress([&](std::int64_t done, std::int64_t total) {
        ++calls;
        return done < total / 2; // the first chunk is written, then the user cancels
    });
    const auto out = repricer.run({}, false);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().kind, RepriceError::Kind::Cancelled);
    QCOMPARE(out.error().message, QStringLiteral("cancelled; nothing was changed"));
    QCOMPARE(calls, 3);
    QCOMPARE(eventLines(m_ledger->db()), before);
    QCOMPARE(rollupLines(m_ledger->db()), rollups);
    QCOMPARE(m_ledger->db().queryInt64("SELECT count(*) FROM reprice_undo"), 0);
    QCOMPARE(m_ledger->meta(QStringLiteral("reprice_pending")), QString());
    // The ledger is free again: a full run goes through.
    QVERIFY(Repricer(*m_ledger, **book).run({}, false).ok());
    QCOMPARE(storedTotal(m_ledger->db()), std::int64_t{12'001} * 3'600'000 + 2'000'000);
}

void TestRepricer::otherWritersGetTheLockBetweenChunks()
{
    seed(12'000);
    raisePrices();
    auto book = PriceStore(*m_ledger).load();
    Database::Options impatient;
    impatient.busyTimeoutMs = 0; // fails at once when the lock is taken
    auto other = Database::open(m_ledger->db().path(), impatient);
    QVERIFY(other);
    Repricer repricer(*m_ledger, **book);
    int writes = 0;
    repricer.setProgress([&](std::int64_t done, std::int64_t) {
        if (done > 0) {
            Transaction tx(**other);
            if (tx.isActive() && (*other)->exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', 'x')") &&
                tx.commit()) {
                ++writes;
            }
        }
        return true;
    });
    QVERIFY(repricer.run({}, false).ok());
    QCOMPARE(writes, 3); // after each of the three chunks
    QCOMPARE(storedTotal(m_ledger->db()), std::int64_t{12'001} * 3'600'000 + 2'000'000);
    QCOMPARE(m_ledger->db().queryInt64("SELECT count(*) FROM reprice_undo"), 0);
}

void TestRepricer::interruptedRunIsUndone()
{
    seed(12'000);
    raisePrices();
    const QStringList before = eventLines(m_ledger->db());
    const QStringList rollups = rollupLines(m_ledger->db());
    auto book = PriceStore(*m_ledger).load();
    // What a run killed after its last chunk leaves: its mark, every chunk written with its undo rows. Copied aside at
    // that moment (SQLite's backup of the open ledger), as a process killed there would leave the file.
    const QString killed = m_dir->filePath(QStringLiteral("killed"));
    QVERIFY(QDir().mkpath(killed));
    {
        Repricer repricer(*m_ledger, **book);
        repricer.setProgress([&](std::int64_t done, std::int64_t total) {
            if (done == total) {
                auto copy = Database::open(killed + QStringLiteral("/ledger.sqlite3"));
                sqlite3_backup *b = sqlite3_backup_init((*copy)->handle(), "main", m_ledger->db().handle(), "main");
                sqlite3_backup_step(b, -1);
                sqlite3_backup_finish(b);
            }
            return true;
        });
        QVERIFY(repricer.run({}, false).ok());
    }
    auto ledger = Ledger::open(killed, *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger);
    QCOMPARE((*ledger)->meta(QStringLiteral("reprice_pending")), (*book)->id());
    // Every changed event is in the journal, the one that was unpriced (no price_ref) too.
    QCOMPARE((*ledger)->db().queryInt64("SELECT count(*) FROM reprice_undo"), 12'002);
    QVERIFY(eventLines((*ledger)->db()) != before);
    QVERIFY(Repricer::recoverInterrupted(**ledger).ok());
    QCOMPARE(eventLines((*ledger)->db()), before);
    QCOMPARE(rollupLines((*ledger)->db()), rollups);
    QCOMPARE((*ledger)->db().queryInt64("SELECT count(*) FROM reprice_undo"), 0);
    QCOMPARE((*ledger)->meta(QStringLiteral("reprice_pending")), QString());
}

void TestRepricer::oneRunAtATime()
{
    seed(3);
    raisePrices();
    auto book = PriceStore(*m_ledger).load();
    QLockFile running(m_dir->filePath(QStringLiteral("reprice.lock"))); // a live run in another process
    QVERIFY(running.tryLock(0));
    const auto out = Repricer(*m_ledger, **book).run({}, false);
    QVERIFY(!out.ok());
    QVERIFY2(out.error().message.contains(QLatin1String("another re-pricing of this ledger is running")),
             qPrintable(out.error().message));
    QVERIFY(Repricer(*m_ledger, **book).run({}, true).ok()); // a dry run writes nothing: it may go
    running.unlock();
    QVERIFY(Repricer(*m_ledger, **book).run({}, false).ok());
}

void TestRepricer::sumsBeyondInt64Fail()
{
    // Two stored costs beyond what an importer accepts (ledger/eventlimits.h), on two days: each fits 64 bits,
    // their sum does not. The run fails naming it, and nothing is changed.
    constexpr std::int64_t Half = std::numeric_limits<std::int64_t>::max() / 2 + 1;
    {
        EventWriter writer(m_ledger->db(), m_ledger->calendar());
        for (const auto &[key, when] :
             {std::pair{"a", "2026-11-01T12:00:00Z"}, std::pair{"b", "2026-11-02T12:00:00Z"}}) {
            EventRecord e = makeEvent(QLatin1String(key), when, 10, 1, Half, QStringLiteral("huge"));
            e.provider = QStringLiteral("acme");
            QVERIFY(writer.upsert(e).ok());
        }
        QVERIFY(writer.commit().ok());
    }
    const QStringList before = eventLines(m_ledger->db());
    const QStringList rollups = rollupLines(m_ledger->db());
    auto book = PriceStore(*m_ledger).load();
    QVERIFY(book.ok());
    for (const bool dryRun : {true, false}) {
        const auto out = Repricer(*m_ledger, **book).run({}, dryRun);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().kind, RepriceError::Kind::Failed);
        QCOMPARE(out.error().message,
                 sumOverflowMessage(u"cost before in nano-USD") + QStringLiteral("; nothing was changed"));
        QCOMPARE(eventLines(m_ledger->db()), before);
        QCOMPARE(rollupLines(m_ledger->db()), rollups);
    }
    // One day alone fits.
    const auto one = Repricer(*m_ledger, **book).run({QDate(2026, 11, 1), QDate(2026, 11, 1)}, true);
    QVERIFY2(one.ok(), qPrintable(one.error().message));
    QCOMPARE(one->total.beforeNano, Half);
}

QTEST_GUILESS_MAIN(TestRepricer)
#include "tst_repricer.moc"
