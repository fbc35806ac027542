// The conversation drill-down (a conversation's requests, through the events_conversation index), the filters
// of the conversation, project and workflow reports, and the values those filters offer.
#include "ledger/conversationrequests.h"
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

EventRecord chatEvent(const char *key, const char *at, const char *source, const char *conversation, const char *model,
                      std::int64_t costNano)
{
    EventRecord e = makeEvent(QLatin1String(key), at, 100, 10, costNano, QLatin1String(model));
    e.source = QLatin1String(source);
    e.conversationId = QLatin1String(conversation);
    e.project = e.source == QLatin1String("codex") ? QStringLiteral("/src/b") : QStringLiteral("/src/a");
    return e;
}

} // namespace

class TestConversationRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void requestsOfOneConversationInOrder();
    void limitAndRange();
    void usesTheConversationIndex();
    void reportFilters();
    void rollupViewsRefuseFilters();
    void facets();

private:
    Report conversations(const ReportFilter &filter);

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestConversationRequests::initTestCase()
{
    auto ledger = Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger.ok());
    m_ledger = std::move(ledger).value();
    EventWriter w(m_ledger->db(), m_ledger->calendar());
    // Written out of order: the query orders by time.
    QVERIFY(w.upsert(chatEvent("k3", "2026-11-03T09:00:00Z", "claude-code", "c1", "claude-sonnet-4-5", 300)).ok());
    QVERIFY(w.upsert(chatEvent("k1", "2026-11-01T09:00:00Z", "claude-code", "c1", "claude-sonnet-4-5", 100)).ok());
    QVERIFY(w.upsert(chatEvent("k2", "2026-11-02T09:00:00Z", "claude-code", "c1", "claude-haiku-4-5", 200)).ok());
    EventRecord unpriced = chatEvent("k4", "2026-11-04T09:00:00Z", "claude-code", "c1", "claude-haiku-4-5", 0);
    unpriced.costNano.reset();
    unpriced.status = QStringLiteral("error");
    QVERIFY(w.upsert(unpriced).ok());
    QVERIFY(w.upsert(chatEvent("x1", "2026-11-02T10:00:00Z", "codex", "c2", "gpt-5", 1000)).ok());
    EventRecord wf = chatEvent("x2", "2026-11-02T11:00:00Z", "codex", "c2", "gpt-5-mini", 50);
    wf.workflowType = QStringLiteral("review");
    QVERIFY(w.upsert(wf).ok());
    EventRecord none = chatEvent("e1", "2026-11-02T12:00:00Z", "events", "", "gpt-5", 7);
    none.project.clear();
    none.workflowType = QStringLiteral("review");
    QVERIFY(w.upsert(none).ok());
    QVERIFY(w.commit());
}

void TestConversationRequests::requestsOfOneConversationInOrder()
{
    auto c1 = ConversationRequestsQuery(*m_ledger).run(QStringLiteral("c1"), utcRangeOf(m_ledger->calendar(), {}, {}));
    QVERIFY2(c1.ok(), qPrintable(c1.error()));
    QCOMPARE(c1->total, 4);
    QCOMPARE(c1->requests.size(), 4);
    QStringList models;
    std::int64_t last = 0;
    for (const ConversationRequest &r : c1->requests) {
        QVERIFY(r.occurredAtMs > last);
        last = r.occurredAtMs;
        models << r.model;
        QCOMPARE(r.source, QStringLiteral("claude-code"));
        QCOMPARE(r.tokens.inputUncached, 100);
        QCOMPARE(r.tokens.output, 10);
    }
    QCOMPARE(models, (QStringList{QStringLiteral("claude-sonnet-4-5"), QStringLiteral("claude-haiku-4-5"),
                                  QStringLiteral("claude-sonnet-4-5"), QStringLiteral("claude-haiku-4-5")}));
    QCOMPARE(c1->requests.at(0).costNano, std::optional<std::int64_t>(100));
    QCOMPARE(c1->requests.at(3).costNano, std::nullopt);
    QCOMPARE(c1->requests.at(3).status, QStringLiteral("error"));
    QCOMPARE(c1->requests.at(0).occurredAtMs, *parseRfc3339Ms("2026-11-01T09:00:00Z"));

    QVERIFY(!ConversationRequestsQuery(*m_ledger).run(QString(), utcRangeOf(m_ledger->calendar(), {}, {})).ok());
    auto none =
        ConversationRequestsQuery(*m_ledger).run(QStringLiteral("nope"), utcRangeOf(m_ledger->calendar(), {}, {}));
    QVERIFY(none.ok());
    QCOMPARE(none->total, 0);
}

