#ifndef BURNRATE_UI_PAGES_WORKFLOWSPAGE_H
#define BURNRATE_UI_PAGES_WORKFLOWSPAGE_H

#include "ledger/reportquery.h"
#include "pricing/baselinecost.h"
#include "ui/pages/deferredpage.h"

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace burnrate {
class BaselineJob;
class ReportJob;
class Clock;
class Ledger;
class PriceBook;
} // namespace burnrate

namespace burnrate::ui {

class DateRangeEdit;
class WorkflowModel;

// Per workflow: cost, runs and requests, success rate, cost per successful completion, retry rate, latency and
// tool calls, and what the same tokens would have cost on a baseline model chosen from the price book. The baseline
// prices every request of the range, on a worker thread (BaselineJob) with a progress bar and a Cancel button.
class WorkflowsPage final : public DeferredPage
{
    Q_OBJECT

public:
    // The range starts as the 30 days up to today (the clock's, in the ledger's zone). The price book is the
    // ledger's active one (PriceStore), read when first needed, unless setPriceBook() gave one.
    WorkflowsPage(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);

    QString title() const override { return tr("Workflows"); }

    // The book whose models the baseline list offers and whose prices it uses (e.g. after a price update).
    void setPriceBook(std::shared_ptr<const PriceBook> book);
    // Chooses the baseline by "provider/model" (the book's ref); false when the book has no such model.
    bool setBaseline(const QString &ref);

    WorkflowModel *model() const { return m_model; }
    // The baseline figures shown, once the computation for the chosen baseline and range has finished.
    const std::optional<BaselineReport> &baseline() const { return m_baseline; }
    // Whether the baseline is being computed.
    bool isComputingBaseline() const;
    // Whether the workflows of the range are still being read (on a worker thread).
    bool isLoading() const;

protected:
    void refresh() override;

private:
    bool ensureBook();
    void fillBaselines();
    void startBaseline(const ReportRequest &request);
    void showBaseline(const BaselineReport &baseline);
    void showReport(const Report &report);
    void endBaseline(const QString &note);
    void updateSummary();

    Ledger &m_ledger;
    const Clock &m_clock;
    std::shared_ptr<const PriceBook> m_book;
    WorkflowModel *m_model;
    DateRangeEdit *m_range;
    QComboBox *m_baselineCombo;
    QLabel *m_summary;
    QTableView *m_table;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    BaselineJob *m_job;
    ReportJob *m_reportJob;
    Report m_report;
    std::optional<BaselineReport> m_baseline;
    QString m_baselineNote; // why the baseline is not shown (cancelled, failed), if so
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_WORKFLOWSPAGE_H
