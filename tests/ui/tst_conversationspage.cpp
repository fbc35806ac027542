// The Conversations page on the real X server of the harness, over a ledger filled by the real importers: the
// table equals ReportQuery, every column sorts by its exact values, each filter narrows the rows as the core
// query does, activating a conversation lists its requests, and a screenshot of the page is not blank.
#include "guitest.h"
#include "ledger/conversationrequests.h"
#include "ledger/reportquery.h"
#include "pagesfixture.h"
#include "ui/format.h"
#include "ui/models/conversationmodel.h"
#include "ui/models/requestmodel.h"
#include "ui/pages/conversationspage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QTableView>

namespace burnrate::test {

using ui::ConversationModel;
using ui::ConversationsPage;
using ui::RequestModel;

class ConversationsPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tableEqualsReportQuery();
    void subscriptionIsNeverSpend();
    void everyColumnSorts();
    void filtersNarrowTheRows_data();
    void filtersNarrowTheRows();
    void dateRangeNarrowsTheRows();
    void drillDownShowsTheRequests();
    void hiddenPageDoesNoWork();
    void screenshot();

private:
    Report expected(const ReportFilter &filter, QDate since, QDate until);
    void choose(const char *combo, const QString &value);
    int rowOf(const QString &conversation) const;

    std::unique_ptr<PagesLedger> m_data;
    std::unique_ptr<ConversationsPage> m_page;
    QTableView *m_table = nullptr;
    const QDate m_since{2026, 1, 1};
    const QDate m_until{2026, 11, 18};
};

void ConversationsPageTest::initTestCase()
{
    REQUIRE_FIXTURES(pagesFixtureFiles());
    BURNRATE_REQUIRE_HARNESS();
    m_data = makePagesLedger();
    QVERIFY2(m_data->ok(), qPrintable(m_data->error));
    m_page = std::make_unique<ConversationsPage>(*m_data->ledger, m_data->clock);
    QCOMPARE(m_page->title(), QStringLiteral("Conversations"));
    m_page->resize(1100, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_table = m_page->findChild<QTableView *>(QStringLiteral("conversationTable"));
    QVERIFY(m_table);
    // The range starts as the 30 days up to the clock's today.
    QCOMPARE(m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->date(), QDate(2026, 10, 20));
    QCOMPARE(m_page->findChild<QDateEdit *>(QStringLiteral("untilDate"))->date(), QDate(2026, 11, 18));
}

void ConversationsPageTest::init()
{
    for (const char *combo : {"sourceFilter", "projectFilter", "modelFilter"}) {
        m_page->findChild<QComboBox *>(QLatin1String(combo))->setCurrentIndex(0);
    }
    m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(m_since);
    m_page->findChild<QDateEdit *>(QStringLiteral("untilDate"))->setDate(m_until);
    m_table->sortByColumn(-1, Qt::DescendingOrder);
}

Report ConversationsPageTest::expected(const ReportFilter &filter, QDate since, QDate until)
{
    auto report =
        ReportQuery(*m_data->ledger, m_data->clock).run(ReportRequest{ReportBy::Conversation, since, until, 0}, filter);
    if (!report) {
        qFatal("%s", qPrintable(report.error()));
    }
    return *report;
}

void ConversationsPageTest::choose(const char *combo, const QString &value)
{
    auto *box = m_page->findChild<QComboBox *>(QLatin1String(combo));
    QVERIFY(box);
    const int index = box->findData(value);
    QVERIFY2(index > 0, qPrintable(value));
    box->setCurrentIndex(index);
}

int ConversationsPageTest::rowOf(const QString &conversation) const
{
    for (int r = 0; r < m_table->model()->rowCount(); ++r) {
        if (m_table->model()->index(r, ConversationModel::Conversation).data(ConversationModel::RawValueRole) ==
            conversation) {
            return r;
        }
    }
    return -1;
}

void ConversationsPageTest::tableEqualsReportQuery()
{
    const Report report = expected({}, m_since, m_until);
    QVERIFY(report.rows.size() >= 4);
    const QList<ReportRow> &rows = m_page->model()->rows();
    QCOMPARE(rows.size(), report.rows.size());
    QAbstractItemModel *m = m_page->model();
    for (int r = 0; r < rows.size(); ++r) {
        const ReportRow &want = report.rows.at(r);
        auto raw = [&](int column) {
            return m->index(r, column).data(ConversationModel::RawValueRole);
        };
        QCOMPARE(raw(ConversationModel::Conversation).toString(), want.key);
        QCOMPARE(raw(ConversationModel::Requests).toLongLong(), want.requests);
        QCOMPARE(raw(ConversationModel::Tokens).toLongLong(), want.tokens.total());
        QCOMPARE(raw(ConversationModel::Unpriced).toLongLong(), want.unpricedRequests);
        QCOMPARE(raw(ConversationModel::Spend).toLongLong() + raw(ConversationModel::SubscriptionValue).toLongLong(),
                 want.costNano);
        QCOMPARE(raw(ConversationModel::FirstActivity).toLongLong(), *want.firstAtMs);
        QCOMPARE(m->index(r, ConversationModel::Project).data().toString(), want.project);
    }
    // Known from the fixtures: conv_a is two Claude requests of the envelope file; the Codex rollout is six
    // requests and 299,496 tokens (its final cumulative total).
    const int convA = rowOf(QStringLiteral("conv_a"));
    QVERIFY(convA >= 0);
    QCOMPARE(m_table->model()->index(convA, ConversationModel::Requests).data().toString(), QStringLiteral("2"));
    QCOMPARE(m_table->model()->index(convA, ConversationModel::FirstActivity).data().toString(),
             QStringLiteral("2026-11-02 19:00")); // 18:00 UTC in Berlin
    const int codex = rowOf(m_data->codexConversation);
    QVERIFY(codex >= 0);
    QCOMPARE(m_table->model()->index(codex, ConversationModel::Tokens).data(ConversationModel::RawValueRole),
             QVariant(qlonglong(299496)));
    QCOMPARE(m_table->model()->index(codex, ConversationModel::Project).data().toString(),
             QStringLiteral("/redacted/path/ea96e59ed9"));
    const QString summary = m_page->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(ui::Format::cost(report.total.costNano)), qPrintable(summary));
}

