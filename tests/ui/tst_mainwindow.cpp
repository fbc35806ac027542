// The main window on the real X server of the harness: it shows up, is not blank (screenshot checked pixel by pixel
// and saved under build/<preset>/screenshots/), and every figure on it equals what ReportQuery says.
#include "../core/demo/demoledger.h"
#include "guitest.h"
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "money/money.h"
#include "screenshots.h"
#include "ui/format.h"
#include "ui/mainwindow.h"
#include "ui/models/reporttablemodel.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/page.h"
#include "ui/widgets/spendcard.h"

#include <QDir>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QScreen>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

namespace burnrate::test {

using ui::MainWindow;
using ui::ReportTableModel;
using ui::SpendCard;

namespace {

Report runReport(Ledger &ledger, const Clock &clock, ReportBy by, QDate since, QDate until)
{
    auto report = ReportQuery(ledger, clock).run(ReportRequest{by, since, until, 0});
    if (!report) {
        qFatal("report failed: %s", qPrintable(report.error()));
    }
    return std::move(report).value();
}

// Sums one column of a table view's model (through its sort proxy) by the exact raw values.
std::int64_t columnSum(QTableView *view, ReportTableModel *source, ReportTableModel::Field field)
{
    std::int64_t sum = 0;
    const int column = source->columnOf(field);
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        sum += view->model()->index(r, column).data(ReportTableModel::RawValueRole).toLongLong();
    }
    return sum;
}

// A page that counts its reloads: what another helper's page (Conversations, Workflows ...) looks like to the window.
class CountingPage final : public ui::Page
{
public:
    CountingPage(const QString &name, const QString &title)
        : m_title(title)
    {
        setObjectName(name);
    }
    QString title() const override { return m_title; }
    void reload() override { ++reloads; }
    int reloads = 0;

private:
    QString m_title;
};

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void screenshotIsNotBlank();
    void cardsEqualReportQuery();
    void tablesEqualReportQuery();
    void tablesAreSortedByCost();
    void unpricedRequestsAreNoted();
    void statusBarShowsDataDirAndZone();
    void demoModeIsMarked();
    void emptyLedger();
    void reloadPicksUpNewEvents();
    void pagesSwitchFromTheSidebar();
    void pagesSwitchFromTheKeyboard();
    void reloadReachesOtherPagesWhenShown();
    void geometryAndPageRestored();
    void firstPaintedOnce();

private:
    std::unique_ptr<DemoLedger> m_demo;
    std::unique_ptr<MainWindow> m_window;
    QDate m_today;
    CountingPage *m_second = nullptr;
    CountingPage *m_third = nullptr;
};

void MainWindowTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    m_demo = makeLedger(true);
    QVERIFY2(m_demo->ok(), qPrintable(m_demo->error));
    m_today = m_demo->ledger->calendar().dateOf(m_demo->clock.nowMs());
    QCOMPARE(m_today, QDate(2026, 11, 18));
    m_window = std::make_unique<MainWindow>(*m_demo->ledger, m_demo->clock);
    QSignalSpy loaded(m_window.get(), &MainWindow::overviewLoaded);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(loaded.count(), 1);
}

void MainWindowTest::screenshotIsNotBlank()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Burnrate"));
    QScreen *screen = m_window->screen();
    QVERIFY(screen);
    // Pixels from the X server, not only the widget's own rendering; let the last paint reach the server first.
    QImage shot;
    const QSize expected = m_window->size() * m_window->devicePixelRatio();
    QTRY_VERIFY_WITH_TIMEOUT((shot = screen->grabWindow(m_window->winId()).toImage()).size() == expected, 5000);
    const QString path = screenshotPath(QStringLiteral("mainwindow-overview.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s (%dx%d)", qPrintable(path), shot.width(), shot.height());

    QCOMPARE(shot.size(), QSize(1120, 740) * m_window->devicePixelRatio());
    const ShotColours colours(shot);
    qInfo("%lld distinct colours, %.1f %% of pixels off the most common colour", qint64(colours.histogram.size()),
          colours.offBackgroundPercent());
    QVERIFY(colours.looksDrawn());
}

