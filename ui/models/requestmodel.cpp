#include "ui/models/requestmodel.h"

#include "ui/format.h"

#include <QFont>

#include <iterator>

namespace burnrate::ui {

namespace {

bool isNumeric(int column)
{
    return column >= RequestModel::Input && column <= RequestModel::SubscriptionValue;
}

bool isSubscription(const ConversationRequest &r)
{
    return r.billing == Billing::Subscription;
}

} // namespace

RequestModel::RequestModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RequestModel::setRequests(QList<ConversationRequest> requests)
{
    beginResetModel();
    m_requests = std::move(requests);
    endResetModel();
}

int RequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_requests.size());
}

int RequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ConversationRequest &r = m_requests.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case RawValueRole:
        return raw(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Pricing && !r.priceRef.isEmpty()) {
            return r.priceRef;
        }
        return {};
    case Qt::TextAlignmentRole:
        return Format::alignment(isNumeric(index.column()));
    case Qt::FontRole:
        if ((index.column() == Pricing && !r.costNano) || (index.column() == SubscriptionValue && isSubscription(r))) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant RequestModel::display(const ConversationRequest &r, int column) const
{
    switch (column) {
    case Time:
        return Format::dateTime(r.occurredAtMs, m_zone);
    case Source:
        return r.source;
    case Model:
        return r.model;
    case Input:
        return Format::count(r.tokens.inputUncached);
    case CacheRead:
        return Format::count(r.tokens.cacheRead);
    case CacheWrite:
        return Format::count(r.tokens.cacheWrite5m + r.tokens.cacheWrite1h);
    case Output:
        return Format::count(r.tokens.output);
    case Spend:
        return Format::costIf(!isSubscription(r) && r.costNano, r.costNano.value_or(0));
    case SubscriptionValue:
        return Format::costIf(isSubscription(r) && r.costNano, r.costNano.value_or(0));
    case Pricing:
        if (!r.costNano) {
            return tr("unpriced");
        }
        return r.priceRef == QLatin1String("reported") ? tr("reported by the source") : tr("estimated");
    case Status:
        return r.outcome.isEmpty() ? r.status : tr("%1, %2").arg(r.status, r.outcome);
    default:
        return {};
    }
}

QVariant RequestModel::raw(const ConversationRequest &r, int column) const
{
    switch (column) {
    case Time:
        return static_cast<qlonglong>(r.occurredAtMs);
    case Source:
        return r.source;
    case Model:
        return r.model;
    case Input:
        return static_cast<qlonglong>(r.tokens.inputUncached);
    case CacheRead:
        return static_cast<qlonglong>(r.tokens.cacheRead);
    case CacheWrite:
        return static_cast<qlonglong>(r.tokens.cacheWrite5m + r.tokens.cacheWrite1h);
    case Output:
        return static_cast<qlonglong>(r.tokens.output);
    case Spend:
        return static_cast<qlonglong>(isSubscription(r) ? 0 : r.costNano.value_or(0));
    case SubscriptionValue:
        return static_cast<qlonglong>(isSubscription(r) ? r.costNano.value_or(0) : 0);
    case Pricing:
        return r.costNano ? r.priceRef : QString();
    case Status:
        return r.status;
    default:
        return {};
    }
}

QVariant RequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return Format::alignment(isNumeric(section));
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    static const char *const Titles[] = {
        QT_TR_NOOP("Time"),    QT_TR_NOOP("Source"),     QT_TR_NOOP("Model"),
        QT_TR_NOOP("Input"),   QT_TR_NOOP("Cache read"), QT_TR_NOOP("Cache write"),
        QT_TR_NOOP("Output"),  QT_TR_NOOP("Spend"),      QT_TR_NOOP("Subscription value"),
        QT_TR_NOOP("Pricing"), QT_TR_NOOP("Status")};
    static_assert(std::size(Titles) == ColumnCount);
    return tr(Titles[section]);
}

} // namespace burnrate::ui
