#ifndef BURNRATE_UI_MAINWINDOW_H
#define BURNRATE_UI_MAINWINDOW_H

#include "overviewdata.h"

#include <QMainWindow>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class ReportTableModel;
class SpendCard;

// The main window: for now one overview page with today / this week / this month, and this
// month's spend by provider and by model.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Marks the data as generated demo data (in the title and the status bar).
    void setDemo(bool demo);

    // What is on screen, as last loaded.
    const Overview &overview() const { return m_overview; }
    ReportTableModel *providerModel() const { return m_providerModel; }
    ReportTableModel *modelModel() const { return m_modelModel; }

public Q_SLOTS:
    // Reads the ledger again and refreshes every figure.
    void reload();
    // Shows the window, restored and in front (for the tray and a second launch).
    void showAndRaise();

Q_SIGNALS:
    void overviewLoaded(const burnrate::ui::Overview &overview);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildOverviewPage();
    QWidget *buildTable(const QString &title, ReportTableModel *model, QTableView *&view);
    void buildMenus();
    void buildStatusBar();
    void display(const Overview &overview);
    void showError(const QString &message);
    void updateTitle();

    Ledger &m_ledger;
    const Clock &m_clock;
    Overview m_overview;
    bool m_demo = false;

    QLabel *m_heading = nullptr;
    QLabel *m_error = nullptr;
    SpendCard *m_todayCard = nullptr;
    SpendCard *m_weekCard = nullptr;
    SpendCard *m_monthCard = nullptr;
    QLabel *m_emptyNote = nullptr;
    QLabel *m_unpricedNote = nullptr;
    ReportTableModel *m_providerModel = nullptr;
    ReportTableModel *m_modelModel = nullptr;
    QTableView *m_providerView = nullptr;
    QTableView *m_modelView = nullptr;
    QLabel *m_dataDirLabel = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MAINWINDOW_H
