// The Reconciliation page on the real X server of the harness, over a ledger with provider sync data of known
// content: every row, amount, drift and open/final mark read back from its model equals ReconcileQuery's answer,
// the provider filter and the date range narrow it, a large drift is flagged, and the screenshot is drawn.
#include "../core/ledger/syncseed.h"
#include "guitest.h"
#include "ledger/ledger.h"
#include "ledger/reconcilequery.h"
#include "screenshot.h"
#include "ui/models/reconciletablemodel.h"
#include "ui/pages/reconciliationpage.h"
#include "util/clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace burnrate::test {

using ui::ReconcileTableModel;
using ui::ReconciliationPage;

namespace {

constexpr std::int64_t Usd = 1'000'000'000;

QVariant raw(ReconcileTableModel *m, int row, int column)
{
    return m->index(row, column).data(ReconcileTableModel::RawValueRole);
}

QString text(ReconcileTableModel *m, int row, int column)
{
    return m->index(row, column).data(Qt::DisplayRole).toString();
}

} // namespace

class ReconciliationPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void rowsEqualTheQuery();
    void providerFilterAndRangeNarrowIt();
    void emptyRangeSaysSo();
    void screenshot();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<ReconciliationPage> m_page;
};

void ReconciliationPageTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
}

void ReconciliationPageTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
    Ledger &l = *m_ledger;
    billed(l, "openai", "2026-11-02", 4 * Usd);
    usage(l, "openai", "2026-11-02T00:00:00Z", "1d", 10, 3 * Usd); // -25 %: large
    billed(l, "openai", "2026-11-03", 2 * Usd);
    usage(l, "openai", "2026-11-03T00:00:00Z", "1d", 10, 2 * Usd + Usd / 50); // +1 %, open
    billed(l, "anthropic", "2026-11-01", 5 * Usd);
    usage(l, "anthropic", "2026-11-01T00:00:00Z", "1d", 10, 5 * Usd + Usd / 10, "claude"); // +2 %
    usage(l, "anthropic", "2026-11-04T00:00:00Z", "1d", 10, Usd / 2, "claude");            // estimate only
    cover(l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(l, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(l, "anthropic", "cost_report", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    cover(l, "anthropic", "usage_report/messages", "2026-11-01T00:00:00Z", "2026-11-04T12:00:00Z");
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 4), QTime(12, 0), Qt::UTC));
    m_page = std::make_unique<ReconciliationPage>(l, *m_clock);
}

void ReconciliationPageTest::cleanup()
{
    m_page.reset();
    m_ledger.reset();
    m_dir.reset();
}

