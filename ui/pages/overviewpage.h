#ifndef BURNRATE_UI_PAGES_OVERVIEWPAGE_H
#define BURNRATE_UI_PAGES_OVERVIEWPAGE_H

#include "ui/overviewdata.h"
#include "ui/pages/page.h"

class QLabel;
class QScrollArea;
class QTableView;
class QVBoxLayout;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class BudgetMeter;
class ReportTableModel;
class SpendCard;
class SyncStatusTable;
class TrendChart;

// The dashboard: cards (today, this week, this month, the month's forecast, credit left), a meter per budget,
// the per-provider trend, this month by provider and by model, and sync status per provider. Every amount says
// where it comes from (billed, estimated, local, subscription-equivalent), and unpriced use is pointed out.
class OverviewPage final : public Page
{
    Q_OBJECT

public:
    OverviewPage(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);
    ~OverviewPage() override;

    QString title() const override;

    // What is on screen, as last loaded.
    const Overview &overview() const { return m_overview; }
    ReportTableModel *providerModel() const { return m_providerModel; }
    ReportTableModel *modelModel() const { return m_modelModel; }
    TrendChart *trendChart() const { return m_trend; }
    QList<BudgetMeter *> budgetMeters() const { return m_meters; }
    QWidget *budgetsSection() const { return m_budgetsSection; }
    QScrollArea *scrollArea() const { return m_scroll; }

public Q_SLOTS:
    void reload() override;
    // Scrolls to the budget meters.
    void showBudgets();
    // The budgets as the app's budget monitor last checked them. Once called, reload() leaves budgets to it: the
    // workflow and tag budgets read events, and the monitor reads them anyway after every sync and import.
    void setBudgetStatuses(const QList<burnrate::BudgetStatus> &statuses);
    // Budgets will come through setBudgetStatuses(); until they do, the meters say they are being checked.
    void expectBudgetStatuses();

Q_SIGNALS:
    void loaded(const burnrate::ui::Overview &overview);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildContent();
    QWidget *buildBudgets();
    void loadTrend(ReportBy range);
    void display(const Overview &overview);
    void displayCards(const Overview &overview);
    void displayCredits(const Overview &overview);
    void displayBudgets(const Overview &overview);
    void showError(const QString &message);

    Ledger &m_ledger;
    const Clock &m_clock;
    Overview m_overview;

    QScrollArea *m_scroll = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_error = nullptr;
    SpendCard *m_todayCard = nullptr;
    SpendCard *m_weekCard = nullptr;
    SpendCard *m_monthCard = nullptr;
    SpendCard *m_forecastCard = nullptr;
    SpendCard *m_creditCard = nullptr;
    QLabel *m_emptyNote = nullptr;
    QLabel *m_unpricedNote = nullptr;
    QWidget *m_budgetsSection = nullptr;
    QVBoxLayout *m_metersLayout = nullptr;
    QLabel *m_noBudgets = nullptr;
    QList<BudgetMeter *> m_meters;
    TrendChart *m_trend = nullptr;
    ReportTableModel *m_providerModel = nullptr;
    ReportTableModel *m_modelModel = nullptr;
    SyncStatusTable *m_syncTable = nullptr;
    QLabel *m_noSync = nullptr;
    bool m_budgetsFromOutside = false;
    bool m_budgetsKnown = true;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_OVERVIEWPAGE_H
