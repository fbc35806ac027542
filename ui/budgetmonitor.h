#ifndef BURNRATE_UI_BUDGETMONITOR_H
#define BURNRATE_UI_BUDGETMONITOR_H

#include "budget/budgetengine.h"

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <optional>

class QTimer;

namespace burnrate {
class Clock;
class Ledger;
class SpendSource;
} // namespace burnrate

namespace burnrate::ui {

class Notifier;
class TrayIcon;

// Runs the budget check where the app needs it — at start, after every sync and import (check()), at each
// period start (a timer to the next local midnight of the injected clock) and when another process changed
// the ledger (a `burnrate import` in a terminal: SQLite's data_version, polled) — and hands the results on:
// notifications to the funnel, the primary budget and today's spend to the tray.
class BudgetMonitor final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 30'000;

    BudgetMonitor(Ledger &ledger, SpendSource &spend, const Clock &clock, BudgetOptions options = {},
                  QObject *parent = nullptr);
    ~BudgetMonitor() override;

    void setNotifier(Notifier *notifier);
    void setTray(TrayIcon *tray);
    // New options for the next checks (the user changed a setting); check() applies them at once.
    void setOptions(const BudgetOptions &options) { m_engine.setOptions(options); }
    // How often to look for changes by other processes (0: never).
    void setPollInterval(int ms);

    // Checks now and keeps checking at period starts and on outside changes.
    void start();

    const std::optional<BudgetCheck> &lastCheck() const { return m_last; }
    // When the next period-start check is due (UTC ms of the injected clock).
    std::int64_t nextBoundaryMs() const { return m_nextBoundaryMs; }

public Q_SLOTS:
    // The entry point after every sync and import.
    void check();

Q_SIGNALS:
    void checked(const burnrate::BudgetCheck &result);
    void checkFailed(const QString &error);

private:
    void scheduleBoundary();
    void onBoundaryTimer();
    void pollExternalChanges();
    void updateTray(const BudgetCheck &result);
    std::optional<std::int64_t> dataVersion();

    Ledger &m_ledger;
    SpendSource &m_spend;
    const Clock &m_clock;
    BudgetEngine m_engine;
    QPointer<Notifier> m_notifier;
    QPointer<TrayIcon> m_tray;
    QTimer *m_boundaryTimer;
    QTimer *m_pollTimer;
    std::int64_t m_nextBoundaryMs = 0;
    std::optional<std::int64_t> m_dataVersion;
    std::optional<BudgetCheck> m_last;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_BUDGETMONITOR_H