void TestConversationRequests::limitAndRange()
{
    ConversationRequestsQuery query(*m_ledger);
    auto limited = query.run(QStringLiteral("c1"), utcRangeOf(m_ledger->calendar(), {}, {}), {}, 2);
    QVERIFY(limited.ok());
    QCOMPARE(limited->total, 4);
    QCOMPARE(limited->requests.size(), 2);
    QCOMPARE(limited->requests.at(1).costNano, std::optional<std::int64_t>(200));

    auto ranged =
        query.run(QStringLiteral("c1"), utcRangeOf(m_ledger->calendar(), QDate(2026, 11, 2), QDate(2026, 11, 3)));
    QVERIFY(ranged.ok());
    QCOMPARE(ranged->total, 2);
    QCOMPARE(ranged->requests.at(0).costNano, std::optional<std::int64_t>(200));
    QCOMPARE(ranged->requests.at(1).costNano, std::optional<std::int64_t>(300));

    ReportFilter haiku;
    haiku.models = QStringList{QStringLiteral("claude-haiku-4-5")};
    auto filtered = query.run(QStringLiteral("c1"), utcRangeOf(m_ledger->calendar(), {}, {}), haiku);
    QVERIFY(filtered.ok());
    QCOMPARE(filtered->total, 2);
    QCOMPARE(filtered->requests.at(0).costNano, std::optional<std::int64_t>(200));
}

void TestConversationRequests::usesTheConversationIndex()
{
    auto plan = m_ledger->db().prepare(
        "EXPLAIN QUERY PLAN SELECT occurred_at FROM events WHERE conversation_id = ?1 AND occurred_at >= ?2"
        " AND occurred_at < ?3 ORDER BY occurred_at, id LIMIT ?4");
    QVERIFY(plan.ok());
    QString text;
    while (plan->step() == Statement::Step::Row) {
        text += plan->text(3) + QLatin1Char('\n');
    }
    QVERIFY2(text.contains(QStringLiteral("events_conversation")), qPrintable(text));
}

Report TestConversationRequests::conversations(const ReportFilter &filter)
{
    auto report = ReportQuery(*m_ledger, reportClock()).run(ReportRequest{ReportBy::Conversation, {}, {}, 0}, filter);
    if (!report) {
        qFatal("%s", qPrintable(report.error()));
    }
    return *report;
}

void TestConversationRequests::reportFilters()
{
    QCOMPARE(conversations({}).rows.size(), 3);
    QCOMPARE(conversations({}).total.costNano, 100 + 200 + 300 + 1000 + 50 + 7);

    ReportFilter codex;
    codex.sources = QStringList{QStringLiteral("codex")};
    Report r = conversations(codex);
    QCOMPARE(r.rows.size(), 1);
    QCOMPARE(r.rows.at(0).key, QStringLiteral("c2"));
    QCOMPARE(r.rows.at(0).costNano, 1050);

    ReportFilter twoSources;
    twoSources.sources = QStringList{QStringLiteral("codex"), QStringLiteral("events")};
    QCOMPARE(conversations(twoSources).rows.size(), 2);

    ReportFilter sonnet;
    sonnet.models = QStringList{QStringLiteral("claude-sonnet-4-5")};
    r = conversations(sonnet);
    QCOMPARE(r.rows.size(), 1);
    QCOMPARE(r.rows.at(0).costNano, 400);
    QCOMPARE(r.rows.at(0).requests, 2);

    ReportFilter projectA;
    projectA.project = QStringLiteral("/src/a");
    r = conversations(projectA);
    QCOMPARE(r.rows.size(), 1);
    QCOMPARE(r.rows.at(0).key, QStringLiteral("c1"));
    QCOMPARE(r.rows.at(0).unpricedRequests, 1);
    ReportFilter noProject;
    noProject.project = QString();
    r = conversations(noProject);
    QCOMPARE(r.rows.size(), 1);
    QCOMPARE(r.rows.at(0).costNano, 7);

    ReportFilter codexMini = codex;
    codexMini.models = QStringList{QStringLiteral("gpt-5-mini")};
    auto workflows = ReportQuery(*m_ledger, reportClock()).run(ReportRequest{ReportBy::Workflow, {}, {}, 0}, codexMini);
    QVERIFY(workflows.ok());
    QCOMPARE(workflows->rows.size(), 1);
    QCOMPARE(workflows->rows.at(0).key, QStringLiteral("review"));
    QCOMPARE(workflows->rows.at(0).costNano, 50);
}

void TestConversationRequests::rollupViewsRefuseFilters()
{
    ReportFilter codex;
    codex.sources = QStringList{QStringLiteral("codex")};
    for (ReportBy by : {ReportBy::Day, ReportBy::Provider, ReportBy::Model, ReportBy::Source}) {
        QVERIFY(!ReportQuery(*m_ledger, reportClock()).run(ReportRequest{by, {}, {}, 0}, codex).ok());
        QVERIFY(ReportQuery(*m_ledger, reportClock()).run(ReportRequest{by, {}, {}, 0}).ok());
    }
}

void TestConversationRequests::facets()
{
    auto f = conversationFacets(*m_ledger);
    QVERIFY(f.ok());
    QCOMPARE(f->sources,
             (QStringList{QStringLiteral("claude-code"), QStringLiteral("codex"), QStringLiteral("events")}));
    QCOMPARE(f->projects, (QStringList{QStringLiteral("/src/a"), QStringLiteral("/src/b")}));
    QCOMPARE(f->models, (QStringList{QStringLiteral("claude-haiku-4-5"), QStringLiteral("claude-sonnet-4-5"),
                                     QStringLiteral("gpt-5"), QStringLiteral("gpt-5-mini")}));
}

QTEST_GUILESS_MAIN(TestConversationRequests)
#include "tst_conversationrequests.moc"
