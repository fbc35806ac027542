#ifndef BURNRATE_UI_SETTINGS_BUDGETEDITDIALOG_H
#define BURNRATE_UI_SETTINGS_BUDGETEDITDIALOG_H

#include "budget/budget.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace burnrate::ui {

// Adds or edits one budget. The fields go through BudgetEdit and Budget::validate(), exactly as the options of
// `burnrate budget set` do; OK is refused, with the reason shown, until they pass.
class BudgetEditDialog final : public QDialog
{
    Q_OBJECT

public:
    // `existing`: the budget to edit (its name cannot change), or nullopt for a new one. `takenNames`: names of
    // the other budgets.
    BudgetEditDialog(std::optional<Budget> existing, QStringList takenNames, QWidget *parent = nullptr);

    // The budget as entered; valid after accept().
    const Budget &budget() const { return m_result; }
    QString problem() const;

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *amountField() const { return m_amount; }
    QComboBox *periodField() const { return m_period; }
    QSpinBox *startDayField() const { return m_startDay; }
    QLineEdit *scopeField() const { return m_scope; }
    QLineEdit *thresholdsField() const { return m_thresholds; }

public Q_SLOTS:
    void accept() override;

private:
    std::optional<Budget> m_existing;
    QStringList m_taken;
    Budget m_result;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_amount = nullptr;
    QComboBox *m_period = nullptr;
    QSpinBox *m_startDay = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_thresholds = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_BUDGETEDITDIALOG_H
