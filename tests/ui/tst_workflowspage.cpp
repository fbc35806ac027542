// The Workflows page on the real X server of the harness, over a ledger filled by the real importers: the
// outcome metrics equal ReportQuery, every column sorts, the date range narrows the rows, and the savings
// against a baseline model equal the core computation (BaselineCost); a screenshot of the page is not blank.
#include "guitest.h"
#include "ledger/reportquery.h"
#include "pagesfixture.h"
#include "pricing/baselinecost.h"
#include "ui/format.h"
#include "ui/models/workflowmodel.h"
#include "ui/pages/workflowspage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>

namespace burnrate::test {

using ui::WorkflowModel;
using ui::WorkflowsPage;

class WorkflowsPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void metricsEqualReportQuery();
    void everyColumnSorts();
    void dateRangeNarrowsTheRows();
    void baselineSavingsEqualTheCore();
    void cancelShowsNoBaseline();
    void hiddenPageDoesNoWork();
    void screenshot();

private:
    Report expected(QDate since, QDate until);
    const ReportRow *row(const QString &workflow) const;
    void setRange(QDate since, QDate until);

    std::unique_ptr<PagesLedger> m_data;
    std::unique_ptr<WorkflowsPage> m_page;
    QTableView *m_table = nullptr;
    const QDate m_since{2026, 1, 1};
    const QDate m_until{2026, 11, 18};
};

void WorkflowsPageTest::initTestCase()
{
    REQUIRE_FIXTURES(pagesFixtureFiles());
    BURNRATE_REQUIRE_HARNESS();
    m_data = makePagesLedger();
    QVERIFY2(m_data->ok(), qPrintable(m_data->error));
    m_page = std::make_unique<WorkflowsPage>(*m_data->ledger, m_data->clock);
    QCOMPARE(m_page->title(), QStringLiteral("Workflows"));
    m_page->resize(1100, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_table = m_page->findChild<QTableView *>(QStringLiteral("workflowTable"));
    QVERIFY(m_table);
    setRange(m_since, m_until);
}

void WorkflowsPageTest::setRange(QDate since, QDate until)
{
    m_page->findChild<QDateEdit *>(QStringLiteral("untilDate"))->setDate(until);
    m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(since);
    // The workflows are read on a worker thread.
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 10000);
}

Report WorkflowsPageTest::expected(QDate since, QDate until)
{
    auto report = ReportQuery(*m_data->ledger, m_data->clock).run(ReportRequest{ReportBy::Workflow, since, until, 0});
    if (!report) {
        qFatal("%s", qPrintable(report.error()));
    }
    return *report;
}

const ReportRow *WorkflowsPageTest::row(const QString &workflow) const
{
    for (const ReportRow &r : m_page->model()->rows()) {
        if (r.key == workflow && r.provenance != QLatin1String("subscription")) {
            return &r;
        }
    }
    return nullptr;
}

void WorkflowsPageTest::metricsEqualReportQuery()
{
    const Report report = expected(m_since, m_until);
    WorkflowModel *m = m_page->model();
    QCOMPARE(m->rowCount(), report.rows.size());
    for (int r = 0; r < m->rowCount(); ++r) {
        const ReportRow &want = report.rows.at(r);
        auto raw = [&](int column) {
            return m->index(r, column).data(WorkflowModel::RawValueRole);
        };
        QCOMPARE(raw(WorkflowModel::Workflow).toString(), want.key);
        QCOMPARE(raw(WorkflowModel::Runs).toLongLong(), want.runs);
        QCOMPARE(raw(WorkflowModel::Requests).toLongLong(), want.requests);
        QCOMPARE(raw(WorkflowModel::Spend).toLongLong() + raw(WorkflowModel::SubscriptionValue).toLongLong(),
                 want.costNano);
        QCOMPARE(raw(WorkflowModel::ToolCalls).toLongLong(), want.toolCalls);
        QCOMPARE(raw(WorkflowModel::CostPerSuccess).toLongLong(),
                 want.successes > 0 && want.provenance != QLatin1String("subscription") ? want.costNano / want.successes
                                                                                        : -1);
        QCOMPARE(m->index(r, WorkflowModel::SuccessRate).data().toString(),
                 ui::Format::percent(want.successes, want.requests));
        QCOMPARE(m->index(r, WorkflowModel::RetryRate).data().toString(),
                 ui::Format::percent(want.retriedRequests, want.requests));
    }
    // Known from sample.jsonl: customer_support_reply is two requests of one run (wf_8f2a), 3 + 1 tool calls,
    // one retried; 4,120 and 3,050 ms average to 3,585 ms.
    const ReportRow *support = row(QStringLiteral("customer_support_reply"));
    QVERIFY(support);
    QCOMPARE(support->requests, 2);
    QCOMPARE(support->runs, 1);
    QCOMPARE(support->toolCalls, 4);
    QCOMPARE(support->retriedRequests, 1);
    const int r = static_cast<int>(support - m->rows().constData());
    QCOMPARE(m->index(r, WorkflowModel::AverageLatency).data().toString(),
             QStringLiteral("%1 ms").arg(ui::Format::count(3585)));
    QCOMPARE(m->index(r, WorkflowModel::RetryRate).data().toString(), ui::Format::percent(1, 2));
    QCOMPARE(m->index(r, WorkflowModel::SuccessRate).data().toString(), ui::Format::percent(2, 2));
}

