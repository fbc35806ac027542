#include "ui/pages/reconciliationpage.h"

#include "ledger/ledger.h"
#include "ledger/reconcilequery.h"
#include "money/money.h"
#include "ui/models/reconciletablemodel.h"
#include "ui/models/reporttablemodel.h"
#include "util/checkedsum.h"
#include "util/clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace burnrate::ui {

ReconciliationPage::ReconciliationPage(Ledger &ledger, const Clock &clock, QWidget *parent)
    : Page(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_since(new QDateEdit(this))
    , m_until(new QDateEdit(this))
    , m_provider(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_model(new ReconcileTableModel(this))
{
    const QDate today = m_clock.nowUtc().date();
    for (QDateEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_since->setDate(today.addDays(1 - DefaultDays));
    m_until->setDate(today);
    m_provider->addItem(tr("All providers"), QString());

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_since);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_until);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Provider"), this));
    filters->addWidget(m_provider);
    filters->addStretch(1);

    auto *intro = new QLabel(tr("What each provider billed against what Burnrate estimated from its usage API, per UTC "
                                "day. Open days are not final yet (24 hours after the day ends); drifts of %1% or more "
                                "are highlighted.")
                                 .arg(ReconcileTableModel::LargeDriftPercent, 0, 'f', 0),
                             this);
    intro->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);

    const auto changed = [this] {
        if (!m_updating) {
            reload();
        }
    };
    connect(m_since, &QDateEdit::dateChanged, this, changed);
    connect(m_until, &QDateEdit::dateChanged, this, changed);
    connect(m_provider, &QComboBox::currentIndexChanged, this, changed);
}

QString ReconciliationPage::title() const
{
    return tr("Reconciliation");
}

void ReconciliationPage::setRange(QDate since, QDate until)
{
    m_updating = true;
    m_since->setDate(since);
    m_until->setDate(until);
    m_updating = false;
    reload();
}

void ReconciliationPage::setProvider(const QString &provider)
{
    int index = m_provider->findData(provider);
    if (index < 0) {
        m_updating = true;
        m_provider->addItem(ReportTableModel::providerDisplayName(provider), provider);
        m_updating = false;
        index = m_provider->count() - 1;
    }
    m_provider->setCurrentIndex(index); // reloads when it changes
}

QString ReconciliationPage::provider() const
{
    return m_provider->currentData().toString();
}

QString ReconciliationPage::summaryText() const
{
    return m_summary->text();
}

void ReconciliationPage::reload()
{
    QDate since = m_since->date();
    QDate until = m_until->date();
    if (since > until) {
        std::swap(since, until);
    }
    auto result = ReconcileQuery(m_ledger, m_clock).run(since, until);
    if (!result) {
        m_model->setRows({});
        m_summary->setText(tr("Cannot read the ledger: %1").arg(result.error()));
        Q_EMIT failed(result.error());
        return;
    }
    QStringList providers;
    QList<ReconcileRow> rows;
    const QString wanted = provider();
    for (const ReconcileRow &row : std::as_const(result->rows)) {
        if (!providers.contains(row.provider)) {
            providers << row.provider;
        }
        if (wanted.isEmpty() || row.provider == wanted) {
            rows << row;
        }
    }
    updateProviders(providers);
    std::int64_t billed = 0;
    std::int64_t estimated = 0;
    SumCheck sums;
    int open = 0;
    int large = 0;
    for (const ReconcileRow &row : std::as_const(rows)) {
        if (row.billedNano && row.estimatedNano) {
            sums.add(billed, *row.billedNano, "billed cost in nano-USD");
            sums.add(estimated, *row.estimatedNano, "estimated cost in nano-USD");
        }
        open += row.closed ? 0 : 1;
        large += ReconcileTableModel::isLargeDrift(row) ? 1 : 0;
    }
    m_model->setRows(rows);
    if (rows.isEmpty()) {
        m_summary->setText(
            tr("No billed or estimated provider data in this range. Add an admin key in Settings and sync."));
        return;
    }
    if (!sums.ok()) {
        m_summary->setText(tr("Cannot add up the range: %1").arg(sums.error()));
        Q_EMIT failed(sums.error());
        return;
    }
    m_summary->setText(
        tr("%n provider-day(s): on days with both, billed %1, estimated %2. %3 open, %4 with a large "
           "drift.",
           nullptr, static_cast<int>(rows.size()))
            .arg(Money::fromNano(billed).toDisplayString(2), Money::fromNano(estimated).toDisplayString(2))
            .arg(open)
            .arg(large));
}

void ReconciliationPage::updateProviders(const QStringList &providers)
{
    m_updating = true;
    for (const QString &p : providers) {
        if (m_provider->findData(p) < 0) {
            m_provider->addItem(ReportTableModel::providerDisplayName(p), p);
        }
    }
    m_updating = false;
}

} // namespace burnrate::ui