void MainWindowTest::cardsEqualReportQuery()
{
    Ledger &ledger = *m_demo->ledger;
    const QDate weekStart = ledger.calendar().weekStartOf(m_today);
    QCOMPARE(weekStart, QDate(2026, 11, 16));
    struct Expect
    {
        const char *card;
        QDate since;
    };
    for (const Expect &e :
         {Expect{"todayCard", m_today}, Expect{"weekCard", weekStart}, Expect{"monthCard", QDate(2026, 11, 1)}}) {
        const Report report = runReport(ledger, m_demo->clock, ReportBy::Provider, e.since, m_today);
        QVERIFY(report.total.costNano > 0);
        auto *card = m_window->findChild<SpendCard *>(QLatin1String(e.card));
        QVERIFY2(card, e.card);
        QVERIFY(card->isVisible());
        QCOMPARE(card->amount(), Money::fromNano(report.total.costNano).toDisplayString());
        QVERIFY2(card->detail().contains(ui::Format::requests(report.total.requests)), qPrintable(card->detail()));
    }
    QCOMPARE(m_window->overview().monthTotal.costNano,
             runReport(ledger, m_demo->clock, ReportBy::Provider, QDate(2026, 11, 1), m_today).total.costNano);
}

void MainWindowTest::tablesEqualReportQuery()
{
    Ledger &ledger = *m_demo->ledger;
    auto *providers = m_window->findChild<QTableView *>(QStringLiteral("providerTable"));
    auto *models = m_window->findChild<QTableView *>(QStringLiteral("modelTable"));
    QVERIFY(providers && models);
    QVERIFY(providers->isVisible() && models->isVisible());

    const Report byProvider = runReport(ledger, m_demo->clock, ReportBy::Provider, QDate(2026, 11, 1), m_today);
    const Report byModel = runReport(ledger, m_demo->clock, ReportBy::Model, QDate(2026, 11, 1), m_today);
    QCOMPARE(providers->model()->rowCount(), byProvider.rows.size());
    QCOMPARE(models->model()->rowCount(), byModel.rows.size());
    QCOMPARE(columnSum(providers, m_window->providerModel(), ReportTableModel::Field::Cost), byProvider.total.costNano);
    QCOMPARE(columnSum(models, m_window->modelModel(), ReportTableModel::Field::Cost), byModel.total.costNano);
    QCOMPARE(columnSum(providers, m_window->providerModel(), ReportTableModel::Field::Requests),
             byProvider.total.requests);
    QCOMPARE(columnSum(models, m_window->modelModel(), ReportTableModel::Field::Requests), byModel.total.requests);

    // Row by row, as shown: the provider's cost text is ReportQuery's amount.
    QHash<QString, std::int64_t> expected;
    for (const ReportRow &row : byProvider.rows) {
        expected.insert(ReportTableModel::providerDisplayName(row.key), row.costNano);
    }
    const int cost = m_window->providerModel()->columnOf(ReportTableModel::Field::Cost);
    for (int r = 0; r < providers->model()->rowCount(); ++r) {
        const QString name = providers->model()->index(r, 0).data().toString();
        QVERIFY2(expected.contains(name), qPrintable(name));
        QCOMPARE(providers->model()->index(r, cost).data().toString(),
                 Money::fromNano(expected.value(name)).toDisplayString());
    }
}

void MainWindowTest::tablesAreSortedByCost()
{
    auto *models = m_window->findChild<QTableView *>(QStringLiteral("modelTable"));
    QVERIFY(models);
    const int cost = m_window->modelModel()->columnOf(ReportTableModel::Field::Cost);
    std::int64_t previous = std::numeric_limits<std::int64_t>::max();
    for (int r = 0; r < models->model()->rowCount(); ++r) {
        const auto value = models->model()->index(r, cost).data(ReportTableModel::RawValueRole).toLongLong();
        QVERIFY(value <= previous);
        previous = value;
    }
}