void WorkflowsPageTest::everyColumnSorts()
{
    QAbstractItemModel *m = m_table->model();
    QVERIFY(m->rowCount() >= 4);
    for (int column = 0; column < WorkflowModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_table->sortByColumn(column, order);
            QString why;
            QVERIFY2(isSortedBy(m, column, WorkflowModel::RawValueRole, order, &why), qPrintable(why));
        }
    }
    m_table->sortByColumn(-1, Qt::DescendingOrder);
}

void WorkflowsPageTest::dateRangeNarrowsTheRows()
{
    // 4 November (Berlin) holds only req_0005, the o3 request of hard_reasoning at 22:30 UTC = 23:30 local.
    setRange(QDate(2026, 11, 4), QDate(2026, 11, 4));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->rows().at(0).key, QStringLiteral("hard_reasoning"));
    QCOMPARE(m_page->model()->rows().at(0).requests, 1);
    QCOMPARE(m_page->model()->rows().at(0).costNano, expected(QDate(2026, 11, 4), QDate(2026, 11, 4)).total.costNano);
    setRange(m_since, m_until);
    QCOMPARE(m_page->model()->rowCount(), expected(m_since, m_until).rows.size());
}

void WorkflowsPageTest::baselineSavingsEqualTheCore()
{
    auto *combo = m_page->findChild<QComboBox *>(QStringLiteral("baselineModel"));
    QVERIFY(combo);
    QVERIFY(combo->count() > 100); // every model of the shipped book
    QVERIFY(!m_page->baseline());
    QVERIFY(!m_page->setBaseline(QStringLiteral("openai/no-such-model")));
    QVERIFY(m_page->setBaseline(QStringLiteral("openai/gpt-4o-mini")));
    QCOMPARE(combo->currentText(), QStringLiteral("openai/gpt-4o-mini"));
    // Priced on a worker thread: the progress bar shows until the result arrives.
    auto *progress = m_page->findChild<QProgressBar *>(QStringLiteral("baselineProgress"));
    QVERIFY(progress);
    QVERIFY(m_page->isComputingBaseline());
    QVERIFY(!progress->isHidden());
    QTRY_VERIFY(m_page->baseline());
    QVERIFY(progress->isHidden());

    auto core = BaselineCost(*m_data->ledger, *m_data->book)
                    .run(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"),
                         utcRangeOf(m_data->ledger->calendar(), m_since, m_until));
    QVERIFY(core.ok());
    QCOMPARE(m_page->baseline()->rows.size(), core->rows.size());
    QCOMPARE(m_page->baseline()->total.savingNano(), core->total.savingNano());
    WorkflowModel *m = m_page->model();
    int compared = 0;
    for (const BaselineRow &want : core->rows) {
        const ReportRow *r = row(want.key);
        QVERIFY2(r, qPrintable(want.key));
        const int index = static_cast<int>(r - m->rows().constData());
        QCOMPARE(m->index(index, WorkflowModel::BaselineCost).data(WorkflowModel::RawValueRole).toLongLong(),
                 want.baselineNano);
        QCOMPARE(m->index(index, WorkflowModel::Saving).data(WorkflowModel::RawValueRole).toLongLong(),
                 want.savingNano());
        QCOMPARE(m->index(index, WorkflowModel::Saving).data().toString(), ui::Format::cost(want.savingNano()));
        QCOMPARE(m->index(index, WorkflowModel::NotCompared).data(WorkflowModel::RawValueRole).toLongLong(),
                 want.requests - want.comparedRequests);
        compared += static_cast<int>(want.comparedRequests);
    }
    QVERIFY(compared >= 5);
    // invoice_extraction ran on gpt-4o-mini and was priced with the same book: the baseline is its own cost.
    const BaselineRow *invoice = nullptr;
    for (const BaselineRow &b : core->rows) {
        invoice = b.key == QStringLiteral("invoice_extraction") ? &b : invoice;
    }
    QVERIFY(invoice);
    QCOMPARE(invoice->comparedRequests, 2);
    QCOMPARE(invoice->baselineNano, invoice->actualNano);
    QCOMPARE(invoice->savingNano(), 0);
    QCOMPARE(invoice->actualNano, row(QStringLiteral("invoice_extraction"))->costNano);
    const QString summary = m_page->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(ui::Format::cost(core->total.baselineNano)), qPrintable(summary));

    // Back to no baseline: the columns empty again.
    combo->setCurrentIndex(0);
    QVERIFY(!m_page->baseline());
    QVERIFY(!m->index(0, WorkflowModel::Saving).data(WorkflowModel::RawValueRole).isValid());
    QVERIFY(m_page->setBaseline(QStringLiteral("anthropic/claude-haiku-4-5")));
    QTRY_VERIFY(m_page->baseline());
}

