#include "mainwindow.h"

#include "format.h"
#include "ledger/ledger.h"
#include "models/reporttablemodel.h"
#include "money/money.h"
#include "widgets/spendcard.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

constexpr int RefreshIntervalMs = 5 * 60 * 1000;

QString requestsAndTokens(const ReportRow &row)
{
    return MainWindow::tr("%1 · %2 tokens")
        .arg(Format::requests(row.requests), Format::compactCount(row.tokens.total()));
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    return label;
}

} // namespace

MainWindow::MainWindow(Ledger &ledger, const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_providerModel(new ReportTableModel(ReportTableModel::Kind::Provider, this))
    , m_modelModel(new ReportTableModel(ReportTableModel::Kind::Model, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(buildOverviewPage());
    buildMenus();
    buildStatusBar();
    updateTitle();
    resize(1120, 740);
    setMinimumSize(760, 520);

    // The ledger changes under us (imports, syncs, other processes): refresh now and then.
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::reload);
    m_refreshTimer->start();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildOverviewPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("overviewPage"));
    page->setStyleSheet(
        QStringLiteral("QFrame[card=\"true\"] { background: palette(base); border: 1px solid palette(mid);"
                       " border-radius: 8px; }"
                       "QLabel#emptyNote { padding: 8px 2px; }"
                       "QLabel#unpricedNote { background: rgba(240, 165, 0, 40);"
                       " border: 1px solid rgba(200, 130, 0, 140); border-radius: 6px;"
                       " padding: 8px 12px; }"
                       "QLabel#errorNote { background: rgba(214, 69, 65, 40);"
                       " border: 1px solid rgba(214, 69, 65, 160); border-radius: 6px;"
                       " padding: 8px 12px; }"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(14);

    m_heading = new QLabel(page);
    m_heading->setObjectName(QStringLiteral("heading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    layout->addWidget(m_heading);

    m_error = new QLabel(page);
    m_error->setObjectName(QStringLiteral("errorNote"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(14);
    m_todayCard = new SpendCard(tr("Today"), page);
    m_todayCard->setObjectName(QStringLiteral("todayCard"));
    m_weekCard = new SpendCard(tr("This week"), page);
    m_weekCard->setObjectName(QStringLiteral("weekCard"));
    m_monthCard = new SpendCard(tr("This month"), page);
    m_monthCard->setObjectName(QStringLiteral("monthCard"));
    for (SpendCard *card : {m_todayCard, m_weekCard, m_monthCard}) {
        cards->addWidget(card, 1);
    }
    layout->addLayout(cards);

    m_emptyNote =
        new QLabel(tr("Nothing recorded yet. Import your agent logs or your apps' events with "
                      "<code>burnrate import</code>, or look around first with <code>burnrate --demo</code>."),
                   page);
    m_emptyNote->setObjectName(QStringLiteral("emptyNote"));
    m_emptyNote->setWordWrap(true);
    m_emptyNote->hide();
    layout->addWidget(m_emptyNote);

    m_unpricedNote = new QLabel(page);
    m_unpricedNote->setObjectName(QStringLiteral("unpricedNote"));
    m_unpricedNote->setWordWrap(true);
    m_unpricedNote->hide();
    layout->addWidget(m_unpricedNote);

    auto *tables = new QHBoxLayout;
    tables->setSpacing(14);
    tables->addWidget(buildTable(tr("By provider, this month"), m_providerModel, m_providerView), 4);
    tables->addWidget(buildTable(tr("By model, this month"), m_modelModel, m_modelView), 6);
    m_providerView->setObjectName(QStringLiteral("providerTable"));
    m_modelView->setObjectName(QStringLiteral("modelTable"));
    layout->addLayout(tables, 1);
    return page;
}

QWidget *MainWindow::buildTable(const QString &title, ReportTableModel *model, QTableView *&view)
{
    auto *card = new QFrame;
    card->setProperty("card", true);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);
    layout->addWidget(sectionTitle(title, card));

    auto *proxy = new QSortFilterProxyModel(card);
    proxy->setSourceModel(model);
    proxy->setSortRole(ReportTableModel::RawValueRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    view = new QTableView(card);
    view->setModel(proxy);
    view->setFrameShape(QFrame::NoFrame);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    QHeaderView *header = view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    header->setMinimumSectionSize(64);
    view->setSortingEnabled(true);
    view->sortByColumn(model->columnOf(ReportTableModel::Field::Cost), Qt::DescendingOrder);
    layout->addWidget(view, 1);
    return card;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *reloadAction = file->addAction(tr("&Reload"));
    reloadAction->setShortcut(QKeySequence::Refresh);
    connect(reloadAction, &QAction::triggered, this, &MainWindow::reload);
    file->addSeparator();
    QAction *closeAction = file->addAction(tr("&Close Window"));
    closeAction->setShortcut(QKeySequence::Close);
    connect(closeAction, &QAction::triggered, this, &QWidget::close);
    QAction *quitAction = file->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, qApp, &QCoreApplication::quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Burnrate"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Burnrate"),
                           tr("<b>Burnrate %1</b><p>What your own AI API keys cost. Your keys stay in the system "
                              "keychain and your data stays on this computer.</p>")
                               .arg(QCoreApplication::applicationVersion()));
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
    auto overview = loadOverview(m_ledger, m_clock);
    if (!overview) {
        showError(overview.error());
        return;
    }
    m_error->hide();
    m_overview = std::move(overview).value();
    display(m_overview);
    Q_EMIT overviewLoaded(m_overview);
}

void MainWindow::display(const Overview &o)
{
    const QLocale locale;
    m_heading->setText(tr("Overview · %1").arg(locale.toString(o.today, QStringLiteral("MMMM yyyy"))));

    m_todayCard->setAmount(Money::fromNano(o.todayTotal.costNano).toDisplayString());
    m_todayCard->setDetail(requestsAndTokens(o.todayTotal));
    m_weekCard->setAmount(Money::fromNano(o.weekTotal.costNano).toDisplayString());
    m_weekCard->setDetail(
        tr("Since %1 · %2")
            .arg(locale.toString(o.weekStart, QStringLiteral("ddd d MMM")), requestsAndTokens(o.weekTotal)));
    m_monthCard->setAmount(Money::fromNano(o.monthTotal.costNano).toDisplayString());
    m_monthCard->setDetail(
        tr("Since %1 · %2")
            .arg(locale.toString(o.monthStart, QStringLiteral("d MMM")), requestsAndTokens(o.monthTotal)));

    m_emptyNote->setVisible(o.byModel.isEmpty() && o.weekTotal.requests == 0);
    const auto unpriced = o.monthTotal.unpricedRequests;
    m_unpricedNote->setVisible(unpriced > 0);
    if (unpriced > 0) {
        m_unpricedNote->setText(tr("Unpriced: %1 this month use a model with no known price (%2). They are counted, "
                                   "but not included in the amounts above.")
                                    .arg(Format::requests(unpriced), o.unpricedModels.join(QStringLiteral(", "))));
    }
    m_providerModel->setRows(o.byProvider);
    m_modelModel->setRows(o.byModel);
    m_zoneLabel->setText(tr("Time zone: %1").arg(o.timezone));
}

void MainWindow::showError(const QString &message)
{
    m_error->setText(tr("Cannot read the ledger: %1").arg(message));
    m_error->show();
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

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous()) {
        reload();
    }
}

} // namespace burnrate::ui
