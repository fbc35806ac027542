#include "ui/settings/repricedialog.h"

#include "jobs/repricejob.h"
#include "ledger/ledger.h"
#include "money/money.h"
#include "ui/format.h"
#include "ui/widgets/daterangeedit.h"
#include "util/clock.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

QString signedCost(std::int64_t nano)
{
    return nano > 0   ? QStringLiteral("+") + Format::cost(nano)
           : nano < 0 ? QStringLiteral("−") + Format::cost(-nano)
                      : Format::cost(0);
}

} // namespace

RepriceDialog::RepriceDialog(Ledger &ledger, const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_job(new RepriceJob(ledger, this))
    , m_allDates(new QCheckBox(tr("All stored events"), this))
    , m_range(new DateRangeEdit(this))
    , m_preview(new QPushButton(tr("Preview"), this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_stop(new QPushButton(tr("Cancel"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_progress(new QProgressBar(this))
    , m_table(new QTableWidget(0, 8, this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Reprice Stored Events"));
    const QDate today = ledger.calendar().dateOf(clock.nowMs());
    m_range->setRange(LocalCalendar::monthStartOf(today), today);
    m_allDates->setChecked(true);
    m_range->setEnabled(false);
    auto *intro = new QLabel(tr("Prices the stored events again with the active prices (your own prices included). "
                                "Preview shows the difference; Run writes it, all at once or not at all."),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Provider"), tr("Events"), tr("Changed"), tr("Before"),
                                        tr("After"), tr("Difference"), tr("Unpriced")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_run->setEnabled(false);
    m_stop->setEnabled(false);
    m_preview->setDefault(true);

    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_allDates);
    rangeRow->addSpacing(12);
    rangeRow->addWidget(m_range);
    rangeRow->addStretch(1);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_stop);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_preview, QDialogButtonBox::ActionRole);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(rangeRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_allDates, &QCheckBox::toggled, this, [this](bool all) {
        m_range->setEnabled(!all);
        rangeEdited();
    });
    connect(m_range, &DateRangeEdit::rangeChanged, this, &RepriceDialog::rangeEdited);
    connect(m_preview, &QPushButton::clicked, this, &RepriceDialog::preview);
    connect(m_run, &QPushButton::clicked, this, &RepriceDialog::run);
    connect(m_stop, &QPushButton::clicked, this, &RepriceDialog::cancelRun);
    connect(m_close, &QPushButton::clicked, this, &RepriceDialog::reject);
    connect(m_job, &RepriceJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
        m_progress->setFormat(tr("%1 of %2 events").arg(Format::count(done), Format::count(total)));
    });
    connect(m_job, &RepriceJob::finished, this, &RepriceDialog::finish);
    connect(m_job, &RepriceJob::cancelled, this, [this] {
        setBusy(false);
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        m_status->setText(tr("Cancelled: nothing was changed."));
        Q_EMIT cancelled();
        if (m_closeWhenStopped) {
            QDialog::reject();
        }
    });
    connect(m_job, &RepriceJob::failed, this, [this](const QString &error) {
        setBusy(false);
        m_status->setText(tr("Could not reprice: %1").arg(error));
        Q_EMIT failed(error);
        if (m_closeWhenStopped) {
            QDialog::reject();
        }
    });
    resize(720, 460);
}

RepriceDialog::~RepriceDialog() = default; // the job cancels a run still going and waits for it

void RepriceDialog::setNote(const QString &note)
{
    m_status->setText(note);
}

QString RepriceDialog::statusText() const
{
    return m_status->text();
}

bool RepriceDialog::isRunning() const
{
    return m_job->isRunning();
}

RepriceRange RepriceDialog::range() const
{
    if (m_allDates->isChecked()) {
        return {};
    }
    return RepriceRange{m_range->from(), m_range->until()};
}

void RepriceDialog::rangeEdited()
{
    // A preview is for the range it was made for.
    m_previewed = false;
    m_table->setRowCount(0);
    m_run->setEnabled(false);
    m_status->clear();
}

void RepriceDialog::preview()
{
    start(true);
}

void RepriceDialog::run()
{
    if (m_previewed) {
        start(false);
    }
}

void RepriceDialog::start(bool dryRun)
{
    if (!m_job->start(range(), dryRun)) {
        return;
    }
    m_dryRun = dryRun;
    setBusy(true);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_status->setText(dryRun ? tr("Pricing the stored events…") : tr("Re-pricing the stored events…"));
}

void RepriceDialog::cancelRun()
{
    if (m_job->isRunning()) {
        m_job->cancel();
        m_stop->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
    }
}

void RepriceDialog::reject()
{
    if (m_job->isRunning()) {
        // Closed while running: stop it first (rolled back), then close.
        m_closeWhenStopped = true;
        cancelRun();
        return;
    }
    QDialog::reject();
}

void RepriceDialog::setBusy(bool busy)
{
    m_allDates->setEnabled(!busy);
    m_range->setEnabled(!busy && !m_allDates->isChecked());
    m_preview->setEnabled(!busy);
    m_run->setEnabled(!busy && m_previewed);
    m_stop->setEnabled(busy);
}

void RepriceDialog::showOutcome(const RepriceOutcome &outcome)
{
    m_table->setRowCount(0);
    const auto addRow = [this](const QString &model, const QString &provider, const RepriceFigures &f, bool bold) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const QStringList cells{model,
                                provider,
                                Format::count(f.events),
                                Format::count(f.changed),
                                Format::cost(f.beforeNano),
                                Format::cost(f.afterNano),
                                signedCost(f.differenceNano()),
                                tr("%1 → %2").arg(Format::count(f.unpricedBefore), Format::count(f.unpricedAfter))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c >= 2) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            // The exact figures, as the command line prints them.
            if (c == 4 || c == 5 || c == 6) {
                const std::int64_t nano = c == 4 ? f.beforeNano : c == 5 ? f.afterNano : f.differenceNano();
                item->setToolTip(tr("%1 USD").arg(Money::fromNano(nano).toDecimalString()));
            }
            if (bold) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_table->setItem(r, c, item);
        }
    };
    for (const RepriceRow &row : outcome.rows) {
        addRow(row.model, row.provider, row.figures, false);
    }
    addRow(tr("Total"), QString(), outcome.total, true);
}

void RepriceDialog::finish(const RepriceOutcome &outcome)
{
    showOutcome(outcome);
    m_progress->setValue(1000);
    const RepriceFigures &t = outcome.total;
    const QString unpriced =
        t.unpricedBefore == t.unpricedAfter
            ? QString()
            : tr(" Unpriced events: %1 → %2.").arg(Format::count(t.unpricedBefore), Format::count(t.unpricedAfter));
    if (!outcome.written) {
        m_previewed = true;
        m_status->setText((t.changed == 0 ? tr("Nothing would change with %1.").arg(outcome.bookId)
                                          : tr("%1 of %2 events would change (%3) with %4. Run writes them.")
                                                .arg(Format::count(t.changed), Format::count(t.events),
                                                     signedCost(t.differenceNano()), outcome.bookId)) +
                          unpriced);
    } else {
        m_previewed = false; // a new preview is needed for another run
        m_status->setText((t.changed == 0 ? tr("Nothing to change.")
                                          : tr("Re-priced %1 events (%2) in one transaction; the figures are updated.")
                                                .arg(Format::count(t.changed), signedCost(t.differenceNano()))) +
                          unpriced);
    }
    setBusy(false);
    Q_EMIT completed(outcome.written);
    if (outcome.written && t.changed > 0) {
        Q_EMIT repriced();
    }
    if (m_closeWhenStopped) {
        QDialog::reject();
    }
}

} // namespace burnrate::ui