void WorkflowsPageTest::cancelShowsNoBaseline()
{
    auto *cancel = m_page->findChild<QPushButton *>(QStringLiteral("cancelBaseline"));
    QVERIFY(cancel);
    QVERIFY(cancel->isHidden());
    QVERIFY(m_page->setBaseline(QStringLiteral("openai/gpt-4o-mini")));
    QVERIFY(!m_page->baseline());
    QVERIFY(!cancel->isHidden());
    const QImage running = m_page->grab().toImage();
    const QString path = screenshotPath(QStringLiteral("workflows-baseline-running.png"));
    QVERIFY2(running.save(path), qPrintable(path));
    const ShotColours colours(running);
    QVERIFY2(colours.looksDrawn(5), qPrintable(colours.describe()));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!m_page->isComputingBaseline());
    auto *summary = m_page->findChild<QLabel *>(QStringLiteral("summary"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("cancelled")), qPrintable(summary->text()));
    QVERIFY(cancel->isHidden());
    QVERIFY(!m_page->baseline());
    QVERIFY(!m_page->model()->index(0, WorkflowModel::Saving).data(WorkflowModel::RawValueRole).isValid());
    // Choosing a baseline again computes it in full.
    QVERIFY(m_page->setBaseline(QStringLiteral("anthropic/claude-haiku-4-5")));
    QTRY_VERIFY(m_page->baseline());
}

void WorkflowsPageTest::hiddenPageDoesNoWork()
{
    WorkflowsPage hidden(*m_data->ledger, m_data->clock);
    hidden.reload();
    QVERIFY(hidden.isStale());
    QCOMPARE(hidden.model()->rowCount(), 0);
    hidden.show();
    QVERIFY(QTest::qWaitForWindowExposed(&hidden));
    QVERIFY(!hidden.isStale());
    QTRY_VERIFY_WITH_TIMEOUT(!hidden.isLoading(), 10000);
    QCOMPARE(hidden.model()->rowCount(), expected(QDate(2026, 10, 20), QDate(2026, 11, 18)).rows.size());
}

void WorkflowsPageTest::screenshot()
{
    QTRY_VERIFY(!m_page->isComputingBaseline());
    QTest::qWait(50);
    const QImage shot = m_page->grab().toImage();
    const QString path = screenshotPath(QStringLiteral("workflows.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s (%dx%d)", qPrintable(path), shot.width(), shot.height());
    QCOMPARE(shot.size(), QSize(1100, 700) * m_page->devicePixelRatio());
    const ShotColours colours(shot);
    QVERIFY2(colours.looksDrawn(5), qPrintable(colours.describe()));
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::WorkflowsPageTest)
#include "tst_workflowspage.moc"
