#include "ui/settings/budgeteditdialog.h"

#include "budget/budgetedit.h"
#include "money/money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace burnrate::ui {

BudgetEditDialog::BudgetEditDialog(std::optional<Budget> existing, QStringList takenNames, QWidget *parent)
    : QDialog(parent)
    , m_existing(std::move(existing))
    , m_taken(std::move(takenNames))
    , m_name(new QLineEdit(this))
    , m_amount(new QLineEdit(this))
    , m_period(new QComboBox(this))
    , m_startDay(new QSpinBox(this))
    , m_scope(new QLineEdit(this))
    , m_thresholds(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(m_existing ? tr("Edit Budget") : tr("Add Budget"));
    for (const BudgetPeriod p : {BudgetPeriod::Monthly, BudgetPeriod::Weekly, BudgetPeriod::Daily}) {
        m_period->addItem(budgetPeriodName(p), budgetPeriodName(p));
    }
    m_startDay->setRange(1, Budget::MaxStartDay);
    m_amount->setPlaceholderText(tr("US dollars, like 100 or 49.50"));
    m_scope->setPlaceholderText(tr("all API spend, or provider:openai, workflow:NAME, tag:KEY=VALUE"));
    const Budget b = m_existing.value_or(Budget{});
    m_name->setText(b.name);
    m_name->setReadOnly(m_existing.has_value());
    if (m_existing) {
        m_amount->setText(Money::fromNano(b.amountNano).toDecimalString());
    }
    m_period->setCurrentIndex(m_period->findData(budgetPeriodName(b.period)));
    m_startDay->setValue(b.startDay);
    m_scope->setText(b.scope.kind == BudgetScope::Kind::Global ? QString() : b.scope.toString()); // empty: global
    m_thresholds->setText(Budget::thresholdsText(b.thresholds));
    const auto monthly = [this] {
        m_startDay->setEnabled(m_period->currentData().toString() == budgetPeriodName(BudgetPeriod::Monthly));
    };
    connect(m_period, &QComboBox::currentIndexChanged, this, monthly);
    monthly();
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Amount (USD)"), m_amount);
    form->addRow(tr("Period"), m_period);
    form->addRow(tr("Starts on day"), m_startDay);
    form->addRow(tr("Counts"), m_scope);
    form->addRow(tr("Alert at % of budget"), m_thresholds);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &BudgetEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BudgetEditDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

QString BudgetEditDialog::problem() const
{
    return m_problem->text();
}

void BudgetEditDialog::accept()
{
    Budget b = m_existing.value_or(Budget{});
    b.name = m_name->text().trimmed();
    if (!m_existing && m_taken.contains(b.name)) {
        m_problem->setText(tr("There is a budget named \"%1\" already; edit it instead.").arg(b.name));
        return;
    }
    BudgetEdit edit;
    edit.amount = m_amount->text();
    edit.period = m_period->currentData().toString();
    if (m_startDay->isEnabled()) {
        edit.startDay = QString::number(m_startDay->value());
    }
    edit.scope = m_scope->text().trimmed().isEmpty() ? QStringLiteral("global") : m_scope->text().trimmed();
    edit.thresholds = m_thresholds->text();
    if (const auto problem = edit.applyTo(b, !m_existing)) {
        static const char *const Fields[] = {QT_TR_NOOP("Amount"), QT_TR_NOOP("Period"), QT_TR_NOOP("Start day"),
                                             QT_TR_NOOP("Counts"), QT_TR_NOOP("Alert thresholds")};
        m_problem->setText(tr("%1: %2").arg(tr(Fields[static_cast<int>(problem->field)]), problem->message));
        return;
    }
    if (const QString problem = b.validate(); !problem.isEmpty()) {
        m_problem->setText(problem.left(1).toUpper() + problem.mid(1));
        return;
    }
    m_problem->clear();
    m_result = b;
    QDialog::accept();
}

} // namespace burnrate::ui
