#include "tray/trayicon.h"

#include "money/money.h"
#include "tray/ringicon.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QTimer>
#include <QWidget>

namespace burnrate::ui {

namespace {

constexpr int ShowRetries = 5;
constexpr int ShowRetryIntervalMs = 5000;

} // namespace

TrayIcon::TrayIcon(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(std::make_unique<QMenu>())
    , m_retryTimer(new QTimer(this))
{
    m_openAction = m_menu->addAction(tr("Open Burnrate"));
    connect(m_openAction, &QAction::triggered, this, &TrayIcon::showWindow);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"));
    connect(quit, &QAction::triggered, qApp, &QCoreApplication::quit);

    m_tray->setContextMenu(m_menu.get());
    m_tray->setIcon(ringIcon(m_fraction));
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

void TrayIcon::setSpend(std::int64_t todayNano, std::int64_t monthNano)
{
    m_todayNano = todayNano;
    m_monthNano = monthNano;
    updateToolTip();
}

void TrayIcon::setBudgetFraction(std::optional<qreal> fraction)
{
    if (fraction == m_fraction) {
        return;
    }
    m_fraction = fraction;
    m_tray->setIcon(ringIcon(m_fraction));
    updateToolTip();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::updateToolTip()
{
    QString text =
        tr("Burnrate — today %1 · month %2")
            .arg(Money::fromNano(m_todayNano).toDisplayString(), Money::fromNano(m_monthNano).toDisplayString());
    if (m_fraction) {
        text += tr(" (%1 % of budget)").arg(qRound(*m_fraction * 100.0));
    }
    m_tray->setToolTip(text);
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
