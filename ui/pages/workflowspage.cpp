#include "ui/pages/workflowspage.h"

#include "jobs/baselinejob.h"
#include "jobs/reportjob.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "pricing/pricebook.h"
#include "pricing/pricestore.h"
#include "ui/format.h"
#include "ui/models/workflowmodel.h"
#include "ui/widgets/daterangeedit.h"
#include "ui/widgets/tableviews.h"
#include "util/clock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace burnrate::ui {

WorkflowsPage::WorkflowsPage(Ledger &ledger, const Clock &clock, QWidget *parent)
    : DeferredPage(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_model(new WorkflowModel(this))
    , m_range(new DateRangeEdit(this))
    , m_baselineCombo(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_job(new BaselineJob(ledger.db().path(), this))
    , m_reportJob(new ReportJob(ledger, clock, this))
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
    auto *status = new QHBoxLayout;
    status->addWidget(m_summary, 1);
    m_progress->setObjectName(QStringLiteral("baselineProgress"));
    m_progress->setFormat(tr("Pricing at the baseline: %v of %m requests"));
    m_progress->setTextVisible(true);
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(m_progress->format()) +
                                m_progress->fontMetrics().horizontalAdvance(QStringLiteral("0,000,000,000")));
    m_progress->hide();
    status->addWidget(m_progress);
    m_cancel->setObjectName(QStringLiteral("cancelBaseline"));
    m_cancel->setToolTip(tr("Stop pricing the requests at the baseline model"));
    m_cancel->hide();
    status->addWidget(m_cancel);
    layout->addLayout(status);
    m_table = makeSortedTable(m_model, WorkflowModel::RawValueRole, this);
    m_table->setObjectName(QStringLiteral("workflowTable"));
    layout->addWidget(m_table, 1);

    const QDate today = m_ledger.calendar().dateOf(m_clock.nowMs());
    m_range->setRange(today.addDays(-29), today);
    connect(m_range, &DateRangeEdit::rangeChanged, this, &WorkflowsPage::reload);
    connect(m_baselineCombo, &QComboBox::currentIndexChanged, this, &WorkflowsPage::reload);
    connect(m_job, &BaselineJob::progress, this, [this](qint64 done, qint64 total) {
        // QProgressBar counts in int: show large ledgers in thousands.
        const qint64 scale = total > std::numeric_limits<int>::max() / 2 ? 1000 : 1;
        m_progress->setRange(0, static_cast<int>(total / scale));
        m_progress->setValue(static_cast<int>(done / scale));
    });
    connect(m_job, &BaselineJob::finished, this, &WorkflowsPage::showBaseline);
    connect(m_job, &BaselineJob::failed, this, [this](const QString &error) {
        endBaseline(tr("the baseline could not be computed"));
        Q_EMIT failed(error);
    });
    connect(m_job, &BaselineJob::cancelled, this, [this](qint64 done, qint64 total) {
        endBaseline(tr("baseline cancelled after %1 of %2").arg(Format::requests(done), Format::requests(total)));
    });
    connect(m_cancel, &QPushButton::clicked, m_job, &BaselineJob::cancel);
    // The workflow view reads every event of the range: off the UI thread.
    connect(m_reportJob, &ReportJob::finished, this, &WorkflowsPage::showReport);
    connect(m_reportJob, &ReportJob::failed, this, [this](const QString &error) {
        m_summary->setText(tr("The workflows could not be read."));
        Q_EMIT failed(error);
    });
}

bool WorkflowsPage::isComputingBaseline() const
{
    return m_job->isRunning();
}

bool WorkflowsPage::isLoading() const
{
    return m_reportJob->isRunning();
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
    m_baseline.reset();
    m_baselineNote.clear();
    m_model->setBaseline(m_baseline);
    m_summary->setText(tr("Reading the workflows…"));
    m_reportJob->start(request);
    startBaseline(request);
}

void WorkflowsPage::showReport(const Report &report)
{
    m_report = report;
    m_model->setRows(m_report.rows);
    m_model->setBaseline(m_baseline);
    m_table->resizeColumnsToContents();
    updateSummary();
}

void WorkflowsPage::startBaseline(const ReportRequest &request)
{
    const QString ref = m_baselineCombo->currentData().toString();
    if (ref.isEmpty()) {
        m_job->discard();
        m_progress->hide();
        m_cancel->hide();
        return;
    }
    const qsizetype slash = ref.indexOf(QLatin1Char('/'));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_job->start(m_book, ref.left(slash), ref.mid(slash + 1),
                 utcRangeOf(m_ledger.calendar(), request.since, request.until));
}

void WorkflowsPage::showBaseline(const BaselineReport &baseline)
{
    m_baseline = baseline;
    m_model->setBaseline(m_baseline);
    m_table->resizeColumnsToContents();
    endBaseline({});
}

void WorkflowsPage::endBaseline(const QString &note)
{
    m_baselineNote = note;
    m_progress->hide();
    m_cancel->hide();
    if (!isLoading()) {
        updateSummary();
    }
}

void WorkflowsPage::updateSummary()
{
    const Report &report = m_report;
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
    if (!m_baselineNote.isEmpty()) {
        parts << m_baselineNote;
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace burnrate::ui
