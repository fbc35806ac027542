#include "ui/settings/budgetssection.h"

#include "budget/budgetstore.h"
#include "ledger/ledger.h"
#include "money/money.h"
#include "ui/settings/budgeteditdialog.h"
#include "util/clock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace burnrate::ui {

BudgetsSection::BudgetsSection(Ledger &ledger, const Clock &clock, QWidget *parent)
    : SettingsSection(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_table(new QTableWidget(0, 5, this))
{
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Amount"), tr("Period"), tr("Counts"), tr("Alerts at")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *add = new QPushButton(tr("Add…"), this);
    auto *edit = new QPushButton(tr("Edit…"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    add->setObjectName(QStringLiteral("addBudget"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(edit);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *intro = new QLabel(tr("A budget alerts you as spend passes its thresholds in each period. Changes are saved "
                                "on Apply."),
                             this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &BudgetsSection::addBudget);
    connect(edit, &QPushButton::clicked, this, &BudgetsSection::editBudget);
    connect(remove, &QPushButton::clicked, this, &BudgetsSection::removeBudget);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openEditor(row); });
}

QString BudgetsSection::title() const
{
    return tr("Budgets");
}

void BudgetsSection::load()
{
    auto list = BudgetStore(m_ledger.db()).list();
    m_loadError = list ? QString() : list.error();
    m_budgets = list ? *list : QList<Budget>{};
    m_removed.clear();
    refreshTable();
}

void BudgetsSection::refreshTable()
{
    m_table->setRowCount(static_cast<int>(m_budgets.size()));
    for (int r = 0; r < m_budgets.size(); ++r) {
        const Budget &b = m_budgets.at(r);
        const QString scope = b.scope.kind == BudgetScope::Kind::Global ? tr("all API spend") : b.scope.toString();
        const QString period = b.period == BudgetPeriod::Monthly && b.startDay != 1
                                   ? tr("%1 from day %2").arg(budgetPeriodName(b.period)).arg(b.startDay)
                                   : budgetPeriodName(b.period);
        const QStringList cells{b.name, Money::fromNano(b.amountNano).toDisplayString(2), period, scope,
                                Budget::thresholdsText(b.thresholds, QStringLiteral("%, ")) + QLatin1Char('%')};
        for (int c = 0; c < cells.size(); ++c) {
            m_table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
        }
    }
}

void BudgetsSection::addBudget()
{
    openEditor(-1);
}

void BudgetsSection::editBudget()
{
    if (m_table->currentRow() >= 0) {
        openEditor(m_table->currentRow());
    }
}

void BudgetsSection::removeBudget()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_budgets.size()) {
        return;
    }
    if (m_budgets.at(row).id != 0) {
        m_removed << m_budgets.at(row).name;
    }
    m_budgets.removeAt(row);
    refreshTable();
}

void BudgetsSection::openEditor(int row)
{
    if (m_editor) {
        return;
    }
    QStringList names;
    for (const Budget &b : std::as_const(m_budgets)) {
        names << b.name;
    }
    const std::optional<Budget> existing = row >= 0 ? std::optional<Budget>(m_budgets.at(row)) : std::nullopt;
    m_editor = new BudgetEditDialog(existing, names, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &QDialog::accepted, this, [this, row] {
        const Budget b = m_editor->budget();
        if (row >= 0) {
            m_budgets[row] = b;
        } else {
            m_removed.removeAll(b.name); // removed and added again: a new definition
            m_budgets << b;
        }
        refreshTable();
    });
    connect(m_editor, &QObject::destroyed, this, [this] { m_editor = nullptr; });
    m_editor->open();
}

QString BudgetsSection::apply(bool &changed)
{
    changed = false;
    if (!m_loadError.isEmpty()) {
        return tr("cannot read the budgets: %1").arg(m_loadError);
    }
    BudgetStore store(m_ledger.db());
    for (const QString &name : std::as_const(m_removed)) {
        auto removed = store.remove(name);
        if (!removed) {
            return removed.error();
        }
        changed = changed || *removed;
    }
    m_removed.clear();
    for (Budget &b : m_budgets) {
        auto stored = store.find(b.name);
        if (!stored) {
            return stored.error();
        }
        if (stored->has_value() && (*stored)->sameDefinition(b)) {
            continue;
        }
        auto saved = store.save(b, m_clock.nowMs());
        if (!saved) {
            return saved.error();
        }
        b = *saved;
        changed = true;
    }
    return QString();
}

} // namespace burnrate::ui
