#include "ui/pages/conversationspage.h"

#include "ledger/conversationrequests.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "ui/format.h"
#include "ui/models/conversationmodel.h"
#include "ui/models/requestmodel.h"
#include "ui/widgets/daterangeedit.h"
#include "ui/widgets/tableviews.h"
#include "util/checkedsum.h"
#include "util/clock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

// Refills a filter combo: "all" (no data) first, then the values; keeps the current choice when it is still there.
void fillCombo(QComboBox *combo, const QString &all, const QList<std::pair<QString, QString>> &items)
{
    const QVariant current = combo->currentData();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(all);
    for (const auto &[text, value] : items) {
        combo->addItem(text, value);
    }
    const int index = current.isValid() ? combo->findData(current) : 0;
    combo->setCurrentIndex(std::max(index, 0));
}

QList<std::pair<QString, QString>> itemsOf(const QStringList &values)
{
    QList<std::pair<QString, QString>> items;
    for (const QString &v : values) {
        items.append({v, v});
    }
    return items;
}

QStringList chosen(const QComboBox *combo)
{
    const QVariant v = combo->currentData();
    return v.isValid() ? QStringList{v.toString()} : QStringList();
}

} // namespace

ConversationsPage::ConversationsPage(Ledger &ledger, const Clock &clock, QWidget *parent)
    : DeferredPage(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_model(new ConversationModel(this))
    , m_requestModel(new RequestModel(this))
    , m_summary(new QLabel(this))
    , m_requestsTitle(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    buildFilters(bar);
    layout->addLayout(bar);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = makeSortedTable(m_model, ConversationModel::RawValueRole, splitter, &m_proxy);
    m_table->setObjectName(QStringLiteral("conversationTable"));
    auto *drill = new QWidget(splitter);
    auto *drillLayout = new QVBoxLayout(drill);
    drillLayout->setContentsMargins(0, 0, 0, 0);
    m_requestsTitle->setObjectName(QStringLiteral("requestsTitle"));
    drillLayout->addWidget(m_requestsTitle);
    m_requests = makeSortedTable(m_requestModel, RequestModel::RawValueRole, drill);
    m_requests->setObjectName(QStringLiteral("requestTable"));
    drillLayout->addWidget(m_requests);
    splitter->addWidget(m_table);
    splitter->addWidget(drill);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    m_requestsTitle->setText(tr("Choose a conversation to see its requests."));

    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { showRequestsOfRow(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid()) {
                    showRequestsOfRow(current.row());
                }
            });
}

void ConversationsPage::buildFilters(QHBoxLayout *bar)
{
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("sourceFilter"));
    m_project = new QComboBox(this);
    m_project->setObjectName(QStringLiteral("projectFilter"));
    m_project->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_project->setMinimumContentsLength(16);
    m_modelFilter = new QComboBox(this);
    m_modelFilter->setObjectName(QStringLiteral("modelFilter"));
    m_range = new DateRangeEdit(this);
    const QDate today = m_ledger.calendar().dateOf(m_clock.nowMs());
    m_range->setRange(today.addDays(-29), today);
    struct Labelled
    {
        QString label;
        QWidget *widget;
    };
    for (const Labelled &l : {Labelled{tr("&Source"), m_source}, Labelled{tr("&Project"), m_project},
                              Labelled{tr("&Model"), m_modelFilter}}) {
        auto *label = new QLabel(l.label, this);
        label->setBuddy(l.widget);
        bar->addWidget(label);
        bar->addWidget(l.widget);
    }
    bar->addStretch(1);
    bar->addWidget(m_range);
    fillCombo(m_source, tr("All sources"), {});
    fillCombo(m_project, tr("All projects"), {});
    fillCombo(m_modelFilter, tr("All models"), {});
    for (QComboBox *combo : {m_source, m_project, m_modelFilter}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &ConversationsPage::reload);
    }
    connect(m_range, &DateRangeEdit::rangeChanged, this, &ConversationsPage::reload);
}

