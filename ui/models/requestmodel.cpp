#include "ui/models/requestmodel.h"

#include "ui/format.h"

#include <iterator>

namespace burnrate::ui {

namespace {

bool isSubscription(const ConversationRequest &r)
{
    return r.billing == Billing::Subscription;
}

} // namespace

RequestModel::RequestModel(QObject *parent)
    : RowTableModel(parent)
{}

bool RequestModel::isNumeric(int column) const
{
    return column >= Input && column <= SubscriptionValue;
}

void RequestModel::setRequests(QList<ConversationRequest> requests)
{
    beginResetModel();
    m_requests = std::move(requests);
    endResetModel();
}

QVariant RequestModel::toolTip(int at, int column) const
{
    const ConversationRequest &r = m_requests.at(at);
    if (column == Pricing && !r.priceRef.isEmpty()) {
        return r.priceRef;
    }
    return {};
}

QVariant RequestModel::otherRole(int at, int column, int role) const
{
    const ConversationRequest &r = m_requests.at(at);
    if (role == Qt::FontRole &&
        ((column == Pricing && !r.costNano) || (column == SubscriptionValue && isSubscription(r)))) {
        return italicFont();
    }
    return {};
}

QVariant RequestModel::display(int at, int column) const
{
    const ConversationRequest &r = m_requests.at(at);
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

QVariant RequestModel::raw(int at, int column) const
{
    const ConversationRequest &r = m_requests.at(at);
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

QString RequestModel::title(int column) const
{
    static const char *const Titles[] = {
        QT_TR_NOOP("Time"),    QT_TR_NOOP("Source"),     QT_TR_NOOP("Model"),
        QT_TR_NOOP("Input"),   QT_TR_NOOP("Cache read"), QT_TR_NOOP("Cache write"),
        QT_TR_NOOP("Output"),  QT_TR_NOOP("Spend"),      QT_TR_NOOP("Subscription value"),
        QT_TR_NOOP("Pricing"), QT_TR_NOOP("Status")};
    static_assert(std::size(Titles) == ColumnCount);
    return tr(Titles[column]);
}

} // namespace burnrate::ui
