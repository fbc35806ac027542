#include "ui/mainwindow.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ui/pages/overviewpage.h"
#include "util/appinfo.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShowEvent>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace burnrate::ui {

namespace {

constexpr int RefreshIntervalMs = 5 * 60 * 1000;
constexpr int ShortcutPages = 9;
const char *const StateGroup = "MainWindow";

} // namespace

MainWindow::MainWindow(Ledger &ledger, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_ledger(ledger)
    , m_overview(new OverviewPage(ledger, clock))
    , m_navigation(new QListWidget)
    , m_stack(new QStackedWidget)
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setBackgroundRole(QPalette::Window);
    m_navigation->setFixedWidth(180);
    m_navigation->setSpacing(2);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack->setObjectName(QStringLiteral("pages"));
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onCurrentRowChanged);

    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *rule = new QFrame;
    rule->setFrameShape(QFrame::VLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(rule);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    buildMenus();
    buildStatusBar();
    connect(m_overview, &OverviewPage::loaded, this, &MainWindow::overviewLoaded);
    addPage(m_overview);
    updateTitle();
    resize(1120, 740);
    setMinimumSize(760, 520);

    // The ledger changes under us (imports, syncs, other processes): refresh now and then.
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::reload);
    m_refreshTimer->start();
}

MainWindow::~MainWindow()
{
    saveWindowState();
}

void MainWindow::addPage(Page *page)
{
    const int index = static_cast<int>(m_pages.size());
    m_pages.append(page);
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(page->title(), m_navigation);
    item->setSizeHint(QSize(0, m_navigation->fontMetrics().height() + 16));
    connect(page, &Page::failed, this, &MainWindow::showError);
    if (index < ShortcutPages) {
        // Ctrl+1 … Ctrl+9, also listed in the Go menu.
        QAction *go = menuBar()->findChild<QMenu *>(QStringLiteral("goMenu"))->addAction(page->title());
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
        go->setObjectName(QStringLiteral("go_%1").arg(page->objectName()));
        connect(go, &QAction::triggered, this, [this, page] { showPage(page->objectName()); });
    }
    if (m_navigation->currentRow() < 0 || (!m_pendingPage.isEmpty() && page->objectName() == m_pendingPage)) {
        m_pendingPage.clear();
        m_navigation->setCurrentRow(index);
    }
}

