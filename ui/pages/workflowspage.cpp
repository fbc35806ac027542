#include "pages/workflowspage.h"

#include "format.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "models/workflowmodel.h"
#include "pricing/pricebook.h"
#include "pricing/pricestore.h"
#include "util/clock.h"
#include "widgets/daterangeedit.h"
#include "widgets/tableviews.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace burnrate::ui {

WorkflowsPage::WorkflowsPage(Ledger &ledger, const Clock &clock, QWidget *parent)
    : DeferredPage(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_model(new WorkflowModel(this))
    , m_range(new DateRangeEdit(this))
    , m_baselineCombo(new QComboBox(this))
    , m_summary(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_baselineCombo->setObjectName(QStringLiteral("baselineModel"));
    m_baselineCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baselineCombo->setMinimumContentsLength(28);
    m_baselineCombo->addItem(tr("No baseline"));
    auto *label = new QLabel(tr("&Baseline model"), this);
    label->setBuddy(m_baselineCombo);
    bar->addWidget(label);
    bar->addWidget(m_baselineCombo);
    bar->addStretch(1);
    bar->addWidget(m_range);
    layout->addLayout(bar);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = makeSortedTable(m_model, WorkflowModel::RawValueRole, this);
    m_table->setObjectName(QStringLiteral("workflowTable"));
    layout->addWidget(m_table, 1);

    const QDate today = m_ledger.calendar().dateOf(m_clock.nowMs());
    m_range->setRange(today.addDays(-29), today);
    connect(m_range, &DateRangeEdit::rangeChanged, this, &WorkflowsPage::reload);
    connect(m_baselineCombo, &QComboBox::currentIndexChanged, this, &WorkflowsPage::reload);
}

void WorkflowsPage::setPriceBook(std::shared_ptr<const PriceBook> book)
{
    m_book = std::move(book);
    fillBaselines();
    reload();
}

bool WorkflowsPage::ensureBook()
{
    if (m_book) {
        return true;
    }
    auto book = PriceStore(m_ledger).load();
    if (!book) {
        Q_EMIT failed(tr("Could not read the price book: %1").arg(book.error()));
        return false;
    }
    m_book = *book;
    fillBaselines();
    return true;
}

void WorkflowsPage::fillBaselines()
{
    const QString current = m_baselineCombo->currentData().toString();
    const QSignalBlocker block(m_baselineCombo);
    m_baselineCombo->clear();
    m_baselineCombo->addItem(tr("No baseline"));
    if (!m_book) {
        return;
    }
    QList<const ModelEntry *> models;
    for (const ProviderEntry &p : m_book->providers()) {
        for (const ModelEntry &m : p.models) {
            models.append(&m);
        }
    }
    std::sort(models.begin(), models.end(), [](const ModelEntry *a, const ModelEntry *b) { return a->ref < b->ref; });
    for (const ModelEntry *m : std::as_const(models)) {
        m_baselineCombo->addItem(m->ref, m->ref);
    }
    m_baselineCombo->setCurrentIndex(std::max(0, m_baselineCombo->findData(current)));
}

bool WorkflowsPage::setBaseline(const QString &ref)
{
    if (!ensureBook()) {
        return false;
    }
    const int index = m_baselineCombo->findData(ref);
    if (index < 0) {
        return false;
    }
    m_baselineCombo->setCurrentIndex(index);
    return true;
}

void WorkflowsPage::refresh()
{
    if (!ensureBook()) {
        return;
    }
    ReportRequest request;
    request.by = ReportBy::Workflow;
    request.since = m_range->from();
    request.until = m_range->until();
    auto report = ReportQuery(m_ledger, m_clock).run(request);
    if (!report) {
        Q_EMIT failed(report.error());
        return;
    }
    m_baseline.reset();
    const QString ref = m_baselineCombo->currentData().toString();
    if (!ref.isEmpty()) {
        const qsizetype slash = ref.indexOf(QLatin1Char('/'));
        auto baseline = BaselineCost(m_ledger, *m_book)
                            .run(ref.left(slash), ref.mid(slash + 1),
                                 utcRangeOf(m_ledger.calendar(), request.since, request.until));
        if (!baseline) {
            Q_EMIT failed(baseline.error());
            return;
        }
        m_baseline = std::move(baseline).value();
    }
    m_model->setRows(report->rows);
    m_model->setBaseline(m_baseline);
    m_table->resizeColumnsToContents();
    updateSummary(*report);
}

void WorkflowsPage::updateSummary(const Report &report)
{
    QStringList parts{tr("%n workflow(s)", nullptr, static_cast<int>(report.rows.size())),
                      tr("spend %1").arg(Format::cost(report.total.costNano))};
    if (report.subscriptionValueNano > 0) {
        parts << tr("subscription value %1 (not spend)").arg(Format::cost(report.subscriptionValueNano));
    }
    if (m_baseline) {
        const BaselineRow &t = m_baseline->total;
        parts << tr("on %1 the %2 compared would have cost %3 instead of %4: %5 %6")
                     .arg(m_baselineCombo->currentText(), Format::requests(t.comparedRequests),
                          Format::cost(t.baselineNano), Format::cost(t.actualNano),
                          t.savingNano() >= 0 ? tr("saving") : tr("extra cost"),
                          Format::cost(t.savingNano() >= 0 ? t.savingNano() : -t.savingNano()));
        if (t.unpricedAtBaseline > 0) {
            parts << tr("%1 cannot be priced at the baseline").arg(Format::requests(t.unpricedAtBaseline));
        }
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace burnrate::ui
