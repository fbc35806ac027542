// Per-source billing: undecided until set, remembered in the ledger, and applied to what was
// imported before (rows and rollups), so subscription usage never counts as spend.
#include "agentlogtestutil.h"
#include "importers/sourcebilling.h"
#include "ledger/reportquery.h"
#include "util/clock.h"

#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// "Now" for the reports: the local requests here count the same on any day.
const FixedClock reportClock(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));

} // namespace

class TestSourceBilling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decidedAndRemarked();
};

void TestSourceBilling::decidedAndRemarked()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("projects"));
    QVERIFY(writeFile(
        projects + QStringLiteral("/-w/11111111-2222-3333-4444-555555555555.jsonl"),
        claudeLine("11111111-2222-3333-4444-555555555555", "msg_1", "req_1", 10, 100, 0, 5, "2026-11-02T10:00:00Z") +
            claudeLine("11111111-2222-3333-4444-555555555555", "msg_2", "req_2", 20, 100, 0, 5,
                       "2026-11-02T11:00:00Z")));
    auto ledger =
        std::move(Ledger::open(dir.filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("UTC"))).value();
    const QString source = QStringLiteral("claude-code");
    QVERIFY(!SourceBilling::decided(*ledger, source));
    QVERIFY(importInto(*ledger, AgentLogSource::ClaudeCode, {projects}, 0, Billing::Api).ok());
    const auto report = [&] {
        ReportRequest r;
        r.by = ReportBy::Source;
        return *ReportQuery(*ledger, reportClock).run(r);
    };
    QCOMPARE(report().total.requests, 2); // API spend

    auto changed = SourceBilling::set(*ledger, source, Billing::Subscription);
    QVERIFY(changed.ok());
    QCOMPARE(*changed, 2);
    QCOMPARE(SourceBilling::decided(*ledger, source), std::optional<Billing>(Billing::Subscription));
    QCOMPARE(report().total.requests, 0); // no longer spend
    QCOMPARE(report().rows.first().provenance, QStringLiteral("subscription"));
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM conversation_rollups WHERE billing = 'subscription'"),
             std::optional<std::int64_t>(1));
    verifyRollupsMatchEvents(*ledger);
    // Other sources keep their own decision.
    QVERIFY(!SourceBilling::decided(*ledger, QStringLiteral("codex")));
    // A re-read of the same lines under the decided billing leaves them as they are.
    QVERIFY(ledger->db().exec("DELETE FROM import_checkpoints"));
    auto again = importInto(*ledger, AgentLogSource::ClaudeCode, {projects}, 0, Billing::Subscription);
    QVERIFY(again.ok());
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE billing = 'subscription'"),
             std::optional<std::int64_t>(2));
    QCOMPARE(*SourceBilling::set(*ledger, source, Billing::Subscription), 0);
    QCOMPARE(*SourceBilling::set(*ledger, source, Billing::Api), 2);
    QCOMPARE(report().total.requests, 2);
}

QTEST_GUILESS_MAIN(TestSourceBilling)
#include "tst_sourcebilling.moc"