void ConversationsPageTest::subscriptionIsNeverSpend()
{
    const int claude = rowOf(QStringLiteral("session-alpha"));
    QVERIFY(claude >= 0);
    QAbstractItemModel *m = m_table->model();
    QCOMPARE(m->index(claude, ConversationModel::Spend).data().toString(), QStringLiteral("—"));
    QCOMPARE(m->index(claude, ConversationModel::Spend).data(ConversationModel::RawValueRole), QVariant(qlonglong(0)));
    const qlonglong value =
        m->index(claude, ConversationModel::SubscriptionValue).data(ConversationModel::RawValueRole).toLongLong();
    QVERIFY(value > 0);
    QCOMPARE(m->index(claude, ConversationModel::SubscriptionValue).data().toString(), ui::Format::cost(value));
    const Report report = expected({}, m_since, m_until);
    QCOMPARE(report.subscriptionValueNano, value);
    const QString summary = m_page->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("subscription value %1 (not spend)").arg(ui::Format::cost(value))),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("spend %1").arg(ui::Format::cost(report.total.costNano))),
             qPrintable(summary));
}

void ConversationsPageTest::everyColumnSorts()
{
    QAbstractItemModel *m = m_table->model();
    QVERIFY(m->rowCount() >= 4);
    for (int column = 0; column < ConversationModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_table->sortByColumn(column, order);
            QString why;
            QVERIFY2(isSortedBy(m, column, ConversationModel::RawValueRole, order, &why), qPrintable(why));
        }
    }
    // Spend, most first: the first row is the most expensive API conversation.
    m_table->sortByColumn(ConversationModel::Spend, Qt::DescendingOrder);
    qlonglong most = 0;
    for (const ReportRow &row : expected({}, m_since, m_until).rows) {
        most = std::max<qlonglong>(most, ConversationModel::isSubscription(row) ? 0 : row.costNano);
    }
    QCOMPARE(m->index(0, ConversationModel::Spend).data(ConversationModel::RawValueRole).toLongLong(), most);
}