void MainWindowTest::unpricedRequestsAreNoted()
{
    const Report month = runReport(*m_demo->ledger, m_demo->clock, ReportBy::Provider, QDate(2026, 11, 1), m_today);
    QVERIFY(month.total.unpricedRequests > 0);
    QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("emptyNote"))->isVisible());
    auto *note = m_window->findChild<QLabel *>(QStringLiteral("unpricedNote"));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(ui::Format::requests(month.total.unpricedRequests)), qPrintable(note->text()));
    QVERIFY(note->text().contains(QStringLiteral("nova-labs/orbit-1-preview")));
}

void MainWindowTest::statusBarShowsDataDirAndZone()
{
    auto *dataDir = m_window->findChild<QLabel *>(QStringLiteral("dataDirLabel"));
    auto *zone = m_window->findChild<QLabel *>(QStringLiteral("zoneLabel"));
    QVERIFY(dataDir && zone);
    QVERIFY(dataDir->isVisible() && zone->isVisible());
    QVERIFY2(dataDir->text().contains(m_demo->dir.path()), qPrintable(dataDir->text()));
    QVERIFY2(zone->text().contains(QStringLiteral("Europe/Berlin")), qPrintable(zone->text()));
}

void MainWindowTest::demoModeIsMarked()
{
    m_window->setDemo(true);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("demo")));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("dataDirLabel"))->text().startsWith(QStringLiteral("Demo")));
    m_window->setDemo(false);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Burnrate"));
}

void MainWindowTest::emptyLedger()
{
    auto empty = makeLedger(false);
    QVERIFY2(empty->ok(), qPrintable(empty->error));
    MainWindow window(*empty->ledger, empty->clock);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const char *name : {"todayCard", "weekCard", "monthCard"}) {
        QCOMPARE(window.findChild<SpendCard *>(QLatin1String(name))->amount(), QStringLiteral("$0.00"));
    }
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("unpricedNote"))->isVisible());
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("emptyNote"))->isVisible());
    QCOMPARE(window.providerModel()->rowCount(), 0);
    const QString path = screenshotPath(QStringLiteral("mainwindow-empty.png"));
    QVERIFY(window.screen()->grabWindow(window.winId()).save(path));
}

void MainWindowTest::reloadPicksUpNewEvents()
{
    const auto before = m_window->overview().todayTotal;
    {
        EventWriter writer(m_demo->ledger->db(), m_demo->ledger->calendar());
        EventRecord e;
        e.source = QStringLiteral("test");
        e.sourceKey = QStringLiteral("one-dollar");
        e.occurredAtMs = m_demo->clock.nowMs() - 60'000;
        e.provider = QStringLiteral("openai");
        e.model = QStringLiteral("gpt-5");
        e.tokens.inputUncached = 100;
        e.tokens.output = 100;
        e.costNano = 1'000'000'000;
        QVERIFY(writer.upsert(e).ok());
        QVERIFY(writer.commit().ok());
    }
    QSignalSpy loaded(m_window.get(), &MainWindow::overviewLoaded);
    m_window->reload();
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(m_window->overview().todayTotal.costNano, before.costNano + 1'000'000'000);
    QCOMPARE(m_window->overview().todayTotal.requests, before.requests + 1);
    QCOMPARE(m_window->findChild<SpendCard *>(QStringLiteral("todayCard"))->amount(),
             Money::fromNano(before.costNano + 1'000'000'000).toDisplayString());
}

void MainWindowTest::pagesSwitchFromTheSidebar()
{
    QSignalSpy overviewLoads(m_window.get(), &MainWindow::overviewLoaded);
    m_second = new CountingPage(QStringLiteral("secondPage"), QStringLiteral("Second"));
    m_third = new CountingPage(QStringLiteral("thirdPage"), QStringLiteral("Third"));
    m_window->addPage(m_second);
    m_window->addPage(m_third);
    QListWidget *nav = m_window->navigation();
    QCOMPARE(nav->count(), 3);
    QCOMPARE(nav->item(1)->text(), QStringLiteral("Second"));
    QCOMPARE(m_window->currentPage(), m_window->overviewPage());
    QCOMPARE(m_second->reloads, 0); // not shown yet: nothing read

    // A click on the list's second row.
    const QRect rect = nav->visualItemRect(nav->item(1));
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_window->currentPage(), m_second);
    QVERIFY(m_second->isVisible());
    QVERIFY(!m_window->overviewPage()->isVisible());
    QCOMPARE(m_second->reloads, 1);
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, nav->visualItemRect(nav->item(0)).center());
    QCOMPARE(m_window->currentPage(), m_window->overviewPage());
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center()); // back and forth: nothing read again
    QCOMPARE(m_second->reloads, 1);
    QCOMPARE(m_third->reloads, 0);
    QCOMPARE(overviewLoads.count(), 0);
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")));
    QVERIFY(!m_window->showPage(QStringLiteral("noSuchPage")));
}

