#ifndef BURNRATE_UI_TRAY_TRAYICON_H
#define BURNRATE_UI_TRAY_TRAYICON_H

#include "ui/tray/ringicon.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimeZone>

#include <cstdint>
#include <memory>
#include <optional>

class QAction;
class QMenu;
class QTimer;
class QWidget;

namespace burnrate {
class Clock;
}

namespace burnrate::ui {

// The primary budget as the tray shows it.
struct TrayBudget
{
    enum class Period
    {
        Month,
        Week,
        Day
    };
    Period period = Period::Month;
    std::int64_t spendNano = 0; // in the budget's current period
    std::int64_t amountNano = 0;
    std::int64_t basisPoints = 0; // spend ÷ amount in hundredths of a percent
    std::int64_t forecastNano = 0;
};

// Owns the tray icon: the budget ring (grey with a pause mark while sync is paused or failing; a template
// image on macOS), a tooltip with today, the budget period so far, the forecast and the last sync, a menu
// (Open Burnrate, Sync now, Pause/Resume sync, Quit), and a left click that shows or hides `window`. While the
// icon is shown, closing the window keeps the app running in the tray.
class TrayIcon final : public QObject
{
    Q_OBJECT

public:
    // `clock` tells whether the last sync was today; times are shown in `setTimeZone`'s zone (the system's until
    // then).
    TrayIcon(const Clock &clock, QWidget *window, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Shows the icon. A tray that is not there yet (the app started before the panel, at login)
    // is tried again a few times; returns whether the icon is shown now.
    bool show();
    bool isVisible() const;

    void setSpend(std::int64_t todayNano, std::int64_t monthNano);
    // The primary budget's use, 1.0 = 100 %; std::nullopt when there is no budget.
    void setBudgetFraction(std::optional<qreal> fraction);
    // The primary budget in full (sets the fraction too); std::nullopt when there is none.
    void setBudget(const std::optional<TrayBudget> &budget);
    // From the sync service: when it last succeeded, and whether it is failing now (with the reason).
    void setLastSync(const std::optional<QDateTime> &lastSync);
    void setSyncFailing(bool failing, const QString &reason = QString());
    // The user's time zone, for the time of the last sync.
    void setTimeZone(const QTimeZone &zone);
    // Pause/Resume from the menu, or from settings.
    void setSyncPaused(bool paused);
    bool isSyncPaused() const { return m_syncPaused; }

    QString toolTip() const;
    QMenu *menu() const { return m_menu.get(); }
    QSystemTrayIcon *systemTrayIcon() const { return m_tray; }
    // What the ring shows now.
    RingState ringState() const;

    // Hides the window when it is shown, else shows it in front (a left click on the icon).
    void toggleWindow();
    // Shows the window, restored and in front ("Open Burnrate").
    void showWindow();

Q_SIGNALS:
    void visibleChanged(bool visible);
    void syncNowRequested();
    void syncPausedChanged(bool paused);

private:
    void retryShow();
    void showNow();
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void updateIcon();
    void updateToolTip();
    void updateMenu();

    const Clock &m_clock;
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray;
    std::unique_ptr<QMenu> m_menu;
    QAction *m_openAction = nullptr;
    QAction *m_syncNowAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QTimer *m_retryTimer;
    int m_retriesLeft = 0;
    std::int64_t m_todayNano = 0;
    std::int64_t m_monthNano = 0;
    std::optional<qreal> m_fraction;
    std::optional<TrayBudget> m_budget;
    std::optional<QDateTime> m_lastSync;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    bool m_syncFailing = false;
    QString m_syncError;
    bool m_syncPaused = false;
    RingState m_shownState;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_TRAY_TRAYICON_H
