#include "ledger/eventwriter.h"
#include "ledgertestutil.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

class TestEventWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void insertUnchangedUpdate();
    void uncommittedBatchLeavesNothing();
    void removeTakesRollupsBack();
    void rollupsAlwaysMatchARebuild();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestEventWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto ledger = Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
    m_ledger = std::move(ledger).value();
}

void TestEventWriter::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestEventWriter::insertUnchangedUpdate()
{
    auto e = makeEvent(QStringLiteral("r1"), "2026-11-02T18:00:00Z", 100, 10, 5000);
    {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        QCOMPARE(*w.upsert(e), EventWriter::Change::Inserted);
        QCOMPARE(*w.upsert(e), EventWriter::Change::Unchanged);
        QVERIFY(w.commit());
    }
    e.tokens.output = 20;
    e.costNano = 7000;
    {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        QCOMPARE(*w.upsert(e), EventWriter::Change::Updated);
        QVERIFY(w.commit());
        QCOMPARE(w.updated(), 1);
    }
    auto &db = m_ledger->db();
    QCOMPARE(db.queryInt64("SELECT COUNT(*) FROM events"), std::optional<std::int64_t>(1));
    QCOMPARE(db.queryInt64("SELECT SUM(cost_nano) FROM rollups"), std::optional<std::int64_t>(7000));
    QCOMPARE(db.queryInt64("SELECT SUM(output) FROM rollups"), std::optional<std::int64_t>(20));
    QCOMPARE(db.queryInt64("SELECT SUM(requests) FROM rollups"), std::optional<std::int64_t>(1));
}

void TestEventWriter::uncommittedBatchLeavesNothing()
{
    {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("r1"), "2026-11-02T18:00:00Z", 1, 1, 1)).ok());
    }
    QCOMPARE(m_ledger->db().queryInt64("SELECT COUNT(*) FROM events"), std::optional<std::int64_t>(0));
    QCOMPARE(m_ledger->db().queryInt64("SELECT COUNT(*) FROM rollups"), std::optional<std::int64_t>(0));
}

void TestEventWriter::removeTakesRollupsBack()
{
    {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("r1"), "2026-11-02T18:00:00Z", 100, 10, 5000)).ok());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("r2"), "2026-11-02T19:00:00Z", 50, 5, std::nullopt)).ok());
        QVERIFY(w.commit());
    }
    {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        QCOMPARE(*w.remove(QStringLiteral("events"), QStringLiteral("r1")), true);
        QCOMPARE(*w.remove(QStringLiteral("events"), QStringLiteral("nope")), false);
        QVERIFY(w.commit());
    }
    auto &db = m_ledger->db();
    QCOMPARE(db.queryInt64("SELECT SUM(cost_nano) FROM rollups"), std::optional<std::int64_t>(0));
    QCOMPARE(db.queryInt64("SELECT SUM(unpriced_requests) FROM rollups"), std::optional<std::int64_t>(1));
    QCOMPARE(db.queryInt64("SELECT SUM(unpriced_tokens) FROM rollups"), std::optional<std::int64_t>(55));
}

void TestEventWriter::rollupsAlwaysMatchARebuild()
{
    // Random inserts, updates (moving events across days, models, priced and unpriced) and
    // removals; incremental rollups must equal a rebuild from the events every time.
    QRandomGenerator rng(20261122);
    const QStringList models = {QStringLiteral("gpt-4o"), QStringLiteral("o3"), QStringLiteral("claude-sonnet-4-5")};
    for (int round = 0; round < 20; ++round) {
        EventWriter w(m_ledger->db(), m_ledger->calendar());
        for (int i = 0; i < 200; ++i) {
            const QString key = QStringLiteral("r%1").arg(rng.bounded(300));
            if (rng.bounded(10) == 0) {
                QVERIFY(w.remove(QStringLiteral("events"), key).ok());
                continue;
            }
            auto e = makeEvent(key, "2026-10-24T12:00:00Z", rng.bounded(10000), rng.bounded(1000),
                               rng.bounded(4) == 0 ? std::nullopt : std::optional<std::int64_t>(rng.bounded(100000)),
                               models[rng.bounded(models.size())]);
            e.occurredAtMs += static_cast<std::int64_t>(rng.bounded(3 * 24 * 3600)) * 1000; // across the DST change
            e.tokens.cacheRead = rng.bounded(500);
            e.billing = rng.bounded(5) == 0 ? Billing::Subscription : Billing::Api;
            QVERIFY(w.upsert(e).ok());
        }
        QVERIFY(w.commit());
        const QStringList incremental = rollupLines(m_ledger->db());
        QVERIFY(m_ledger->rebuildRollups());
        QCOMPARE(rollupLines(m_ledger->db()), incremental);
    }
}

QTEST_GUILESS_MAIN(TestEventWriter)
#include "tst_eventwriter.moc"
