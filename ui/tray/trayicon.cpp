#include "ui/tray/trayicon.h"

#include "budget/alerttext.h"
#include "money/money.h"
#include "ui/appicon.h"
#include "util/clock.h"

#include <QAction>
#include <QApplication>
#include <QLocale>
#include <QMenu>
#include <QTimer>
#include <QWidget>

namespace burnrate::ui {

namespace {

constexpr int ShowRetries = 5;
constexpr int ShowRetryIntervalMs = 5000;

// macOS tints a template image to suit the menu bar; elsewhere the ring keeps its colours.
#ifdef Q_OS_MACOS
constexpr RingStyle PlatformRingStyle = RingStyle::Template;
#else
constexpr RingStyle PlatformRingStyle = RingStyle::Colour;
#endif

QString money(std::int64_t nano)
{
    return Money::fromNano(nano).toDisplayString();
}

// With no budget to show and sync running well, the tray shows the application's icon (in colour); otherwise the
// ring of the budget's use, grey with a pause mark while sync is paused or failing. A macOS menu bar always gets the
// monochrome ring.
QIcon iconFor(const RingState &state)
{
    if (!state.fraction && !state.paused && state.style == RingStyle::Colour) {
        return appIcon();
    }
    return ringIcon(state);
}

} // namespace

TrayIcon::TrayIcon(const Clock &clock, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_window(window)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(std::make_unique<QMenu>())
    , m_retryTimer(new QTimer(this))
{
    m_openAction = m_menu->addAction(tr("Open Burnrate"));
    connect(m_openAction, &QAction::triggered, this, &TrayIcon::showWindow);
    m_syncNowAction = m_menu->addAction(tr("Sync now"));
    connect(m_syncNowAction, &QAction::triggered, this, &TrayIcon::syncNowRequested);
    m_pauseAction = m_menu->addAction(tr("Pause sync"));
    connect(m_pauseAction, &QAction::triggered, this, [this] { setSyncPaused(!m_syncPaused); });
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"));
    connect(quit, &QAction::triggered, qApp, &QCoreApplication::quit);
    // The tooltip's "last sync" is relative to now: refresh it whenever the menu opens too.
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::updateMenu);

    m_tray->setContextMenu(m_menu.get());
    m_shownState = ringState();
    m_tray->setIcon(iconFor(m_shownState));
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);
    updateToolTip();

    m_retryTimer->setInterval(ShowRetryIntervalMs);
    connect(m_retryTimer, &QTimer::timeout, this, &TrayIcon::retryShow);
}

TrayIcon::~TrayIcon()
{
    m_tray->hide();
    m_tray->setContextMenu(nullptr);
}

bool TrayIcon::show()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        showNow();
        return true;
    }
    m_retriesLeft = ShowRetries;
    m_retryTimer->start();
    return false;
}

void TrayIcon::retryShow()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        showNow();
    } else if (--m_retriesLeft <= 0) {
        m_retryTimer->stop();
    }
}

void TrayIcon::showNow()
{
    m_retryTimer->stop();
    m_tray->show();
    // Only with an icon to come back through may the last closed window leave the app running.
    QApplication::setQuitOnLastWindowClosed(false);
    Q_EMIT visibleChanged(true);
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

RingState TrayIcon::ringState() const
{
    return RingState{m_fraction, m_syncPaused || m_syncFailing, PlatformRingStyle};
}

void TrayIcon::updateIcon()
{
    const RingState state = ringState();
    if (state.fraction == m_shownState.fraction && state.paused == m_shownState.paused) {
        return;
    }
    m_shownState = state;
    m_tray->setIcon(iconFor(state));
}

void TrayIcon::setSpend(std::int64_t todayNano, std::int64_t monthNano)
{
    m_todayNano = todayNano;
    m_monthNano = monthNano;
    updateToolTip();
}

void TrayIcon::setBudgetFraction(std::optional<qreal> fraction)
{
    m_fraction = fraction;
    updateIcon();
    updateToolTip();
}

void TrayIcon::setBudget(const std::optional<TrayBudget> &budget)
{
    m_budget = budget;
    setBudgetFraction(budget ? std::optional<qreal>(static_cast<qreal>(budget->basisPoints) / 10'000.0) : std::nullopt);
}

void TrayIcon::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    updateToolTip();
}

void TrayIcon::setLastSync(const std::optional<QDateTime> &lastSync)
{
    m_lastSync = lastSync;
    updateToolTip();
}

void TrayIcon::setSyncFailing(bool failing, const QString &reason)
{
    m_syncFailing = failing;
    m_syncError = failing ? reason : QString();
    updateIcon();
    updateToolTip();
}

void TrayIcon::setSyncPaused(bool paused)
{
    if (paused == m_syncPaused) {
        return;
    }
    m_syncPaused = paused;
    updateMenu();
    updateIcon();
    updateToolTip();
    Q_EMIT syncPausedChanged(paused);
}

void TrayIcon::updateMenu()
{
    m_pauseAction->setText(m_syncPaused ? tr("Resume sync") : tr("Pause sync"));
    updateToolTip();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::updateToolTip()
{
    QStringList parts;
    parts << tr("Today %1").arg(money(m_todayNano));
    if (m_budget) {
        const QString percent = QString::number(m_budget->basisPoints / 100);
        const QString so = money(m_budget->spendNano);
        const QString of = AlertText::amount(m_budget->amountNano);
        switch (m_budget->period) {
        case TrayBudget::Period::Month:
            parts << tr("Month %1 of %2 (%3 %)").arg(so, of, percent);
            break;
        case TrayBudget::Period::Week:
            parts << tr("Week %1 of %2 (%3 %)").arg(so, of, percent);
            break;
        case TrayBudget::Period::Day:
            parts << tr("Budget for today %1 of %2 (%3 %)").arg(so, of, percent);
            break;
        }
        parts << tr("forecast %1").arg(AlertText::rounded(m_budget->forecastNano));
    } else if (m_fraction) {
        parts << tr("Month %1 (%2 % of budget)").arg(money(m_monthNano)).arg(qRound(*m_fraction * 100.0));
    } else {
        parts << tr("Month %1").arg(money(m_monthNano));
    }
    if (m_syncPaused) {
        parts << tr("sync paused");
    } else if (m_syncFailing) {
        parts << (m_syncError.isEmpty() ? tr("sync failing") : tr("sync failing: %1").arg(m_syncError));
    }
    if (m_lastSync) {
        const QDateTime local = m_lastSync->toTimeZone(m_zone);
        const bool today = local.date() == m_clock.nowUtc().toTimeZone(m_zone).date();
        parts << tr("last sync %1")
                     .arg(today ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                : QLocale().toString(local, QLocale::ShortFormat));
    } else {
        parts << tr("not synced yet");
    }
    m_tray->setToolTip(tr("Burnrate — %1").arg(parts.join(QStringLiteral(" · "))));
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    if (reason == QSystemTrayIcon::Trigger) {
        toggleWindow();
    }
}

void TrayIcon::toggleWindow()
{
    if (m_window && m_window->isVisible() && !m_window->isMinimized()) {
        m_window->hide();
    } else {
        showWindow();
    }
}

void TrayIcon::showWindow()
{
    if (!m_window) {
        return;
    }
    if (m_window->isMinimized()) {
        m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace burnrate::ui
