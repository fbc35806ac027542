#ifndef BURNRATE_UI_TRAY_TRAYICON_H
#define BURNRATE_UI_TRAY_TRAYICON_H

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

#include <cstdint>
#include <memory>
#include <optional>

class QAction;
class QMenu;
class QTimer;
class QWidget;

namespace burnrate::ui {

// Owns the tray icon: the budget ring, a tooltip with today's and the month's spend, a menu
// (Open Burnrate, Quit), and a left click that shows or hides `window`. While the icon is shown,
// closing the window keeps the app running in the tray.
class TrayIcon final : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QWidget *window, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Shows the icon. A tray that is not there yet (the app started before the panel, at login)
    // is tried again a few times; returns whether the icon is shown now.
    bool show();
    bool isVisible() const;

    void setSpend(std::int64_t todayNano, std::int64_t monthNano);
    // The primary budget's use, 1.0 = 100 %; std::nullopt when there is no budget.
    void setBudgetFraction(std::optional<qreal> fraction);

    QString toolTip() const;
    QMenu *menu() const { return m_menu.get(); }
    QSystemTrayIcon *systemTrayIcon() const { return m_tray; }

    // Hides the window when it is shown, else shows it in front (a left click on the icon).
    void toggleWindow();
    // Shows the window, restored and in front ("Open Burnrate").
    void showWindow();

Q_SIGNALS:
    void visibleChanged(bool visible);

private:
    void retryShow();
    void showNow();
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void updateToolTip();

    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray;
    std::unique_ptr<QMenu> m_menu;
    QAction *m_openAction = nullptr;
    QTimer *m_retryTimer;
    int m_retriesLeft = 0;
    std::int64_t m_todayNano = 0;
    std::int64_t m_monthNano = 0;
    std::optional<qreal> m_fraction;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_TRAY_TRAYICON_H
