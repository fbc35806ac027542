#ifndef BURNRATE_UI_SETTINGS_BUDGETSSECTION_H
#define BURNRATE_UI_SETTINGS_BUDGETSSECTION_H

#include "budget/budget.h"
#include "ui/settings/settingssection.h"

#include <QList>
#include <QStringList>

class QPushButton;
class QTableWidget;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class BudgetEditDialog;

// Budgets: the list from the ledger's BudgetStore, with Add, Edit and Remove. Edits are kept here until Apply.
class BudgetsSection final : public SettingsSection
{
    Q_OBJECT

public:
    BudgetsSection(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    // The budgets as they will be stored on Apply.
    const QList<Budget> &budgets() const { return m_budgets; }
    QTableWidget *table() const { return m_table; }
    // The add/edit dialog while it is open (non-modal to the event loop: open(), not exec()).
    BudgetEditDialog *editor() const { return m_editor; }

public Q_SLOTS:
    void addBudget();
    void editBudget();
    void removeBudget();

private:
    void openEditor(int row);
    void refreshTable();

    Ledger &m_ledger;
    const Clock &m_clock;
    QList<Budget> m_budgets;
    QStringList m_removed;
    QTableWidget *m_table = nullptr;
    BudgetEditDialog *m_editor = nullptr;
    QString m_loadError;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_BUDGETSSECTION_H