ReportFilter ConversationsPage::filter() const
{
    ReportFilter f;
    f.sources = chosen(m_source);
    f.models = chosen(m_modelFilter);
    if (const QVariant p = m_project->currentData(); p.isValid()) {
        f.project = p.toString();
    }
    return f;
}

void ConversationsPage::fillFacets()
{
    auto facets = conversationFacets(m_ledger);
    if (!facets) {
        Q_EMIT failed(facets.error());
        return;
    }
    fillCombo(m_source, tr("All sources"), itemsOf(facets->sources));
    auto projects = itemsOf(facets->projects);
    projects.prepend({tr("(no project)"), QStringLiteral("")});
    fillCombo(m_project, tr("All projects"), projects);
    fillCombo(m_modelFilter, tr("All models"), itemsOf(facets->models));
}

void ConversationsPage::refresh()
{
    // The user's zone, as it is now (it can change while the app runs).
    m_model->setTimeZone(m_ledger.calendar().zone());
    m_requestModel->setTimeZone(m_ledger.calendar().zone());
    fillFacets();
    ReportRequest request;
    request.by = ReportBy::Conversation;
    request.since = m_range->from();
    request.until = m_range->until();
    auto report = ReportQuery(m_ledger, m_clock).run(request, filter());
    if (!report) {
        Q_EMIT failed(report.error());
        return;
    }
    m_model->setRows(report->rows);
    m_table->resizeColumnsToContents();
    QStringList parts{tr("%n conversation(s)", nullptr, static_cast<int>(report->rows.size())),
                      tr("spend %1").arg(Format::cost(report->total.costNano))};
    if (report->subscriptionValueNano > 0) {
        parts << tr("subscription value %1 (not spend)").arg(Format::cost(report->subscriptionValueNano));
    }
    std::int64_t unpriced = report->total.unpricedRequests;
    SumCheck sums;
    for (const ReportRow &row : std::as_const(report->rows)) {
        sums.add(unpriced, ConversationModel::isSubscription(row) ? row.unpricedRequests : 0, "unpriced requests");
    }
    if (!sums.ok()) {
        parts << sums.error();
    } else if (unpriced > 0) {
        parts << tr("%1 without a price").arg(Format::requests(unpriced));
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    // The drill-down follows the filters: the same conversation, again, or nothing when it is gone.
    const QString shown = m_shown;
    m_shown.clear();
    for (qsizetype i = 0; i < report->rows.size(); ++i) {
        if (!shown.isEmpty() && report->rows.at(i).key == shown) {
            showRequests(shown);
            m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(static_cast<int>(i), 0)));
            return;
        }
    }
    m_requestModel->setRequests({});
    m_requestsTitle->setText(tr("Choose a conversation to see its requests."));
}

void ConversationsPage::showRequestsOfRow(int row)
{
    const QModelIndex index = m_proxy->mapToSource(m_proxy->index(row, ConversationModel::Conversation));
    if (!index.isValid()) {
        return;
    }
    showRequests(m_model->rows().at(index.row()).key);
}

void ConversationsPage::showRequests(const QString &conversationId)
{
    if (conversationId == m_shown) {
        return;
    }
    m_shown = conversationId;
    if (conversationId.isEmpty()) {
        m_requestModel->setRequests({});
        m_requestsTitle->setText(tr("Requests without a conversation are not listed one by one."));
        return;
    }
    const UtcRange range = utcRangeOf(m_ledger.calendar(), m_range->from(), m_range->until());
    auto requests = ConversationRequestsQuery(m_ledger).run(conversationId, range, filter(), RequestLimit);
    if (!requests) {
        Q_EMIT failed(requests.error());
        return;
    }
    m_requestModel->setRequests(requests->requests);
    m_requests->resizeColumnsToContents();
    m_requestsTitle->setText(
        requests->total > requests->requests.size()
            ? tr("Requests of %1: the first %2 of %3")
                  .arg(conversationId, Format::count(requests->requests.size()), Format::count(requests->total))
            : tr("Requests of %1: %2").arg(conversationId, Format::requests(requests->total)));
}

} // namespace burnrate::ui