void ConversationsPageTest::filtersNarrowTheRows_data()
{
    QTest::addColumn<QString>("combo");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("conversations");
    QTest::newRow("source codex") << "sourceFilter"
                                  << "codex" << QStringList{QStringLiteral("019c8bfe-ec25-79e0-97d7-bda6a9c575ff")};
    QTest::newRow("source claude-code") << "sourceFilter"
                                        << "claude-code" << QStringList{QStringLiteral("session-alpha")};
    QTest::newRow("source events") << "sourceFilter"
                                   << "events" << QStringList{QStringLiteral("conv_a"), QString()};
    QTest::newRow("project") << "projectFilter"
                             << "project-alpha" << QStringList{QStringLiteral("session-alpha")};
    QTest::newRow("model sonnet") << "modelFilter"
                                  << "claude-sonnet-4-5" << QStringList{QStringLiteral("conv_a")};
    QTest::newRow("model o3") << "modelFilter"
                              << "o3" << QStringList{QString()};
}

void ConversationsPageTest::filtersNarrowTheRows()
{
    QFETCH(QString, combo);
    QFETCH(QString, value);
    QFETCH(QStringList, conversations);
    const int before = m_table->model()->rowCount();
    choose(combo.toLatin1().constData(), value);
    QStringList shown;
    for (const ReportRow &row : m_page->model()->rows()) {
        shown << row.key;
    }
    shown.sort();
    conversations.sort();
    QCOMPARE(shown, conversations);
    QVERIFY(m_table->model()->rowCount() < before);
    // The same figures as the core query with that filter.
    const ReportFilter filter = m_page->filter();
    const Report report = expected(filter, m_since, m_until);
    QCOMPARE(m_page->model()->rows().size(), report.rows.size());
    for (int r = 0; r < report.rows.size(); ++r) {
        QCOMPARE(m_page->model()->rows().at(r).costNano, report.rows.at(r).costNano);
        QCOMPARE(m_page->model()->rows().at(r).requests, report.rows.at(r).requests);
    }
}

void ConversationsPageTest::dateRangeNarrowsTheRows()
{
    // November only: the envelope file's conversations, not January's Claude session or February's Codex one.
    m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(QDate(2026, 11, 1));
    QCOMPARE(rowOf(QStringLiteral("session-alpha")), -1);
    QCOMPARE(rowOf(m_data->codexConversation), -1);
    QVERIFY(rowOf(QStringLiteral("conv_a")) >= 0);
    QCOMPARE(m_page->model()->rows().size(), expected({}, QDate(2026, 11, 1), m_until).rows.size());
    // 3 November alone (local): only requests without a conversation.
    m_page->findChild<QDateEdit *>(QStringLiteral("untilDate"))->setDate(QDate(2026, 11, 3));
    m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(QDate(2026, 11, 3));
    QCOMPARE(m_page->model()->rows().size(), 1);
    QCOMPARE(m_page->model()->rows().at(0).key, QString());
    QCOMPARE(m_page->model()->rows().at(0).requests, 2);
}

