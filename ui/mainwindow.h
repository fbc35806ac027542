#ifndef BURNRATE_UI_MAINWINDOW_H
#define BURNRATE_UI_MAINWINDOW_H

#include "ui/overviewdata.h"

#include <QMainWindow>
#include <QSet>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class OverviewPage;
class Page;
class ReportTableModel;

// The main window: a navigation list of the pages (Ctrl+1..9 pick one) beside the page shown, and a status bar
// with the data folder and the time zone. The Overview page is always there; others come with addPage(). A page
// reads the ledger when it is first shown and again after reload() (sync, import, timer) when it is next shown:
// switching pages reloads only a page whose data is older than the last reload().
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Marks the data as generated demo data (in the title and the status bar).
    void setDemo(bool demo);
    // Keeps the window's geometry, state and page in this INI file: restored now, saved when the window closes
    // or goes away.
    void setStateFile(const QString &path);

    // Adds a page at the end of the navigation list (the page's objectName identifies it in showPage()).
    void addPage(Page *page);
    // Shows the page with this objectName; false when there is none.
    bool showPage(const QString &objectName);
    Page *currentPage() const;
    QList<Page *> pages() const { return m_pages; }
    QListWidget *navigation() const { return m_navigation; }

    OverviewPage *overviewPage() const { return m_overview; }
    // The overview as last loaded (shortcuts for the tray and the tests).
    const Overview &overview() const;
    ReportTableModel *providerModel() const;
    ReportTableModel *modelModel() const;

public Q_SLOTS:
    // The ledger changed: the page on screen reads it again now, the others when they are next shown.
    void reload();
    // Shows the window, restored and in front (for the tray and a second launch).
    void showAndRaise();
    // Shows the overview scrolled to the budget meters (a budget notification's "Open").
    void showBudgets();
    // A one-line error in the status bar, for a few seconds.
    void showError(const QString &message);

Q_SIGNALS:
    void overviewLoaded(const burnrate::ui::Overview &overview);
    void pageShown(burnrate::ui::Page *page);
    // Once, after the window's first paint has gone out: work that can wait starts here.
    void firstPainted();
    // File > Settings… (the app opens the settings dialog).
    void settingsRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void onCurrentRowChanged(int row);
    void ensureLoaded(Page *page);
    void load(Page *page);
    void updateTitle();
    void saveWindowState() const;
    void restoreWindowState();

    Ledger &m_ledger;
    OverviewPage *m_overview = nullptr;
    QList<Page *> m_pages;
    QSet<Page *> m_fresh; // pages whose data is as new as the last reload()
    bool m_demo = false;
    bool m_painted = false;
    QString m_stateFile;
    QString m_pendingPage; // the saved page, selected when it is added

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_dataDirLabel = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MAINWINDOW_H