void ReconciliationPageTest::rowsEqualTheQuery()
{
    QCOMPARE(m_page->title(), QStringLiteral("Reconciliation"));
    m_page->setRange(QDate(2026, 11, 1), QDate(2026, 11, 4));
    const auto expected = ReconcileQuery(*m_ledger, *m_clock).run(QDate(2026, 11, 1), QDate(2026, 11, 4));
    QVERIFY2(expected.ok(), qPrintable(expected.error()));
    ReconcileTableModel *m = m_page->model();
    QCOMPARE(m->rowCount(), expected->rows.size());
    QCOMPARE(m->rowCount(), 4);
    for (int r = 0; r < m->rowCount(); ++r) {
        const ReconcileRow &e = expected->rows.at(r);
        QCOMPARE(raw(m, r, ReconcileTableModel::DayColumn).toDate(), e.day);
        QCOMPARE(raw(m, r, ReconcileTableModel::ProviderColumn).toString(), e.provider);
        QCOMPARE(raw(m, r, ReconcileTableModel::BilledColumn).isNull(), !e.billedNano.has_value());
        QCOMPARE(raw(m, r, ReconcileTableModel::BilledColumn).toLongLong(), e.billedNano.value_or(0));
        QCOMPARE(raw(m, r, ReconcileTableModel::EstimatedColumn).toLongLong(), e.estimatedNano.value_or(0));
        QCOMPARE(raw(m, r, ReconcileTableModel::StatusColumn).toBool(), e.closed);
        QCOMPARE(text(m, r, ReconcileTableModel::StatusColumn),
                 e.closed ? QStringLiteral("final") : QStringLiteral("open"));
        if (e.billedNano && e.estimatedNano) {
            QCOMPARE(raw(m, r, ReconcileTableModel::DriftColumn).toLongLong(), *e.estimatedNano - *e.billedNano);
        }
    }
    // Row by row, the known content: 1 Nov anthropic, 2 Nov openai, 3 Nov openai, 4 Nov anthropic.
    QCOMPARE(text(m, 0, ReconcileTableModel::DriftPercentColumn), QStringLiteral("2.0%"));
    QCOMPARE(text(m, 0, ReconcileTableModel::DriftColumn), QStringLiteral("+$0.1000"));
    QVERIFY(!m->index(0, 0).data(ReconcileTableModel::LargeDriftRole).toBool());
    QCOMPARE(raw(m, 1, ReconcileTableModel::DriftPercentColumn).toDouble(), -25.0);
    QCOMPARE(text(m, 1, ReconcileTableModel::DriftColumn), QStringLiteral("-$1.0000"));
    QCOMPARE(text(m, 1, ReconcileTableModel::BilledColumn), QStringLiteral("$4.0000"));
    QVERIFY(m->index(1, 0).data(ReconcileTableModel::LargeDriftRole).toBool());
    QVERIFY(m->index(1, ReconcileTableModel::DriftColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(raw(m, 1, ReconcileTableModel::StatusColumn).toBool());
    QVERIFY(!raw(m, 2, ReconcileTableModel::StatusColumn).toBool()); // 3 Nov is not final at noon on 4 Nov
    QVERIFY(m->index(2, 0).data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(raw(m, 2, ReconcileTableModel::DriftPercentColumn).toDouble(), 1.0);
    QCOMPARE(text(m, 3, ReconcileTableModel::BilledColumn), QStringLiteral("–"));
    QVERIFY(raw(m, 3, ReconcileTableModel::DriftColumn).isNull());
    QVERIFY2(m_page->summaryText().contains(QStringLiteral("1 with a large drift")), qPrintable(m_page->summaryText()));
}

void ReconciliationPageTest::providerFilterAndRangeNarrowIt()
{
    m_page->setRange(QDate(2026, 11, 1), QDate(2026, 11, 4));
    auto *combo = m_page->findChild<QComboBox *>();
    QVERIFY(combo);
    QVERIFY(combo->findData(QStringLiteral("openai")) > 0);
    QVERIFY(combo->findData(QStringLiteral("anthropic")) > 0);
    combo->setCurrentIndex(combo->findData(QStringLiteral("openai"))); // as the user picks it
    QCOMPARE(m_page->model()->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        QCOMPARE(raw(m_page->model(), r, ReconcileTableModel::ProviderColumn).toString(), QStringLiteral("openai"));
    }
    m_page->setProvider(QString());
    const auto edits = m_page->findChildren<QDateEdit *>();
    QCOMPARE(edits.size(), 2);
    edits.at(0)->setDate(QDate(2026, 11, 3)); // from 3 Nov
    QCOMPARE(m_page->model()->rowCount(), 2);
    QCOMPARE(raw(m_page->model(), 0, ReconcileTableModel::DayColumn).toDate(), QDate(2026, 11, 3));
}

void ReconciliationPageTest::emptyRangeSaysSo()
{
    QSignalSpy failed(m_page.get(), &ReconciliationPage::failed);
    m_page->setRange(QDate(2026, 10, 1), QDate(2026, 10, 31));
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(m_page->summaryText().startsWith(QStringLiteral("No billed or estimated provider data")));
    QCOMPARE(failed.count(), 0);
}

void ReconciliationPageTest::screenshot()
{
    m_page->setRange(QDate(2026, 11, 1), QDate(2026, 11, 4));
    m_page->resize(900, 420);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QString path = checkedScreenshot(m_page.get(), QStringLiteral("reconciliation.png"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(QImage(path).size(), QSize(900, 420) * m_page->devicePixelRatio());
}

} // namespace burnrate::test

using burnrate::test::ReconciliationPageTest;
BURNRATE_GUI_TEST_MAIN(ReconciliationPageTest)
#include "tst_reconciliationpage.moc"