void ConversationsPageTest::drillDownShowsTheRequests()
{
    auto *requests = m_page->findChild<QTableView *>(QStringLiteral("requestTable"));
    QVERIFY(requests);
    const int convA = rowOf(QStringLiteral("conv_a"));
    QVERIFY(convA >= 0);
    m_table->setCurrentIndex(m_table->model()->index(convA, 0));
    QCOMPARE(m_page->shownConversation(), QStringLiteral("conv_a"));
    RequestModel *rm = m_page->requestModel();
    QCOMPARE(rm->rowCount(), 2);
    // req_0001: 8,200 input, 640 output at 18:00 UTC; req_0002: 9,100 input of which 8,000 cached.
    QCOMPARE(rm->index(0, RequestModel::Time).data().toString(), QStringLiteral("2026-11-02 19:00"));
    QCOMPARE(rm->index(0, RequestModel::Model).data().toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(rm->index(0, RequestModel::Input).data(RequestModel::RawValueRole), QVariant(qlonglong(8200)));
    QCOMPARE(rm->index(0, RequestModel::Output).data(RequestModel::RawValueRole), QVariant(qlonglong(640)));
    QCOMPARE(rm->index(1, RequestModel::Input).data(RequestModel::RawValueRole), QVariant(qlonglong(1100)));
    QCOMPARE(rm->index(1, RequestModel::CacheRead).data(RequestModel::RawValueRole), QVariant(qlonglong(8000)));
    QCOMPARE(rm->index(0, RequestModel::Status).data().toString(), QStringLiteral("success, accepted"));
    std::int64_t sum = 0;
    for (int r = 0; r < rm->rowCount(); ++r) {
        sum += rm->index(r, RequestModel::Spend).data(RequestModel::RawValueRole).toLongLong();
    }
    const QList<ReportRow> &rows = m_page->model()->rows();
    const auto row =
        std::find_if(rows.cbegin(), rows.cend(), [](const ReportRow &x) { return x.key == QStringLiteral("conv_a"); });
    QVERIFY(row != rows.cend());
    QCOMPARE(sum, row->costNano);

    // The Codex conversation: its six requests, each flagged when unpriced, the same as the core query.
    const int codex = rowOf(m_data->codexConversation);
    m_table->setCurrentIndex(m_table->model()->index(codex, 0));
    auto direct = ConversationRequestsQuery(*m_data->ledger)
                      .run(m_data->codexConversation, utcRangeOf(m_data->ledger->calendar(), m_since, m_until));
    QVERIFY(direct.ok());
    QCOMPARE(rm->rowCount(), 6);
    QCOMPARE(direct->requests.size(), 6);
    for (int r = 0; r < rm->rowCount(); ++r) {
        const ConversationRequest &want = direct->requests.at(r);
        QCOMPARE(rm->index(r, RequestModel::Time).data(RequestModel::RawValueRole).toLongLong(), want.occurredAtMs);
        QCOMPARE(rm->index(r, RequestModel::Pricing).data().toString() == QStringLiteral("unpriced"),
                 !want.costNano.has_value());
        QCOMPARE(rm->index(r, RequestModel::Spend).data(RequestModel::RawValueRole).toLongLong(),
                 want.costNano.value_or(0));
    }
    const QString title = m_page->findChild<QLabel *>(QStringLiteral("requestsTitle"))->text();
    QVERIFY2(title.contains(m_data->codexConversation) && title.contains(QStringLiteral("6 requests")),
             qPrintable(title));
    // A reload (after a sync or an import) keeps the conversation shown and selected.
    m_page->reload();
    QCOMPARE(m_page->shownConversation(), m_data->codexConversation);
    QCOMPARE(rm->rowCount(), 6);
    QCOMPARE(m_table->currentIndex().row(), rowOf(m_data->codexConversation));
}

void ConversationsPageTest::hiddenPageDoesNoWork()
{
    ConversationsPage hidden(*m_data->ledger, m_data->clock);
    hidden.reload();
    QVERIFY(hidden.isStale());
    QCOMPARE(hidden.model()->rowCount(), 0);
    hidden.resize(800, 500);
    hidden.show();
    QVERIFY(QTest::qWaitForWindowExposed(&hidden));
    QVERIFY(!hidden.isStale());
    QCOMPARE(hidden.model()->rows().size(), expected({}, QDate(2026, 10, 20), QDate(2026, 11, 18)).rows.size());
    QVERIFY(hidden.model()->rowCount() > 0);
}

void ConversationsPageTest::screenshot()
{
    const int convA = rowOf(QStringLiteral("conv_a"));
    m_table->setCurrentIndex(m_table->model()->index(convA, 0));
    m_table->sortByColumn(ConversationModel::Spend, Qt::DescendingOrder);
    QTest::qWait(50);
    const QImage shot = m_page->grab().toImage();
    const QString path = screenshotPath(QStringLiteral("conversations.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s (%dx%d)", qPrintable(path), shot.width(), shot.height());
    QCOMPARE(shot.size(), QSize(1100, 700) * m_page->devicePixelRatio());
    const ShotColours colours(shot);
    QVERIFY2(colours.looksDrawn(5), qPrintable(colours.describe()));
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::ConversationsPageTest)
#include "tst_conversationspage.moc"
