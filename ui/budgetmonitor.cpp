#include "ui/budgetmonitor.h"

#include "budget/spendsource.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ui/notify/notifier.h"
#include "ui/tray/ringicon.h"
#include "ui/tray/trayicon.h"
#include "util/clock.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace burnrate::ui {

Q_LOGGING_CATEGORY(lcBudget, "burnrate.ui.budget", QtInfoMsg)

namespace {

// A timer is re-armed at least hourly, so that a suspended machine catches up soon after it wakes.
constexpr std::int64_t MaxTimerMs = 3'600'000;
constexpr std::int64_t BoundarySlackMs = 500;
constexpr int NotificationImagePx = 64;

qreal fractionOf(const BudgetStatus &s)
{
    return static_cast<qreal>(s.basisPoints()) / 10'000.0;
}

TrayBudget::Period trayPeriod(BudgetPeriod period)
{
    switch (period) {
    case BudgetPeriod::Monthly:
        break;
    case BudgetPeriod::Weekly:
        return TrayBudget::Period::Week;
    case BudgetPeriod::Daily:
        return TrayBudget::Period::Day;
    }
    return TrayBudget::Period::Month;
}

} // namespace

BudgetMonitor::BudgetMonitor(Ledger &ledger, SpendSource &spend, const Clock &clock, BudgetOptions options,
                             QObject *parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_spend(spend)
    , m_clock(clock)
    , m_engine(ledger, spend, clock, options)
    , m_boundaryTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
{
    m_boundaryTimer->setSingleShot(true);
    m_boundaryTimer->setTimerType(Qt::PreciseTimer);
    connect(m_boundaryTimer, &QTimer::timeout, this, &BudgetMonitor::onBoundaryTimer);
    m_pollTimer->setInterval(DefaultPollMs);
    m_pollTimer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_pollTimer, &QTimer::timeout, this, &BudgetMonitor::pollExternalChanges);
}

BudgetMonitor::~BudgetMonitor() = default;

void BudgetMonitor::setNotifier(Notifier *notifier)
{
    m_notifier = notifier;
}

void BudgetMonitor::setTray(TrayIcon *tray)
{
    m_tray = tray;
}

void BudgetMonitor::setPollInterval(int ms)
{
    m_pollTimer->setInterval(ms);
    if (ms <= 0) {
        m_pollTimer->stop();
    } else if (m_pollTimer->isActive()) {
        m_pollTimer->start();
    }
}

void BudgetMonitor::start()
{
    check();
    if (m_pollTimer->interval() > 0) {
        m_pollTimer->start();
    }
}

std::optional<std::int64_t> BudgetMonitor::dataVersion()
{
    return m_ledger.db().queryInt64("PRAGMA data_version");
}

void BudgetMonitor::check()
{
    m_dataVersion = dataVersion();
    auto result = m_engine.check();
    scheduleBoundary();
    if (!result) {
        qCWarning(lcBudget) << "budget check failed:" << result.error();
        Q_EMIT checkFailed(result.error());
        return;
    }
    m_last = *result;
    if (m_notifier) {
        for (const BudgetNotification &n : std::as_const(result->notifications)) {
            DesktopNotification d;
            d.summary = n.summary;
            d.body = n.body;
            d.urgent = n.urgent;
            d.budgetId = n.budgetId;
            std::optional<qreal> fraction;
            for (const BudgetStatus &s : std::as_const(result->statuses)) {
                if (s.budget.id == n.budgetId) {
                    fraction = fractionOf(s);
                }
            }
            d.image = renderRing(NotificationImagePx, RingState{fraction});
            m_notifier->notify(d);
        }
    }
    updateTray(*result);
    Q_EMIT checked(*result);
}

void BudgetMonitor::updateTray(const BudgetCheck &result)
{
    if (!m_tray) {
        return;
    }
    LocalCalendar &cal = m_ledger.calendar();
    const QDate today = cal.dateOf(m_clock.nowMs());
    const QDate month = LocalCalendar::monthStartOf(today);
    const auto monthSpend =
        m_spend.spendNano(BudgetScope{}, cal.startOfDayUtcMs(month), cal.startOfDayUtcMs(month.addMonths(1)));
    m_tray->setSpend(result.anomaly.todayNano, monthSpend ? *monthSpend : 0);
    const auto primary = BudgetEngine::primaryIndex(result.statuses);
    if (!primary) {
        m_tray->setBudget(std::nullopt);
        return;
    }
    const BudgetStatus &s = result.statuses[*primary];
    m_tray->setBudget(TrayBudget{trayPeriod(s.budget.period), s.spendNano(), s.budget.amountNano, s.basisPoints(),
                                 s.forecast.forecastNano});
}

void BudgetMonitor::scheduleBoundary()
{
    m_nextBoundaryMs = m_engine.nextBoundaryMs();
    const std::int64_t wait =
        std::clamp<std::int64_t>(m_nextBoundaryMs - m_clock.nowMs() + BoundarySlackMs, 0, MaxTimerMs);
    m_boundaryTimer->start(static_cast<int>(wait));
}

void BudgetMonitor::onBoundaryTimer()
{
    if (m_clock.nowMs() >= m_nextBoundaryMs) {
        check(); // a new day, and maybe a new period
    } else {
        scheduleBoundary();
    }
}

void BudgetMonitor::pollExternalChanges()
{
    const auto version = dataVersion();
    if (version && version != m_dataVersion) {
        check();
    } else if (m_clock.nowMs() >= m_nextBoundaryMs) {
        check(); // the boundary timer was late (suspend)
    }
}

} // namespace burnrate::ui
