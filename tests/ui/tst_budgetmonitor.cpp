// The app's budget wiring without a desktop: BudgetMonitor runs the check at start, on demand, at the next
// period start (a timer from the injected clock) and when another connection changed the ledger, and hands the
// notifications to the funnel (here with a recording backend) and the primary budget to the tray.
#include "../core/budget/budgettestutil.h"
#include "budget/budgetstore.h"
#include "budget/ledgerspendsource.h"
#include "ui/budgetmonitor.h"
#include "ui/notify/notifier.h"
#include "ui/tray/trayicon.h"
#include "util/clock.h"

#include <QApplication>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// Delivers everything and remembers it.
class RecordingBackend final : public ui::NotificationBackend
{
public:
    QString name() const override { return QStringLiteral("recording"); }
    void send(const ui::DesktopNotification &n) override
    {
        sent.append(n);
        Q_EMIT delivered(n, static_cast<quint32>(sent.size()));
    }
    QList<ui::DesktopNotification> sent;
};

QDateTime utc(const char *rfc3339)
{
    return QDateTime::fromMSecsSinceEpoch(at(rfc3339), QTimeZone::utc());
}

} // namespace

class TestBudgetMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void notifiesOnceAndFeedsTheTray();
    void checksAgainAtThePeriodStart();
    void noticesAnotherProcessWriting();

private:
    void addBudget(qint64 amountNano);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<LedgerSpendSource> m_spend;
    RecordingBackend *m_backend = nullptr;
    std::unique_ptr<ui::Notifier> m_notifier;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ui::TrayIcon> m_tray;
    std::unique_ptr<ui::BudgetMonitor> m_monitor;
};

void TestBudgetMonitor::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestBudgetMonitor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<FixedClock>(utc("2026-11-19T23:00:00Z")); // Nov 20, 00:00 in Berlin
    m_ledger = openLedger(m_dir->path());
    m_spend = std::make_unique<LedgerSpendSource>(*m_ledger);
    auto backend = std::make_unique<RecordingBackend>();
    m_backend = backend.get();
    m_notifier = std::make_unique<ui::Notifier>(std::move(backend));
    m_window = std::make_unique<QWidget>();
    m_tray = std::make_unique<ui::TrayIcon>(*m_clock, m_window.get());
    m_monitor = std::make_unique<ui::BudgetMonitor>(*m_ledger, *m_spend, *m_clock);
    m_monitor->setNotifier(m_notifier.get());
    m_monitor->setTray(m_tray.get());
}

void TestBudgetMonitor::cleanup()
{
    m_monitor.reset();
    m_tray.reset();
    m_window.reset();
    m_notifier.reset();
    m_spend.reset();
    m_ledger.reset();
    m_clock.reset();
    m_dir.reset();
}

void TestBudgetMonitor::addBudget(qint64 amountNano)
{
    Budget b;
    b.name = QStringLiteral("monthly");
    b.amountNano = amountNano;
    QVERIFY(BudgetStore(m_ledger->db()).save(b, m_clock->nowMs()).ok());
}

void TestBudgetMonitor::notifiesOnceAndFeedsTheTray()
{
    addBudget(100 * Usd);
    write(*m_ledger, {Spend{QStringLiteral("a"), at("2026-11-05T12:00:00Z"), 48'210'000'000},
                      Spend{QStringLiteral("b"), at("2026-11-19T11:00:00Z"), 32'200'000'000}});
    QSignalSpy checked(m_monitor.get(), &ui::BudgetMonitor::checked);
    m_monitor->start();
    QCOMPARE(checked.count(), 1);
    QCOMPARE(m_backend->sent.size(), 1);
    const ui::DesktopNotification &n = m_backend->sent.first();
    QCOMPARE(n.summary, QStringLiteral("Burnrate"));
    QCOMPARE(n.body, QStringLiteral("80 % of your $100 November budget used ($80.41); forecast $131 by Nov 30"));
    QVERIFY(!n.urgent);
    QVERIFY(n.budgetId > 0);
    QCOMPARE(n.image.size(), QSize(64, 64));
    // The same data again, after an import of nothing new: nothing more.
    m_monitor->check();
    QCOMPARE(m_backend->sent.size(), 1);
    QCOMPARE(checked.count(), 2);

    // The tray shows the primary budget, today and the month.
    QCOMPARE(m_tray->ringState().fraction, std::optional<qreal>(0.8041));
    QVERIFY2(m_tray->toolTip().startsWith(
                 QStringLiteral("Burnrate — Today $0.00 · Month $80.41 of $100 (80 %) · forecast $131 · ")),
             qPrintable(m_tray->toolTip()));
    // The next check is due at the next local midnight.
    QCOMPARE(m_monitor->nextBoundaryMs(), at("2026-11-20T23:00:00Z"));
}

void TestBudgetMonitor::checksAgainAtThePeriodStart()
{
    addBudget(10 * Usd);
    m_clock->set(utc("2026-11-30T22:59:58.500Z")); // 1.5 s before December in Berlin
    write(*m_ledger, QStringLiteral("dec"), at("2026-11-30T23:00:00.100Z"), 6 * Usd);
    QSignalSpy checked(m_monitor.get(), &ui::BudgetMonitor::checked);
    m_monitor->start();
    QCOMPARE(m_backend->sent.size(), 0); // November: nothing spent
    QCOMPARE(m_monitor->nextBoundaryMs(), at("2026-11-30T23:00:00Z"));
    // Time passes; the timer armed for the boundary runs the check on its own.
    m_clock->set(utc("2026-11-30T23:00:01Z"));
    QVERIFY(checked.wait(5000));
    QCOMPARE(m_monitor->lastCheck()->statuses.first().period.first, QDate(2026, 12, 1));
    QCOMPARE(m_backend->sent.size(), 1);
    QVERIFY2(m_backend->sent.first().body.startsWith(QStringLiteral("50 % of your $10 December budget used ($6.00)")),
             qPrintable(m_backend->sent.first().body));
}

void TestBudgetMonitor::noticesAnotherProcessWriting()
{
    addBudget(100 * Usd);
    m_monitor->setPollInterval(50);
    m_monitor->start();
    QCOMPARE(m_backend->sent.size(), 0);
    QSignalSpy checked(m_monitor.get(), &ui::BudgetMonitor::checked);
    // Another connection to the same file (a `burnrate import` in a terminal) writes spend.
    {
        auto other = openLedger(m_dir->path());
        write(*other, QStringLiteral("x"), at("2026-11-19T10:00:00Z"), 55 * Usd);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->sent.size(), 1, 5000);
    QVERIFY(m_backend->sent.first().body.startsWith(QStringLiteral("50 % of your $100 November budget used")));
    // Polling without changes does not check again.
    const auto checks = checked.count();
    QTest::qWait(300);
    QCOMPARE(checked.count(), checks);
}

QTEST_MAIN(TestBudgetMonitor)
#include "tst_budgetmonitor.moc"
