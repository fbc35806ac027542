#ifndef BURNRATE_UI_WIDGETS_BUDGETMETER_H
#define BURNRATE_UI_WIDGETS_BUDGETMETER_H

#include "budget/budgetengine.h"

#include <QColor>
#include <QFrame>

class QLabel;

namespace burnrate::ui {

// One budget on the overview: its name and period, a bar filled to spend ÷ amount in the tray ring's colours
// (green < 50 %, amber < 80 %, orange < 100 %, red from 100 %), the percentage, and spend, amount and forecast.
class BudgetMeter final : public QFrame
{
    Q_OBJECT

public:
    explicit BudgetMeter(QWidget *parent = nullptr);

    void setStatus(const BudgetStatus &status);

    const BudgetStatus &status() const { return m_status; }
    QString percentText() const;
    QString detailText() const;
    QColor tone() const;

private:
    BudgetStatus m_status;
    QLabel *m_name;
    QLabel *m_percent;
    QLabel *m_detail;
    QWidget *m_bar;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_BUDGETMETER_H