void MainWindowTest::pagesSwitchFromTheKeyboard()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), m_third);
    QCOMPARE(m_third->reloads, 1);
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), m_window->overviewPage());
    // The list itself: arrows move through the pages.
    m_window->navigation()->setFocus();
    QTest::keyClick(m_window->navigation(), Qt::Key_Down);
    QCOMPARE(m_window->currentPage(), m_second);
    QTest::keyClick(m_window->navigation(), Qt::Key_Up);
    QCOMPARE(m_window->currentPage(), m_window->overviewPage());
}

void MainWindowTest::reloadReachesOtherPagesWhenShown()
{
    QSignalSpy overviewLoads(m_window.get(), &MainWindow::overviewLoaded);
    const int second = m_second->reloads;
    const int third = m_third->reloads;
    m_window->reload();
    QCOMPARE(overviewLoads.count(), 1); // the page on screen, now
    QCOMPARE(m_second->reloads, second);
    QCOMPARE(m_third->reloads, third);
    QVERIFY(m_window->showPage(QStringLiteral("secondPage")));
    QCOMPARE(m_second->reloads, second + 1); // when shown
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")) && m_window->showPage(QStringLiteral("secondPage")));
    QCOMPARE(m_second->reloads, second + 1); // once
    QCOMPARE(m_third->reloads, third);
    QCOMPARE(overviewLoads.count(), 1);
    QVERIFY(m_window->showPage(QStringLiteral("overviewPage")));
}

void MainWindowTest::geometryAndPageRestored()
{
    QTemporaryDir dir;
    const QString stateFile = dir.filePath(QStringLiteral("window.ini"));
    QSize size;
    {
        MainWindow window(*m_demo->ledger, m_demo->clock);
        window.setStateFile(stateFile);
        window.addPage(new CountingPage(QStringLiteral("secondPage"), QStringLiteral("Second")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(900, 610);
        QTRY_COMPARE(window.size(), QSize(900, 610));
        size = window.size();
        QVERIFY(window.showPage(QStringLiteral("secondPage")));
        window.close();
    }
    MainWindow again(*m_demo->ledger, m_demo->clock);
    again.setStateFile(stateFile);
    auto *second = new CountingPage(QStringLiteral("secondPage"), QStringLiteral("Second"));
    again.addPage(second); // added after the state was read, as the app's pages are
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), size);
    QCOMPARE(again.currentPage(), second);
    QCOMPARE(second->reloads, 1);
}

void MainWindowTest::firstPaintedOnce()
{
    MainWindow window(*m_demo->ledger, m_demo->clock);
    QSignalSpy painted(&window, &MainWindow::firstPainted);
    window.show();
    QTRY_COMPARE(painted.count(), 1);
    window.repaint();
    QTRY_COMPARE_WITH_TIMEOUT(painted.count(), 1, 50);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::MainWindowTest)
#include "tst_mainwindow.moc"