bool MainWindow::showPage(const QString &objectName)
{
    for (qsizetype i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->objectName() == objectName) {
            m_navigation->setCurrentRow(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

const Overview &MainWindow::overview() const
{
    return m_overview->overview();
}

ReportTableModel *MainWindow::providerModel() const
{
    return m_overview->providerModel();
}

ReportTableModel *MainWindow::modelModel() const
{
    return m_overview->modelModel();
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= m_pages.size()) {
        return;
    }
    Page *page = m_pages.at(row);
    m_stack->setCurrentWidget(page);
    ensureLoaded(page);
    Q_EMIT pageShown(page);
}

void MainWindow::ensureLoaded(Page *page)
{
    // A hidden window (in the tray) reads nothing: the page loads when the window is shown.
    if (isVisible() && !m_fresh.contains(page)) {
        load(page);
    }
}

void MainWindow::load(Page *page)
{
    if (page != nullptr) {
        m_fresh.insert(page);
        page->reload();
    }
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *reloadAction = file->addAction(tr("&Reload"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    connect(reloadAction, &QAction::triggered, this, &MainWindow::reload);
    QAction *settingsAction = file->addAction(tr("&Settings…"));
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    settingsAction->setShortcut(QKeySequence::Preferences);
    settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    file->addSeparator();
    QAction *closeAction = file->addAction(tr("&Close Window"));
    closeAction->setShortcut(QKeySequence::Close);
    connect(closeAction, &QAction::triggered, this, &QWidget::close);
    QAction *quitAction = file->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, qApp, &QCoreApplication::quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(QStringLiteral("goMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Burnrate"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Burnrate"),
            tr("<b>Burnrate %1</b><p>What your own AI API keys cost. Your keys stay in the system keychain and your "
               "data stays on this computer.</p><p>Commit %2 · Qt %3 · SQLite %4</p><p>Free software under the GNU "
               "General Public License, version 3 or later. Built on Qt (LGPL 3 / GPL 3; Qt Charts GPL 3), "
               "QtKeychain (BSD), SQLite (public domain), simdjson (Apache 2.0) and the genai-prices data (MIT): "
               "see THIRD-PARTY-NOTICES.md beside the program.</p>")
                .arg(appVersion(), appCommit(), QString::fromLatin1(qVersion()), Database::sqliteVersion()));
    });
}

void MainWindow::buildStatusBar()
{
    m_dataDirLabel = new QLabel(this);
    m_dataDirLabel->setObjectName(QStringLiteral("dataDirLabel"));
    m_dataDirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_zoneLabel = new QLabel(this);
    m_zoneLabel->setObjectName(QStringLiteral("zoneLabel"));
    for (QLabel *label : {m_dataDirLabel, m_zoneLabel}) {
        label->setContentsMargins(12, 2, 12, 2);
    }
    statusBar()->addWidget(m_dataDirLabel, 1);
    statusBar()->addPermanentWidget(m_zoneLabel);
    statusBar()->setSizeGripEnabled(false);
}

void MainWindow::setDemo(bool demo)
{
    m_demo = demo;
    updateTitle();
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_demo ? tr("Burnrate — demo data") : tr("Burnrate"));
    m_dataDirLabel->setText(m_demo ? tr("Demo data (temporary, removed on quit): %1").arg(m_ledger.dataDir())
                                   : tr("Data folder: %1").arg(m_ledger.dataDir()));
    m_zoneLabel->setText(tr("Time zone: %1").arg(QString::fromUtf8(m_ledger.calendar().zoneId())));
}

void MainWindow::reload()
{
    updateTitle(); // the time zone may have changed
    m_fresh.clear();
    ensureLoaded(currentPage());
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10'000);
}

void MainWindow::showAndRaise()
{
    if (isMinimized()) {
        setWindowState(windowState() & ~Qt::WindowMinimized);
    }
    QMainWindow::show();
    raise();
    activateWindow();
}

void MainWindow::showBudgets()
{
    showAndRaise();
    showPage(m_overview->objectName());
    m_overview->showBudgets();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous()) {
        // Shown (again, from the tray): what was read before may be old.
        m_fresh.clear();
        load(currentPage());
    }
}

void MainWindow::paintEvent(QPaintEvent *event)
{
    QMainWindow::paintEvent(event);
    if (!m_painted) {
        m_painted = true;
        // The next turn of the event loop: this paint has been flushed to the screen by then.
        QTimer::singleShot(0, this, &MainWindow::firstPainted);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::setStateFile(const QString &path)
{
    m_stateFile = path;
    restoreWindowState();
}

void MainWindow::saveWindowState() const
{
    if (m_stateFile.isEmpty()) {
        return;
    }
    QSettings settings(m_stateFile, QSettings::IniFormat);
    settings.beginGroup(QLatin1String(StateGroup));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    if (const Page *page = currentPage()) {
        settings.setValue(QStringLiteral("page"), page->objectName());
    }
    settings.endGroup();
    settings.sync();
}

void MainWindow::restoreWindowState()
{
    QSettings settings(m_stateFile, QSettings::IniFormat);
    settings.beginGroup(QLatin1String(StateGroup));
    if (const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray(); !geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    if (const QByteArray state = settings.value(QStringLiteral("state")).toByteArray(); !state.isEmpty()) {
        QMainWindow::restoreState(state);
    }
    m_pendingPage = settings.value(QStringLiteral("page")).toString();
    if (showPage(m_pendingPage)) {
        m_pendingPage.clear();
    }
    settings.endGroup();
}

} // namespace burnrate::ui
